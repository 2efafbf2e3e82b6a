/**
 * The DRP REST session ({@link io.drpkit.sdk.DrpApi} over HTTPS).
 *
 * <p>Not API; may change without notice.
 */
package io.drpkit.sdk.internal.api;
