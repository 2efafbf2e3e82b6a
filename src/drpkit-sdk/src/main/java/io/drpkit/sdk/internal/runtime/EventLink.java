package io.drpkit.sdk.internal.runtime;

import io.drpkit.sdk.Config;
import io.drpkit.sdk.EventStreamStats;
import java.time.Duration;
import java.util.Optional;

/**
 * The event stream behind an {@link io.drpkit.sdk.EventSubscriber}, one per accepted
 * configuration: made before the configuration (opening nothing), opened by
 * {@link #restart(Config)} after the provider's {@code configure} succeeded, closed when a later
 * configuration replaces it or on stop.
 */
public interface EventLink extends AutoCloseable {
    /**
     * Closes any previous stream, opens one for {@code config} and registers the subscriber's
     * selections, returning once DRP acknowledged them.
     *
     * @throws io.drpkit.sdk.PluginException when the stream cannot be opened or registered
     */
    void restart(Config config);

    /** Deregisters and closes, waiting at most {@code timeout}. */
    void close(Duration timeout);

    /** The stream's counters now; empty for a provider without a subscriber. */
    default Optional<EventStreamStats> stats() {
        return Optional.empty();
    }

    @Override
    default void close() {
        close(Duration.ofSeconds(5));
    }

    /** A link for providers without a subscriber. */
    static EventLink none() {
        return new EventLink() {
            @Override
            public void restart(Config config) {
            }

            @Override
            public void close(Duration timeout) {
            }
        };
    }
}
