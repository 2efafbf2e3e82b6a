package io.drpkit.sdk.runbook;

import io.drpkit.sdk.internal.text.GoDurations;
import java.time.Duration;
import java.util.Optional;

/** The {@code timeout} syntax of runbook documents: Go-style {@code 500ms}, {@code 30s}, {@code 1m30s}, {@code 2h}. */
final class Durations {
    private Durations() {
    }

    /** The duration {@code text} denotes, or empty if it is not in the syntax. */
    static Optional<Duration> parse(String text) {
        return GoDurations.parse(text);
    }

    /** The shortest text {@link #parse} reads back as {@code d} (millisecond precision). */
    static String format(Duration d) {
        return GoDurations.format(d);
    }
}
