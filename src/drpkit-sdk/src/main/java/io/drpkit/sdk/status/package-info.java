/**
 * Health reporting: the {@link io.drpkit.sdk.status.Health} scale, per-resource
 * {@link io.drpkit.sdk.status.ResourceStatus} entries and the
 * {@link io.drpkit.sdk.status.StatusReport} an action returns, with one summary rule
 * ({@link io.drpkit.sdk.status.StatusReport#summarize}); and
 * {@link io.drpkit.sdk.status.HealthPublisher}, which publishes a provider's health onto its DRP
 * Plugin object. The values perform no I/O; the publisher does, on its own thread.
 *
 * @since 0.1
 */
package io.drpkit.sdk.status;
