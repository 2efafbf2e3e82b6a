package io.drpkit.sdk.internal.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import io.drpkit.sdk.model.LogLine;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Forwards every log line to the host (spec §4.3, Part A.6) without ever blocking the logging
 * thread: lines wait in an ordered, bounded {@link LineQueue}; one daemon thread
 * ({@value #THREAD_NAME}) posts them through the {@link LogSink}, one at a time, in {@code Seq}
 * order.
 *
 * <p>When a post fails (host gone, timeout, any error answer) the line is written to stderr as
 * {@code local log: ...} (the Go SDK's format) and one notice says so; while the host stays
 * unreachable it is tried again at most once per {@linkplain ForwarderOptions#probeInterval()
 * probe interval} and the other lines go straight to stderr. Once a post succeeds, forwarding
 * resumes and one warning line, sent to the host, says how many lines went to stderr and how many
 * were dropped (queue full) in between. A failing post is never logged through logging, so it
 * cannot recurse.
 *
 * <p><b>Secrets.</b> Every line's message passes {@link ForwarderOptions#mask()} before it is
 * queued or written to stderr (the runtime's secret values become {@code <secure value hidden>}),
 * and so do the lines of the SDK's own console appender once this forwarder attached (it hands the
 * mask to that appender's encoder; console appenders of the author's logback configuration are
 * theirs and not masked).
 *
 * <p>{@code Seq} is this forwarder's: one forwarder per process, for the process's life.
 * Thread-safe.
 */
public final class HostLogForwarder implements AutoCloseable {
    static final String THREAD_NAME = "drpkit-log-sender";
    private static final Duration CLOSE_FLUSH = Duration.ofSeconds(2);

    /** Counters since start. {@code queued}/{@code peakQueued} never exceed the capacity. */
    public record Stats(long sent, long toStderr, long dropped, int queued, int peakQueued) {
    }

    private final LogSink sink;
    private final String service;
    private final ForwarderOptions options;
    private final PrintStream stderr;
    private final LineQueue queue;
    private final Thread sender;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean senderStarted = new AtomicBoolean();
    private LoggerContext context;
    private HostLogAppender appender;
    private Appender<ILoggingEvent> detachedConsole;

    // written by the sender thread only; volatile for stats()
    private volatile long sent;
    private volatile long toStderr;
    private boolean hostUp = true;
    private long nextProbe;
    private long reportedDropped;
    private long reportedStderr;
    private boolean dropNoticeShown;
    private Instant gapSince;

    HostLogForwarder(LogSink sink, String service, ForwarderOptions options) {
        this.sink = Objects.requireNonNull(sink, "sink == null");
        this.service = Objects.requireNonNull(service, "service == null");
        this.options = Objects.requireNonNull(options, "options == null");
        this.stderr = options.stderr();
        this.queue = new LineQueue(options.capacity(), options.queueBytes());
        this.sender = new Thread(this::run, THREAD_NAME);
        sender.setDaemon(true);
    }

    /**
     * Starts a forwarder and attaches it to {@code context}'s root logger (see
     * {@link Logging#attachHost}).
     */
    static HostLogForwarder start(LoggerContext context, LogSink sink, String service, ForwarderOptions options) {
        HostLogForwarder f = new HostLogForwarder(sink, service, options);
        f.release();
        f.attach(context);
        return f;
    }

    /**
     * Like {@link #start}, but the sender thread starts only at {@link #release} (or at the first
     * {@link #flush} or {@link #close}): lines logged meanwhile are queued in order, and the work
     * of the first post (building the host client) waits until the caller's start-up is done.
     */
    static HostLogForwarder startHeld(LoggerContext context, LogSink sink, String service, ForwarderOptions options) {
        HostLogForwarder f = new HostLogForwarder(sink, service, options);
        f.attach(context);
        return f;
    }

    /** Starts the sender if it is not running yet; idempotent. */
    public void release() {
        if (senderStarted.compareAndSet(false, true)) {
            sender.start();
        }
    }

    /** Starts the sender without attaching to logback: lines come only through {@link #offer}. */
    static HostLogForwarder startDetached(LogSink sink, String service, ForwarderOptions options) {
        HostLogForwarder f = new HostLogForwarder(sink, service, options);
        f.release();
        return f;
    }

    private synchronized void attach(LoggerContext ctx) {
        this.context = ctx;
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (!options.keepConsole()) {
            detachedConsole = root.getAppender(Logging.CONSOLE_APPENDER);
            if (detachedConsole != null) {
                root.detachAppender(detachedConsole);
            }
        }
        Appender<ILoggingEvent> console = detachedConsole != null ? detachedConsole : root.getAppender(Logging.CONSOLE_APPENDER);
        if (console instanceof ConsoleAppender<ILoggingEvent> c && c.getEncoder() instanceof LazyPatternEncoder e) {
            e.mask(options.mask()); // stays after close(): the re-attached console prints masked lines too
        }
        boolean consolePrints = root.getAppender(Logging.CONSOLE_APPENDER) != null;
        appender = new HostLogAppender(this, options.callerData(), !consolePrints);
        appender.setContext(ctx);
        appender.start();
        root.addAppender(appender);
    }

    /** The {@code Service} of every line. */
    public String service() {
        return service;
    }

    /**
     * Queues {@code line}, its message masked, with the next {@code Seq} (its own Seq is ignored);
     * never waits. Returns false when it was dropped: queue full, or forwarder closed.
     */
    public boolean offer(LogLine line) {
        return queue.offer(masked(line)) != 0;
    }

    /** {@code line} with its message masked ({@link ForwarderOptions#mask()}); itself when nothing changed. */
    LogLine masked(LogLine line) {
        String message = options.mask().apply(line.message());
        if (message == line.message()) {
            return line;
        }
        return new LogLine(line.group(), line.seq(), line.time(), line.service(), line.principal(), line.level(),
                line.file(), line.line(), message, line.data(), line.ignorePublish());
    }

    /** Writes {@code line}, its message masked, to stderr (a line that is not forwarded). */
    void writeUnforwarded(LogLine line) {
        writeLocal(masked(line));
    }

    /**
     * Waits until every line queued before this call was sent to the host or written to stderr.
     *
     * @return false if {@code timeout} passed first (or the thread was interrupted)
     */
    public boolean flush(Duration timeout) {
        release();
        try {
            return queue.awaitHandled(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Stats stats() {
        return new Stats(sent, toStderr, queue.dropped(), queue.size(), queue.peak());
    }

    /**
     * Detaches from logback (re-attaching the console appender it detached), flushes for up to
     * 2 s, then stops the sender; lines still queued then are written to stderr. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        detach();
        flush(CLOSE_FLUSH);
        List<LogLine> rest = queue.close();
        sender.interrupt();
        try {
            sender.join(CLOSE_FLUSH.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rest.forEach(this::writeLocal);
    }

    private synchronized void detach() {
        if (context == null) {
            return;
        }
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        appender.stop();
        if (detachedConsole != null) {
            root.addAppender(detachedConsole);
        }
        context = null;
    }

    boolean isSenderThread() {
        return Thread.currentThread() == sender;
    }

    /** Writes {@code line} (already masked: it was queued, or passed {@link #writeUnforwarded}) to stderr in the Go SDK's {@code local log:} form. */
    void writeLocal(LogLine line) {
        String id = "[" + line.group() + ":" + line.seq() + "]";
        stderr.print("local log: " + id + line.principal() + ":" + line.service()
                + " [" + String.format("%5s", line.level()) + "]: " + line.file() + ":" + line.line()
                + "\n" + id + line.message() + (line.message().endsWith("\n") ? "" : "\n"));
        stderr.flush();
    }

    // --- the sender thread ------------------------------------------------------------------

    private void run() {
        while (true) {
            LogLine line;
            try {
                line = queue.take();
            } catch (InterruptedException e) {
                if (queue.size() == 0 && closed.get()) {
                    return;
                }
                continue;
            }
            if (line == null) {
                return;
            }
            try {
                deliver(line);
            } finally {
                queue.handled(line.seq());
            }
        }
    }

    private void deliver(LogLine line) {
        noticeDrops();
        if (!hostUp && System.nanoTime() - nextProbe < 0) {
            local(line);
            return;
        }
        try {
            sink.post(line);
        } catch (RuntimeException e) {
            if (closed.get()) {
                local(line);  // interrupted by close(): not an outage worth a notice
                return;
            }
            if (hostUp) {
                hostUp = false;
                gapSince = gapSince == null ? Instant.now() : gapSince;
                notice("cannot post log lines to the host (" + e.getMessage() + "); writing them to stderr"
                        + " until it answers again");
            }
            nextProbe = System.nanoTime() + options.probeInterval().toNanos();
            local(line);
            return;
        }
        sent++;
        hostUp = true;
        reportGap();
    }

    private void local(LogLine line) {
        toStderr++;
        writeLocal(line);
    }

    /** One stderr notice when lines start being dropped, not one per line. */
    private void noticeDrops() {
        if (!dropNoticeShown && queue.dropped() > reportedDropped) {
            dropNoticeShown = true;
            gapSince = gapSince == null ? Instant.now() : gapSince;
            String limit = queue.lastDropForBytes() ? options.queueBytes() / 1024 + " KiB of lines"
                    : options.capacity() + " lines";
            notice("log queue full (" + limit + "): dropping lines until it drains");
        }
    }

    /** After a successful post: one line about what the host missed, if anything. */
    private void reportGap() {
        noticeDrops();
        long dropped = queue.dropped();
        long newDropped = dropped - reportedDropped;
        long newLocal = toStderr - reportedStderr;
        if (newDropped == 0 && newLocal == 0) {
            return;
        }
        String text = "log forwarding: " + newLocal + " line" + (newLocal == 1 ? "" : "s")
                + " went to stderr and " + newDropped + " " + (newDropped == 1 ? "was" : "were")
                + " dropped (queue full) since " + gapSince;
        LogLine report = new LogLine(0, 0, Instant.now(), service, "", "warn", HostLogForwarder.class.getName(),
                0, text, List.of(), false);
        if (queue.offer(report, true) != 0) {
            reportedDropped = dropped;
            reportedStderr = toStderr;
            dropNoticeShown = false;
            gapSince = null;
        }
    }

    private void notice(String text) {
        stderr.println("drpkit: " + text);
        stderr.flush();
    }
}
