package io.drpkit.sdk.internal.server;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * One warning that may happen thousands of times a second (accept failing with {@code EMFILE},
 * connections shed past the bound): logged at once the first time, then at most once per period
 * with how many times it happened since. Thread-safe.
 */
public final class RateLimitedLog {
    private final Logger log;
    private final long periodNanos;
    private final LongSupplier clock;
    private long count;       // guarded by this: occurrences not yet reported
    private long total;       // guarded by this
    private long lastLogged;  // guarded by this
    private boolean logged;   // guarded by this

    public RateLimitedLog(Logger log, Duration period) {
        this(log, period, System::nanoTime);
    }

    RateLimitedLog(Logger log, Duration period, LongSupplier clock) {
        this.log = Objects.requireNonNull(log, "log == null");
        this.periodNanos = period.toNanos();
        this.clock = clock;
    }

    /**
     * Counts one occurrence and logs {@code message} at warn level if the period since the last
     * line has passed, followed by {@code (N times in the last T s, M in all)}.
     *
     * @return whether a line was logged
     */
    public boolean warn(String message) {
        long n;
        long all;
        long since;
        synchronized (this) {
            count++;
            total++;
            long now = clock.getAsLong();
            if (logged && now - lastLogged < periodNanos) {
                return false;
            }
            n = count;
            all = total;
            since = logged ? now - lastLogged : 0;
            count = 0;
            lastLogged = now;
            logged = true;
        }
        if (since == 0) {
            log.warn("{}", message);
        } else {
            log.warn("{} ({} times in the last {} s, {} in all)", message, n,
                    Math.max(1, Duration.ofNanos(since).toSeconds()), all);
        }
        return true;
    }

    /** Occurrences counted so far. */
    public synchronized long total() {
        return total;
    }
}
