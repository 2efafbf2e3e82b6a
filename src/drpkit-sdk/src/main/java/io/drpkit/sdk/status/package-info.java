/**
 * Health reporting: the {@link io.drpkit.sdk.status.Health} scale, per-resource
 * {@link io.drpkit.sdk.status.ResourceStatus} entries and the
 * {@link io.drpkit.sdk.status.StatusReport} an action returns, with one summary rule
 * ({@link io.drpkit.sdk.status.StatusReport#summarize}). Values only: nothing here performs I/O.
 *
 * @since 0.1
 */
package io.drpkit.sdk.status;
