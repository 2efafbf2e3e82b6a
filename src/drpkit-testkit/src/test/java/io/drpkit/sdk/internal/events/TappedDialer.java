package io.drpkit.sdk.internal.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * A {@link Dialer} around a real one that lets a test see and change what the stream gets: hide
 * frames DRP sent, inject frames DRP never sent, and record the close status. Thread-safe.
 */
final class TappedDialer implements Dialer {
    private final Dialer real;
    private volatile Predicate<String> hidden = text -> false;
    private volatile WebSocketListener listener;
    private volatile WebSocket socket;
    final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

    TappedDialer(Dialer real) {
        this.real = real;
    }

    /** Frames matching {@code hide} never reach the stream, from now on. */
    TappedDialer hide(Predicate<String> hide) {
        this.hidden = hide;
        return this;
    }

    /** Hands {@code text} to the stream as if the open websocket had received it. */
    void inject(String text) {
        listener.onMessage(socket, text);
    }

    @Override
    public WebSocket open(WebSocketListener target) {
        this.listener = target;
        return real.open(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket ws, Response response) {
                socket = ws;
                target.onOpen(ws, response);
            }

            @Override
            public void onMessage(WebSocket ws, String text) {
                if (!hidden.test(text)) {
                    target.onMessage(ws, text);
                }
            }

            @Override
            public void onMessage(WebSocket ws, ByteString bytes) {
                target.onMessage(ws, bytes);
            }

            @Override
            public void onClosing(WebSocket ws, int code, String reason) {
                target.onClosing(ws, code, reason);
            }

            @Override
            public void onClosed(WebSocket ws, int code, String reason) {
                closeCodes.add(code);
                target.onClosed(ws, code, reason);
            }

            @Override
            public void onFailure(WebSocket ws, Throwable t, Response response) {
                target.onFailure(ws, t, response);
            }
        });
    }

    @Override
    public String url() {
        return real.url();
    }
}
