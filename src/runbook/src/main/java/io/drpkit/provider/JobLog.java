package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.DrpApi;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lines of one runbook run appended to a DRP job's log ({@link DrpApi#appendJobLog}), in
 * batches: a batch goes out when it reaches {@value #MAX_LINES} lines or {@value #MAX_CHARS}
 * characters, every {@link #FLUSH_INTERVAL} while lines keep arriving slowly, and on {@link #close()}.
 *
 * <p><b>Never fails the run.</b> {@link #add} only buffers; the appends run in order on the
 * shared single-threaded {@code scheduler}. The first failed append is logged as a warning and
 * the later lines of this run are dropped (they are in the provider log anyway), so a DRP that
 * is down costs one bounded attempt, not one per line.
 *
 * <p>Thread-safe: {@link #add} may be called from any thread.
 */
final class JobLog implements AutoCloseable {
    static final int MAX_LINES = 200;
    static final int MAX_CHARS = 32 * 1024;
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** How long {@link #close()} waits for the last appends before leaving them to finish alone. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(JobLog.class);
    private static final UUID NIL = new UUID(0, 0);

    private final DrpApi api;
    private final String job;
    private final ScheduledExecutorService scheduler;
    private final ScheduledFuture<?> ticker;

    private final Object lock = new Object();
    private final StringBuilder buffer = new StringBuilder(); // guarded by lock
    private int lines;                                        // guarded by lock
    private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null); // guarded by lock
    private boolean closed;                                   // guarded by lock
    private volatile boolean failed;

    JobLog(DrpApi api, String job, ScheduledExecutorService scheduler) {
        this.api = Objects.requireNonNull(api, "api == null");
        this.job = Objects.requireNonNull(job, "job == null");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
        long every = FLUSH_INTERVAL.toMillis();
        this.ticker = scheduler.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The job a machine is running, from its {@code CurrentJob}: a UUID other than the nil UUID.
     * Empty for a machine with no job (an action run by hand with {@code drpcli}).
     */
    static Optional<String> currentJob(JsonNode machine) {
        String job = machine.path("CurrentJob").asText("").trim();
        if (job.isEmpty()) {
            return Optional.empty();
        }
        try {
            return NIL.equals(UUID.fromString(job)) ? Optional.empty() : Optional.of(job);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The job's UUID. */
    String job() {
        return job;
    }

    /** Buffers one line (a newline is added); ignored after {@link #close()}. */
    void add(String line) {
        boolean full;
        synchronized (lock) {
            if (closed) {
                return;
            }
            buffer.append(line).append('\n');
            lines++;
            full = lines >= MAX_LINES || buffer.length() >= MAX_CHARS;
        }
        if (full) {
            flush();
        }
    }

    /** Sends what is buffered (after what was sent before), without waiting. */
    void flush() {
        synchronized (lock) {
            if (buffer.length() == 0) {
                return;
            }
            String text = buffer.toString();
            buffer.setLength(0);
            lines = 0;
            pending = pending.thenRunAsync(() -> append(text), scheduler);
        }
    }

    /** Sends the rest and waits (at most {@link #CLOSE_WAIT}) until every batch was sent or dropped. */
    @Override
    public void close() {
        CompletableFuture<Void> last;
        ticker.cancel(false);
        flush();
        synchronized (lock) {
            closed = true;
            last = pending;
        }
        try {
            last.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("the log of job {} is still being written after {}; the run goes on without waiting", job,
                    CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("appending to the log of job {} failed", job, e.getCause());
        }
    }

    private void append(String text) {
        if (failed) {
            return;
        }
        try {
            api.appendJobLog(job, text);
        } catch (RuntimeException e) {
            failed = true;
            LOG.warn("cannot append to the log of job {} ({}); the rest of this run's output goes to the "
                    + "provider log only", job, e.getMessage());
        }
    }
}
