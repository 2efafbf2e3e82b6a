package io.drpkit.sdk.events;

/**
 * The counters of a {@link KeyedQueue} at one moment, for status reports. An immutable
 * snapshot; thread-safe.
 *
 * <p>Every submitted item is counted once: {@code submitted = queued + running + done + failed
 * + dropped}.
 *
 * @param submitted      items offered to {@link KeyedQueue#submit}, accepted or not
 * @param queued         items waiting now
 * @param running        items being handled now (at most one per key, at most {@code threads})
 * @param done           items whose handler returned
 * @param failed         items whose handler threw
 * @param dropped        items never handled: pushed out by the bounds, or refused or discarded
 *                       because the queue was closing
 * @param keys           keys with an item waiting or running now
 * @param capacity       the bound on waiting items in all
 * @param perKeyCapacity the bound on waiting items of one key
 * @param threads        the number of handler threads
 * @since 0.2
 */
public record QueueStats(long submitted, int queued, int running, long done, long failed, long dropped,
                         int keys, int capacity, int perKeyCapacity, int threads) {
}
