package io.drpkit.testkit;

import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Event;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.IoUtils;

/**
 * DRP's event websocket (spec §7): per-connection registrations, a {@code websocket} event
 * acknowledging each {@code register}/{@code deregister}, and server-side matching of every
 * emitted event against each connection's registrations.
 *
 * <p>Sending never blocks the caller: frames are handed to Undertow's asynchronous
 * {@code WebSockets.sendText}, under a per-connection lock only so that one connection receives
 * events in emission order. Thread-safe.
 */
final class EventHub implements WebSocketConnectionCallback {
    private final List<Connection> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connects = new AtomicInteger();
    private final Journal<String> messages = new Journal<>("websocket message");

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        Connection c = new Connection(connects.incrementAndGet(), channel);
        open.add(c);
        channel.addCloseTask(ch -> open.remove(c));
        channel.getReceiveSetter().set(new AbstractReceiveListener() {
            @Override
            protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
                receive(c, message.getData());
            }
        });
        channel.resumeReceives();
    }

    /** Sends {@code event} to every open connection with a matching registration. */
    int emit(Event event) {
        String json = null;
        int sent = 0;
        for (Connection c : open) {
            if (c.matches(event)) {
                if (json == null) {
                    json = DrpJson.write(event);
                }
                c.send(json);
                sent++;
            }
        }
        return sent;
    }

    /** Closes every connection without a close frame, as a dying server or network would. */
    void dropAll() {
        for (Connection c : open) {
            IoUtils.safeClose(c.channel);
            open.remove(c);
        }
    }

    /** Gracefully closes every connection (close frame 1001, going away). */
    void closeAll() {
        for (Connection c : open) {
            WebSockets.sendClose(1001, "fake DRP closing", c.channel, null);
        }
    }

    int connectCount() {
        return connects.get();
    }

    /** The registrations of each open connection, in connection order. */
    List<List<String>> registrations() {
        List<List<String>> all = new ArrayList<>();
        for (Connection c : open) {
            all.add(c.registrations());
        }
        return all;
    }

    Journal<String> messages() {
        return messages;
    }

    private void receive(Connection c, String text) {
        messages.add(text);
        int space = text.indexOf(' ');
        String verb = space < 0 ? text : text.substring(0, space);
        String pattern = space < 0 ? "" : text.substring(space + 1).trim();
        switch (verb) {
            case "register" -> c.register(pattern);
            case "deregister" -> c.deregister(pattern);
            default -> {
                return; // not part of the protocol: no acknowledgement
            }
        }
        c.send(DrpJson.write(new Event(Instant.now(), "websocket", verb, pattern, "", null, null)));
    }

    private static final class Connection {
        final int id;
        final WebSocketChannel channel;
        private final Map<String, EventPattern> patterns = new LinkedHashMap<>();

        Connection(int id, WebSocketChannel channel) {
            this.id = id;
            this.channel = channel;
        }

        synchronized void register(String text) {
            try {
                patterns.putIfAbsent(text, EventPattern.parse(text));
            } catch (IllegalArgumentException e) {
                // acknowledged like any registration, but it can never match
            }
        }

        synchronized void deregister(String text) {
            patterns.remove(text);
        }

        synchronized boolean matches(Event e) {
            for (EventPattern p : patterns.values()) {
                if (p.matches(e)) {
                    return true;
                }
            }
            return false;
        }

        synchronized List<String> registrations() {
            return List.copyOf(patterns.keySet());
        }

        /** Async: queues the frame; the lock only keeps this connection's frames in order. */
        synchronized void send(String json) {
            WebSockets.sendText(json, channel, null);
        }

        @Override
        public String toString() {
            return "websocket #" + id;
        }
    }
}
