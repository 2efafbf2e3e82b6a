package io.drpkit.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lines appended to one DRP job's log ({@code PUT /api/v3/jobs/<uuid>/log}, spec §5.11), the
 * way the DRP agent streams task output: what an action writes here shows in the job's log
 * next to {@code Results from plugin invoke}. Get one with {@link #of(DrpApi, String)} or
 * {@link ActionRequest#jobLog()}.
 *
 * <p>Lines are buffered and sent in the order they were appended, several per request: when
 * {@value #FLUSH_BYTES} bytes are waiting, when the last send is more than
 * {@link #FLUSH_INTERVAL} old at the next {@link #append}, and on {@link #flush()} or
 * {@link #close()}. A send runs on the thread that triggered it. There is no background thread:
 * call {@link #close()} (try-with-resources) so the last lines are sent.
 *
 * <p>When a send fails its text stays buffered, ahead of later lines, and the
 * {@link PluginException} from the {@link DrpApi} call is thrown to the caller; the next send
 * tries it again. Thread-safe: appends from several threads keep each line whole.
 *
 * <pre>{@code
 * try (JobLog log = request.jobLog().orElse(JobLog.discarding())) {
 *     log.append("rendering " + file);
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class JobLog implements AutoCloseable {
    /** Buffered bytes that make {@link #append} send at once. */
    public static final int FLUSH_BYTES = 8 * 1024;
    /** Age of the last send that makes the next {@link #append} send. */
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    private final DrpApi api;
    private final String jobUuid;
    private final Object buffer = new Object();
    private final ReentrantLock sending = new ReentrantLock();
    private StringBuilder pending = new StringBuilder(); // guarded by buffer
    private long lastSend = System.nanoTime();           // guarded by buffer

    private JobLog(DrpApi api, String jobUuid) {
        this.api = api;
        this.jobUuid = jobUuid;
    }

    /**
     * The log of job {@code jobUuid}, through {@code api}. Nothing is sent until a line is.
     *
     * @throws IllegalArgumentException if {@code jobUuid} is blank or contains {@code /}
     */
    public static JobLog of(DrpApi api, String jobUuid) {
        Objects.requireNonNull(api, "api == null");
        Objects.requireNonNull(jobUuid, "jobUuid == null");
        if (jobUuid.isBlank() || jobUuid.contains("/")) {
            throw new IllegalArgumentException("not a job UUID: '" + jobUuid + "'");
        }
        return new JobLog(api, jobUuid);
    }

    /** A job log that keeps nothing, for actions that run outside a job. */
    public static JobLog discarding() {
        return new JobLog(null, "");
    }

    /** The job this log belongs to; empty for {@link #discarding()}. */
    public String jobUuid() {
        return jobUuid;
    }

    /**
     * Buffers {@code line} plus a newline (a line that already ends with one gets no second),
     * then sends the buffer if it is due (see the class comment).
     *
     * @throws PluginException if a send was due and failed; the text stays buffered
     */
    public void append(String line) {
        Objects.requireNonNull(line, "line == null");
        if (api == null) {
            return;
        }
        boolean due;
        synchronized (buffer) {
            pending.append(line);
            if (!line.endsWith("\n")) {
                pending.append('\n');
            }
            due = pending.length() >= FLUSH_BYTES || System.nanoTime() - lastSend >= FLUSH_INTERVAL.toNanos();
        }
        if (due) {
            flush();
        }
    }

    /**
     * Sends everything buffered, in order, in one request; returns at once if nothing is.
     *
     * @throws PluginException if the send failed; the text stays buffered
     */
    public void flush() {
        if (api == null) {
            return;
        }
        // one send at a time, each taking the whole buffer: the job log keeps the append order
        sending.lock();
        try {
            String text;
            synchronized (buffer) {
                if (pending.length() == 0) {
                    return;
                }
                text = pending.toString();
                pending = new StringBuilder();
                lastSend = System.nanoTime();
            }
            try {
                api.appendJobLog(jobUuid, text);
            } catch (RuntimeException e) {
                synchronized (buffer) {
                    pending.insert(0, text);
                }
                throw e;
            }
        } finally {
            sending.unlock();
        }
    }

    /**
     * Sends what is buffered ({@link #flush()}).
     *
     * @throws PluginException if that send failed
     */
    @Override
    public void close() {
        flush();
    }

    @Override
    public String toString() {
        return api == null ? "JobLog[discarding]" : "JobLog[" + jobUuid + "]";
    }
}
