package io.drpkit.sdk;

/**
 * Called once when the provider stops ({@code /stop}, SIGTERM or the host going away), after
 * in-flight requests have finished (bounded wait) and before the event stream is closed, on the
 * stop sequence's own thread.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Stoppable {
    void stop() throws Exception;
}
