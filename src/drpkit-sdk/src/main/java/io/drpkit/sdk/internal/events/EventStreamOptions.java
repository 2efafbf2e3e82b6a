package io.drpkit.sdk.internal.events;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How an {@link EventStream} behaves. Immutable and thread-safe.
 *
 * <p>Defaults:
 * <ul>
 *   <li>{@code bufferSize} 1,000 events between the socket reader and the delivery thread
 *       ({@value #BUFFER_ENV} overrides it); past it events are dropped and counted. The Go SDK
 *       keeps 100 and drops silently (spec §7.5);</li>
 *   <li>{@code openTimeout} 10 s for the websocket handshake;</li>
 *   <li>{@code ackTimeout} 10 s to receive the {@code websocket} acknowledgements of the
 *       {@code register}/{@code deregister} frames just sent (spec §7.3);</li>
 *   <li>{@code firstRetry} 0.5 s, doubling up to {@code maxRetry} 10 s between reconnection
 *       attempts; back to 0.5 s after a reconnection succeeded;</li>
 *   <li>{@code pingInterval} 30 s: a websocket ping, so a peer that vanished without closing
 *       is noticed;</li>
 *   <li>{@code warnEvery} 10 s: at most one warning per interval about dropped or undecodable
 *       events, each carrying the running count.</li>
 * </ul>
 */
public record EventStreamOptions(int bufferSize, Duration openTimeout, Duration ackTimeout, Duration firstRetry,
                                 Duration maxRetry, Duration pingInterval, Duration warnEvery) {
    /** Environment variable overriding {@code bufferSize}. */
    public static final String BUFFER_ENV = "DRPKIT_EVENT_BUFFER";
    public static final int DEFAULT_BUFFER = 1_000;

    public EventStreamOptions {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("event buffer size must be at least 1, got " + bufferSize);
        }
        positive("openTimeout", openTimeout);
        positive("ackTimeout", ackTimeout);
        positive("firstRetry", firstRetry);
        positive("maxRetry", maxRetry);
        positive("pingInterval", pingInterval);
        positive("warnEvery", warnEvery);
        if (maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("maxRetry " + maxRetry + " is shorter than firstRetry " + firstRetry);
        }
    }

    public static EventStreamOptions defaults() {
        return new EventStreamOptions(DEFAULT_BUFFER, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    /**
     * The defaults with {@value #BUFFER_ENV} from {@code env} when set and not blank.
     *
     * @throws IllegalArgumentException naming the variable when it is not a positive integer
     */
    public static EventStreamOptions fromEnvironment(Map<String, String> env) {
        EventStreamOptions d = defaults();
        String v = env.get(BUFFER_ENV);
        if (v == null || v.isBlank()) {
            return d;
        }
        int size;
        try {
            size = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            size = 0;
        }
        if (size < 1) {
            throw new IllegalArgumentException(BUFFER_ENV + ": expected a positive number of events, got \"" + v + "\"");
        }
        return d.withBufferSize(size);
    }

    public EventStreamOptions withBufferSize(int size) {
        return new EventStreamOptions(size, openTimeout, ackTimeout, firstRetry, maxRetry, pingInterval, warnEvery);
    }

    public EventStreamOptions withRetry(Duration first, Duration max) {
        return new EventStreamOptions(bufferSize, openTimeout, ackTimeout, first, max, pingInterval, warnEvery);
    }

    public EventStreamOptions withAckTimeout(Duration timeout) {
        return new EventStreamOptions(bufferSize, openTimeout, timeout, firstRetry, maxRetry, pingInterval, warnEvery);
    }

    public EventStreamOptions withWarnEvery(Duration interval) {
        return new EventStreamOptions(bufferSize, openTimeout, ackTimeout, firstRetry, maxRetry, pingInterval, interval);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name + " == null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
