package io.drpkit.sdk.internal.events;

import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * Counts occurrences of one problem and lets a warning through at most once per interval, the
 * first at once, each carrying the running count: a flood of drops never floods the log, and
 * never goes unreported. Thread-safe.
 */
final class WarningThrottle {
    private final long intervalNanos;
    private long count;             // guarded by this
    private long reported;          // guarded by this: count at the last warning
    private long lastWarning;       // guarded by this
    private boolean warned;         // guarded by this

    WarningThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Counts one occurrence; calls {@code warn} with the running total when a warning is due. */
    void occurred(LongConsumer warn) {
        long total;
        synchronized (this) {
            count++;
            long now = System.nanoTime();
            if (warned && now - lastWarning < intervalNanos) {
                return;
            }
            warned = true;
            lastWarning = now;
            reported = count;
            total = count;
        }
        warn.accept(total);
    }

    /** Calls {@code warn} with the running total if occurrences happened since the last warning. */
    void flush(LongConsumer warn) {
        long total;
        synchronized (this) {
            if (count == reported) {
                return;
            }
            reported = count;
            lastWarning = System.nanoTime();
            total = count;
        }
        warn.accept(total);
    }

    synchronized long count() {
        return count;
    }
}
