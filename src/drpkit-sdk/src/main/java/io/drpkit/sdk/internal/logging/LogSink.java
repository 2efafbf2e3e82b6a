package io.drpkit.sdk.internal.logging;

import io.drpkit.sdk.model.LogLine;

/**
 * Where forwarded log lines go: in production the host's {@code POST .../log}. Called from the
 * forwarder's single sender thread only, one line at a time, in {@code Seq} order.
 */
@FunctionalInterface
public interface LogSink {
    /**
     * Delivers one line; returns only once the receiver accepted it.
     *
     * @throws RuntimeException on any failure; the forwarder writes the line to stderr instead
     */
    void post(LogLine line);
}
