package io.drpkit.sdk;

import io.drpkit.sdk.model.Event;
import java.util.List;

/**
 * Receives DRP events from the websocket stream (spec §7).
 *
 * <p>After every successful {@code /config} — after {@link Provider#configure}, so the selection
 * may depend on params — {@link #selections(Config)} names what to receive, each
 * {@code type.action.key} with parts {@code *} or comma lists (build them with
 * {@link EventSelection}). The SDK registers each distinct selection and answers {@code /config}
 * only once DRP acknowledged them, so no event after it is missed. A selection that does not
 * parse, or an exception from {@code selections}, fails {@code /config} with 500
 * {@code Unable to create event stream: ...}. A later {@code /config} replaces the stream (old
 * selections deregistered first); {@code /stop} deregisters and closes it.
 *
 * <p>Delivery: {@link #onEvent} runs on one delivery thread, one event at a time, in the order
 * DRP sent them, never concurrently with itself (not even across configurations). Between the
 * socket and that thread sits a buffer of 1,000 events ({@code DRPKIT_EVENT_BUFFER}); when the
 * subscriber falls that far behind, further events are dropped, counted and logged, never
 * silently. An exception from {@code onEvent} is logged with its stack and delivery goes on.
 * Only whole events arrive: a frame that is not a DRP event is skipped and counted. Events
 * DRP acknowledges registrations with ({@code Type} {@code websocket}) arrive only when a
 * selection matches them (e.g. {@code *.*.*}). When the connection drops, the SDK reconnects with
 * back-off and registers again; what DRP sent meanwhile is lost. The counters are in
 * {@link Config#eventStream()}.
 *
 * @since 0.1
 */
public interface EventSubscriber {
    /**
     * The selections for this configuration, e.g. {@code machines.create.*}; called on the
     * {@code /config} request's thread.
     */
    List<String> selections(Config config);

    /** Handles one event, on the delivery thread. Never called concurrently with itself. */
    void onEvent(Event event) throws Exception;
}
