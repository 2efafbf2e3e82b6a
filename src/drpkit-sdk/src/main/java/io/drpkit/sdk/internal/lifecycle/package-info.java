/**
 * Process life cycle: socket probing, readiness, shutdown.
 *
 * <p>Internal: not API; may change without notice.
 */
package io.drpkit.sdk.internal.lifecycle;
