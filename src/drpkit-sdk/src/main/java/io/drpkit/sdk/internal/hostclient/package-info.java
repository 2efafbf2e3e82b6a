/**
 * The HTTP client side of the host protocol: OkHttp over a Unix-domain socket.
 *
 * <p>Internal: not API; may change without notice.
 */
package io.drpkit.sdk.internal.hostclient;
