package io.drpkit.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Samples of one figure: median, spread and percentiles. Not thread-safe (fill, then read). */
final class Stats {
    private final List<Double> samples = new ArrayList<>();

    void add(double sample) {
        samples.add(sample);
    }

    boolean isEmpty() {
        return samples.isEmpty();
    }

    int count() {
        return samples.size();
    }

    double median() {
        return percentile(50);
    }

    /** The nearest-rank percentile {@code p} (0-100); NaN without samples. */
    double percentile(double p) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** {@code median (min-max, n=N)}, or {@code -} without samples. */
    String summary() {
        if (samples.isEmpty()) {
            return "-";
        }
        if (samples.size() == 1) {
            return fmt(samples.get(0));
        }
        return String.format(Locale.ROOT, "%s (%s-%s, n=%d)", fmt(median()), fmt(percentile(0)), fmt(percentile(100)),
                samples.size());
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
