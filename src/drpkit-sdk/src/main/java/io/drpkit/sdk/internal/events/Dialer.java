package io.drpkit.sdk.internal.events;

import io.drpkit.sdk.internal.api.HttpDrpApi;
import java.time.Duration;
import java.util.Objects;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * Opens one websocket to DRP's event endpoint (spec §7.1): URL, token and TLS are the dialer's
 * business, so the stream only deals with frames.
 */
public interface Dialer {
    /** Where DRP serves the event websocket, relative to {@code /api/v3}. */
    String WS_PATH = "ws";

    /** Starts the handshake; {@code listener} learns the outcome. Never blocks. */
    WebSocket open(WebSocketListener listener);

    /** Where it dials, for log lines, e.g. {@code wss://127.0.0.1:8092/api/v3/ws}. */
    String url();

    /** {@code /api/v3/ws} of {@code api}'s endpoint, with its token and TLS, pinging every {@code pingInterval}. */
    static Dialer of(HttpDrpApi api, Duration pingInterval) {
        Objects.requireNonNull(api, "api == null");
        Objects.requireNonNull(pingInterval, "pingInterval == null");
        return new Dialer() {
            @Override
            public WebSocket open(WebSocketListener listener) {
                return api.openWebSocket(WS_PATH, pingInterval, listener);
            }

            @Override
            public String url() {
                return api.webSocketUrl(WS_PATH);
            }
        };
    }
}
