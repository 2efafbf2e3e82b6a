package io.drpkit.sdk.internal.runtime;

import io.drpkit.sdk.Config;
import java.time.Duration;

/**
 * The event stream behind an {@link io.drpkit.sdk.EventSubscriber}: (re)opened after each
 * successful configuration, closed on stop.
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
