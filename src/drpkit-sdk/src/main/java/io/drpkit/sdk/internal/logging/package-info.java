/**
 * Logging: logback configured in code (console on stderr, never stdout), the per-request level
 * filter, and the forwarder that sends every log line to the host as a {@code logger.Line}
 * (spec §4.3, §5.4) through an ordered, bounded queue with one sender thread.
 *
 * <p>MDC keys the runtime sets per request: {@value Logging#MDC_GROUP},
 * {@value Logging#MDC_PRINCIPAL}, {@value Logging#MDC_LEVEL}, {@value Logging#MDC_IGNORE_PUBLISH}.
 *
 * <p>Not API; may change without notice.
 */
package io.drpkit.sdk.internal.logging;
