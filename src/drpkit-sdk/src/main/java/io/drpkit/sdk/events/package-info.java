/**
 * Event handling helpers: {@link io.drpkit.sdk.events.KeyedQueue}, a bounded per-key work queue
 * that handles items concurrently across keys and in order per key, and
 * {@link io.drpkit.sdk.events.QueuedEventSubscriber}, an {@link io.drpkit.sdk.EventSubscriber}
 * that hands each event to one, so a slow handler never stalls DRP's event stream.
 *
 * @since 0.2
 */
package io.drpkit.sdk.events;
