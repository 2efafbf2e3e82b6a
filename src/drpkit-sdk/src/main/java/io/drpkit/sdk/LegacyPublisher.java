package io.drpkit.sdk;

import io.drpkit.sdk.model.Event;

/**
 * Receives every event synchronously through {@code POST /api-plugin/v4/publish}
 * (DRP's deprecated {@code HasPublish} delivery, spec §3.6). Registering one sets
 * {@code HasPublish}; it cannot be combined with an {@link EventSubscriber}.
 * Called on request threads, possibly concurrently.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface LegacyPublisher {
    /** Throw {@link PluginException} to answer with an error. */
    void publish(Event event) throws Exception;
}
