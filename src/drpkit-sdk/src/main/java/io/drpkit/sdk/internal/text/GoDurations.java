package io.drpkit.sdk.internal.text;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go-style durations as DRP content writes them: {@code 500ms}, {@code 30s}, {@code 1m30s},
 * {@code 2h} (whole numbers of hours, minutes, seconds and milliseconds). Not API. Thread-safe
 * (stateless).
 */
public final class GoDurations {
    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]{1,9}(?:ms|h|m|s))+");
    private static final Pattern PART = Pattern.compile("([0-9]{1,9})(ms|h|m|s)");

    private GoDurations() {
    }

    /** The duration {@code text} denotes, or empty if it is not in the syntax. */
    public static Optional<Duration> parse(String text) {
        Objects.requireNonNull(text, "text == null");
        if (!WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
        }
        return Optional.of(d);
    }

    /** The shortest text {@link #parse} reads back as {@code d} (millisecond precision). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms <= 0) {
            return ms == 0 ? "0s" : ms + "ms";
        }
        StringBuilder s = new StringBuilder();
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        long sec = ms / 1000 % 60;
        long milli = ms % 1000;
        if (h > 0) {
            s.append(h).append('h');
        }
        if (m > 0) {
            s.append(m).append('m');
        }
        if (sec > 0) {
            s.append(sec).append('s');
        }
        if (milli > 0) {
            s.append(milli).append("ms");
        }
        return s.toString();
    }
}
