/**
 * The assets index format and the safe writer behind {@link io.drpkit.sdk.content.Assets}.
 * Not API; may change without notice.
 */
package io.drpkit.sdk.internal.assets;
