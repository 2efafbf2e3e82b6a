/**
 * The HTTP server side of the host protocol: Undertow on a Unix-domain socket.
 *
 * <p>Internal: not API; may change without notice.
 */
package io.drpkit.sdk.internal.server;
