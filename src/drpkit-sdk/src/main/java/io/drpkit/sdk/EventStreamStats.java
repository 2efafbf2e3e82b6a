package io.drpkit.sdk;

import java.util.List;
import java.util.Objects;

/**
 * The counters of the event stream behind an {@link EventSubscriber} at one moment, for status
 * reports (see {@link Config#eventStream()}). Counts start at zero for each accepted
 * configuration, whose stream is new. An immutable snapshot; thread-safe.
 *
 * <p>Every selected event is eventually counted once as {@code delivered} or {@code dropped};
 * until then it is {@code queued}: {@code received = delivered + dropped + queued} (plus at most
 * one event being handled right now).
 *
 * @param connected   whether the websocket is open and registered now
 * @param selections  the registered selections, in the subscriber's order, duplicates removed
 * @param received    events that matched a selection (acknowledgements included when selected)
 * @param delivered   events handed to {@link EventSubscriber#onEvent}, whether it returned or threw
 * @param failed      of those, how many threw
 * @param dropped     events not delivered: the buffer was full, or the stream closed with them
 *                    still queued
 * @param undecodable frames skipped because they were not a DRP event
 * @param reconnects  successful reconnections after the connection was lost
 * @param queued      events waiting for delivery now
 * @param capacity    the size of the delivery buffer
 * @since 0.1
 */
public record EventStreamStats(boolean connected, List<String> selections, long received, long delivered,
                               long failed, long dropped, long undecodable, long reconnects, int queued,
                               int capacity) {
    public EventStreamStats {
        selections = List.copyOf(Objects.requireNonNull(selections, "selections == null"));
    }
}
