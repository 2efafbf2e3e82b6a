package io.drpkit.sdk.internal.logging;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How a {@link HostLogForwarder} queues and sends. Immutable and thread-safe.
 *
 * @param capacity      lines the queue holds; a line logged while it is full is dropped and
 *                      counted, never waited for (default 10,000)
 * @param queueBytes    what the queued lines may take in memory, estimated from their text (two
 *                      bytes a character, plus a fixed overhead a line); past it a line is dropped
 *                      like one past {@code capacity}, except into an empty queue, so one line larger
 *                      than the budget is still sent (default 2 MiB: ~4,000 typical lines, or 16
 *                      stack traces of 64 Ki characters, where the line count alone let a slow host's
 *                      queue grow past a {@code listen}'s heap)
 * @param probeInterval while the host is unreachable, how often a line is tried on the host
 *                      again; lines in between go straight to stderr (default 1 s)
 * @param callerData    when true, {@code File}/{@code Line} name the calling source line, which
 *                      costs a stack walk per logging call; when false (default) they are the
 *                      logger name and 0 — unless an appender already computed the caller data
 * @param keepConsole   when false (default), the stderr console appender is detached while the
 *                      forwarder runs — the host gets the lines, as with the Go SDK — and
 *                      re-attached by {@link HostLogForwarder#close()}
 * @param stderr        where local output goes: unforwardable lines and the forwarder's notices
 *                      (default {@code System.err})
 * @param mask          applied to every line's message before it is queued for the host or written
 *                      to stderr, and to the SDK's console appender's lines (normally the runtime's
 *                      {@code Secrets::mask}; default: none). Called on logging threads: must be
 *                      thread-safe, cheap and must not log.
 */
public record ForwarderOptions(int capacity, long queueBytes, Duration probeInterval, boolean callerData,
                               boolean keepConsole, PrintStream stderr, UnaryOperator<String> mask) {
    public ForwarderOptions {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity < 1: " + capacity);
        }
        if (queueBytes < 1) {
            throw new IllegalArgumentException("queueBytes < 1: " + queueBytes);
        }
        Objects.requireNonNull(probeInterval, "probeInterval == null");
        if (probeInterval.isNegative()) {
            throw new IllegalArgumentException("probeInterval is negative: " + probeInterval);
        }
        Objects.requireNonNull(stderr, "stderr == null");
        Objects.requireNonNull(mask, "mask == null");
    }

    public static ForwarderOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ForwarderOptions}; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private int capacity = 10_000;
        private long queueBytes = 2L * 1024 * 1024;
        private Duration probeInterval = Duration.ofSeconds(1);
        private boolean callerData;
        private boolean keepConsole;
        private PrintStream stderr = System.err;
        private UnaryOperator<String> mask = UnaryOperator.identity();

        private Builder() {
        }

        public Builder capacity(int lines) {
            this.capacity = lines;
            return this;
        }

        public Builder queueBytes(long bytes) {
            this.queueBytes = bytes;
            return this;
        }

        public Builder probeInterval(Duration d) {
            this.probeInterval = d;
            return this;
        }

        public Builder callerData(boolean on) {
            this.callerData = on;
            return this;
        }

        public Builder keepConsole(boolean on) {
            this.keepConsole = on;
            return this;
        }

        public Builder stderr(PrintStream out) {
            this.stderr = out;
            return this;
        }

        public Builder mask(UnaryOperator<String> mask) {
            this.mask = mask;
            return this;
        }

        public ForwarderOptions build() {
            return new ForwarderOptions(capacity, queueBytes, probeInterval, callerData, keepConsole, stderr, mask);
        }
    }
}
