/**
 * Small text syntaxes shared across the SDK (Go-style durations).
 *
 * <p>Internal: not API; may change without notice.
 */
package io.drpkit.sdk.internal.text;
