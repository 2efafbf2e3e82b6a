/**
 * drpkit internals. Not API; may change without notice.
 */
package io.drpkit.sdk.internal.cli;
