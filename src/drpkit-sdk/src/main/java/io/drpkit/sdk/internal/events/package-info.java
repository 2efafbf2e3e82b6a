/**
 * DRP's event websocket (spec §7) behind an {@link io.drpkit.sdk.EventSubscriber}: registration
 * with acknowledgements, client-side matching, one bounded delivery thread, reconnection with
 * back-off.
 *
 * <p>Not API; may change without notice.
 */
package io.drpkit.sdk.internal.events;
