package io.drpkit.sdk.internal.events;

import io.drpkit.sdk.EventSelection;
import io.drpkit.sdk.EventStreamStats;
import io.drpkit.sdk.EventSubscriber;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Event;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's event stream on DRP's websocket (spec §7), for one configuration.
 *
 * <ul>
 *   <li>{@link #open()} connects, sends one {@code register} per distinct selection and returns
 *       once DRP acknowledged each with a {@code websocket} event (spec §7.3), so no event after
 *       {@code /config} is missed.</li>
 *   <li>Every frame is decoded on the socket's reader thread and matched against the selections
 *       (spec §7.4: acknowledgements too, so they reach the subscriber only if selected), then
 *       queued for the {@link Delivery} thread. A frame that is not a DRP event is counted,
 *       reported (rate-limited) and skipped: the subscriber never sees a partial or empty event.</li>
 *   <li>When the connection is lost — failure, silence past the ping, or a close from DRP — the
 *       stream reconnects after a back-off ({@link EventStreamOptions}), registers every selection
 *       again and waits for the acknowledgements; each loss and each reconnection is logged.
 *       Events DRP sent while the stream was down are lost (DRP does not replay).</li>
 *   <li>{@link #close(Duration)} deregisters (waiting for the acknowledgements), closes with
 *       status 1000 and ends delivery.</li>
 * </ul>
 *
 * <p>Threads: the socket reader (OkHttp's) only decodes, matches and queues; reconnection runs
 * on its own thread; the subscriber runs on the delivery thread. Thread-safe.
 */
public final class EventStream {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final String ACK_TYPE = "websocket";
    private static final int SNIPPET = 200;

    private enum State { NEW, OPEN, RECONNECTING, CLOSED }

    private final Dialer dialer;
    private final List<EventSelection> selections;
    private final List<String> texts;
    private final EventStreamOptions options;
    private final Delivery delivery;
    private final WarningThrottle undecodable;
    private final AtomicLong reconnects = new AtomicLong();
    private final ScheduledExecutorService retries;

    private final Object lock = new Object();
    private State state = State.NEW; // guarded by lock
    private Socket current;          // guarded by lock: the registered connection, if any

    /**
     * A stream that is not yet open: nothing is dialled and no thread runs until {@link #open()}.
     *
     * @param subscriberLock held around each call of the subscriber; share it between the
     *                       streams of one subscriber so it is never called concurrently
     */
    public EventStream(Dialer dialer, List<EventSelection> selections, EventSubscriber subscriber,
                       Lock subscriberLock, EventStreamOptions options) {
        this.dialer = Objects.requireNonNull(dialer, "dialer == null");
        this.options = Objects.requireNonNull(options, "options == null");
        Map<String, EventSelection> distinct = new LinkedHashMap<>();
        for (EventSelection s : Objects.requireNonNull(selections, "selections == null")) {
            distinct.putIfAbsent(Objects.requireNonNull(s, "selection == null").text(), s);
        }
        this.selections = List.copyOf(distinct.values());
        this.texts = List.copyOf(distinct.keySet());
        this.delivery = new Delivery(subscriber, subscriberLock, options.bufferSize(), options.warnEvery(),
                "drpkit-events-delivery");
        this.undecodable = new WarningThrottle(options.warnEvery());
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drpkit-events-reconnect");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects, registers every selection, waits for the acknowledgements and starts delivery.
     * Blocks at most the open timeout plus the acknowledgement timeout.
     *
     * @throws EventStreamException naming the URL and the cause; the stream is then closed
     * @throws IllegalStateException if called twice
     */
    public void open() {
        synchronized (lock) {
            if (state != State.NEW) {
                throw new IllegalStateException("event stream already " + state.name().toLowerCase());
            }
        }
        delivery.start();
        Socket s;
        try {
            s = connectAndRegister();
        } catch (EventStreamException e) {
            close(Duration.ofSeconds(1));
            throw e;
        }
        synchronized (lock) {
            if (state == State.NEW) {
                state = State.OPEN;
                current = s;
                s = null;
            }
        }
        if (s != null) {
            s.abort();
            throw new EventStreamException("event stream to " + dialer.url() + " was closed while opening");
        }
        LOG.info("Event stream open to {}; registered {}", dialer.url(), texts);
    }

    /**
     * Deregisters (waiting for the acknowledgements), closes the websocket with status 1000 and
     * ends delivery, all within {@code timeout}: events already queued are still delivered in
     * that time, later ones are counted as dropped. Idempotent; never throws.
     */
    public void close(Duration timeout) {
        Socket s;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            s = current;
            current = null;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        retries.shutdownNow();
        if (s != null && s.isAlive()) {
            try {
                sendAndAwaitAcks(s, "deregister", min(options.ackTimeout(), remaining(deadline)));
            } catch (EventStreamException e) {
                LOG.warn("Closing the event stream without all deregistrations acknowledged: {}", e.getMessage());
            }
            s.closeNormally(min(Duration.ofSeconds(2), remaining(deadline)));
        }
        delivery.finish(remaining(deadline));
        LOG.info("Event stream to {} closed", dialer.url());
    }

    /** The counters now. */
    public EventStreamStats stats() {
        boolean connected;
        synchronized (lock) {
            connected = state == State.OPEN && current != null;
        }
        return new EventStreamStats(connected, texts, delivery.received(), delivery.delivered(), delivery.failed(),
                delivery.dropped(), undecodable.count(), reconnects.get(), delivery.queued(), delivery.capacity());
    }

    /** The distinct selections, as registered. */
    public List<String> selections() {
        return texts;
    }

    // ---------------------------------------------------------------- connecting

    private Socket connectAndRegister() {
        Socket s = new Socket();
        s.ws = dialer.open(s);
        try {
            s.awaitOpen(options.openTimeout());
            sendAndAwaitAcks(s, "register", options.ackTimeout());
            return s;
        } catch (EventStreamException e) {
            s.abort();
            throw e;
        }
    }

    /** Sends {@code verb <selection>} for each selection, then waits for as many acknowledgements. */
    private void sendAndAwaitAcks(Socket s, String verb, Duration timeout) {
        long target = s.acks() + texts.size();
        for (String text : texts) {
            if (!s.ws.send(verb + " " + text)) {
                throw EventStreamException.registration("cannot send \"" + verb + " " + text + "\" to " + dialer.url()
                        + ": the websocket is closing");
            }
        }
        s.awaitAcks(target, texts.size(), verb, timeout);
    }

    /** Called once per socket when it stops working, whoever closed it. */
    private void lost(Socket s, String why) {
        synchronized (lock) {
            if (state != State.OPEN || s != current) {
                return; // closing, or a socket that never became the stream's
            }
            state = State.RECONNECTING;
            current = null;
        }
        NoRepublish.log(() -> LOG.warn("Event stream to {} lost: {}; reconnecting in {} ms", dialer.url(), why,
                options.firstRetry().toMillis()));
        schedule(1, options.firstRetry());
    }

    private void schedule(int attempt, Duration delay) {
        try {
            retries.schedule(() -> reconnect(attempt, delay), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void reconnect(int attempt, Duration delay) {
        synchronized (lock) {
            if (state != State.RECONNECTING) {
                return;
            }
        }
        Socket s = null;
        String failure;
        try {
            s = connectAndRegister();
            failure = null;
        } catch (EventStreamException e) {
            failure = e.getMessage();
        }
        boolean closed;
        synchronized (lock) {
            closed = state != State.RECONNECTING;
            if (!closed && s != null && s.isAlive()) {
                state = State.OPEN;
                current = s;
            } else if (!closed && failure == null) {
                failure = "the connection dropped right after registering";
            }
        }
        if (closed) {
            if (s != null) {
                s.abort();
            }
            return;
        }
        if (failure == null) {
            long n = reconnects.incrementAndGet();
            NoRepublish.log(() -> LOG.info("Event stream reconnected to {} (attempt {}, reconnection {}); "
                    + "re-registered {}", dialer.url(), attempt, n, texts));
            return;
        }
        Duration next = min(delay.multipliedBy(2), options.maxRetry());
        String why = failure;
        NoRepublish.log(() -> LOG.warn("Event stream reconnection attempt {} to {} failed: {}; next attempt in {} ms",
                attempt, dialer.url(), why, next.toMillis()));
        schedule(attempt + 1, next);
    }

    // ---------------------------------------------------------------- frames

    private void frame(Socket s, String text) {
        Event event = decode(text);
        if (event == null) {
            return;
        }
        if (ACK_TYPE.equals(event.type())) {
            s.acknowledged();
        }
        for (EventSelection selection : selections) {
            if (selection.matches(event)) {
                delivery.offer(event);
                return;
            }
        }
    }

    /** The event in {@code text}, or null (reported) if it is not one: never a partial event. */
    private Event decode(String text) {
        String problem;
        try {
            Event event = DrpJson.read(text, Event.class);
            if (event != null && !event.type().isEmpty()) {
                return event;
            }
            problem = event == null ? "null" : "no Type";
        } catch (IOException | RuntimeException e) {
            problem = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
        }
        skipped(problem, text);
        return null;
    }

    private void skipped(String problem, String text) {
        String snippet = text.length() > SNIPPET ? text.substring(0, SNIPPET) + "..." : text;
        undecodable.occurred(total -> NoRepublish.log(() -> LOG.warn(
                "Skipped a websocket frame that is not a DRP event ({}): {}; {} frames skipped so far",
                problem, snippet, total)));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    // ---------------------------------------------------------------- one connection

    /** One websocket connection and what is known about it; its monitor guards the fields. */
    private final class Socket extends WebSocketListener {
        volatile WebSocket ws;
        private boolean opened;
        private boolean dead;
        private boolean closed;
        private String failure;
        private long acks;

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            synchronized (this) {
                opened = true;
                notifyAll();
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            frame(this, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            skipped("a binary frame of " + bytes.size() + " bytes", "");
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            died("closed by DRP with status " + code + (reason.isEmpty() ? "" : " (" + reason + ")"));
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            synchronized (this) {
                closed = true;
                notifyAll();
            }
            died("closed with status " + code);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            synchronized (this) {
                closed = true;
                notifyAll();
            }
            died(response != null ? "DRP answered the websocket request with " + response.code()
                    + (response.message().isEmpty() ? "" : " " + response.message()) : t.toString());
        }

        private void died(String why) {
            synchronized (this) {
                if (dead) {
                    return;
                }
                dead = true;
                failure = why;
                notifyAll();
            }
            lost(this, why);
        }

        synchronized boolean isAlive() {
            return !dead;
        }

        synchronized long acks() {
            return acks;
        }

        synchronized void acknowledged() {
            acks++;
            notifyAll();
        }

        void awaitOpen(Duration timeout) {
            synchronized (this) {
                awaitState(() -> opened || dead, timeout);
                if (dead) {
                    throw new EventStreamException("cannot open the event stream to " + dialer.url() + ": " + failure);
                }
                if (!opened) {
                    throw new EventStreamException("cannot open the event stream to " + dialer.url()
                            + ": no websocket handshake within " + timeout.toMillis() + " ms");
                }
            }
        }

        void awaitAcks(long target, int sent, String verb, Duration timeout) {
            synchronized (this) {
                awaitState(() -> acks >= target || dead, timeout);
                if (acks >= target) {
                    return;
                }
                long missing = target - acks;
                String why = dead ? "the connection was lost: " + failure
                        : "no acknowledgement within " + timeout.toMillis() + " ms";
                throw EventStreamException.registration(missing + " of " + sent + " " + verb + " frames to " + dialer.url()
                        + " not acknowledged: " + why);
            }
        }

        /** Sends close 1000 and waits for DRP's answer at most {@code timeout}, then cuts. */
        void closeNormally(Duration timeout) {
            ws.close(1000, null);
            synchronized (this) {
                awaitState(() -> closed, timeout);
            }
            ws.cancel();
        }

        void abort() {
            WebSocket w = ws;
            if (w != null) {
                w.cancel();
            }
        }

        /** Waits on this socket's monitor (held by the caller); interruption ends the wait. */
        private void awaitState(java.util.function.BooleanSupplier done, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (!done.getAsBoolean()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "EventStream[" + dialer.url() + " " + new ArrayList<>(texts) + "]";
    }
}
