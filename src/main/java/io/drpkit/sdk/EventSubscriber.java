package io.drpkit.sdk;

import io.drpkit.sdk.model.Event;
import java.util.List;

/**
 * Receives DRP events from the websocket stream (spec §7). After every successful
 * {@code /config}, {@link #selections(Config)} names what to receive
 * ({@code type.action.key}, each part {@code *} or a comma list), so the selection may depend on
 * params. Events arrive on one delivery thread, in order; an exception is logged, never fatal.
 *
 * @since 0.1
 */
public interface EventSubscriber {
    /** The selections for this configuration, e.g. {@code machines.create.*}. */
    List<String> selections(Config config);

    /** Handles one event. Never called concurrently with itself. */
    void onEvent(Event event) throws Exception;
}
