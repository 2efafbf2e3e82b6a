package io.drpkit.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of the DRP job an action runs in (the Go SDK's {@code MakeJobLogger} idea): lines
 * written here are appended to the job's log ({@code PUT /api/v3/jobs/<uuid>/log}, spec §5.11),
 * where DRP shows them with the task's output. For an action, the SDK makes one
 * ({@link ActionRequest#jobLogger()}) when the target machine's {@code CurrentJob} is set, and
 * while the handler runs, everything the handler's thread logs through SLF4J at INFO or above
 * goes to the job's log too; {@link #logger(Class)} gives a logger that does so from any thread.
 *
 * <p><b>Delivery.</b> Lines are buffered and appended in order, in batches, in the background:
 * at least every {@link #FLUSH_INTERVAL}, when {@value #BATCH_CHARS} characters wait, and on
 * {@link #close()}, which waits for the last batch at most {@link #CLOSE_WAIT} (the SDK closes
 * the action's logger after the handler returned, before the answer goes out).
 *
 * <p><b>Never fails the action.</b> Nothing here throws because of DRP: a failed append is
 * counted ({@link #failures()}), logged once (to DRP's log, not the job's), and later batches are
 * still tried. Waiting text is bounded by {@value #MAX_PENDING_CHARS} characters; lines past that
 * are dropped and counted ({@link #dropped()}). Secret values are masked in every line: for the
 * logger of an action ({@link ActionRequest#jobLogger()}), every secret value the provider process
 * knows (its configuration's and the action's secure params, values read decoded or set with
 * {@link DrpApi#setSecureParam}); for one made with {@link #open(DrpApi, String, ScheduledExecutorService, Params)},
 * the secure values of those params.
 *
 * <p>Thread-safe: lines from several threads keep each line whole.
 *
 * @since 0.2
 */
public final class JobLogger implements AutoCloseable {
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    public static final int BATCH_CHARS = 32 * 1024;
    public static final int MAX_PENDING_CHARS = 1024 * 1024;
    /**
     * Marks a line for DRP's log only: the SDK does not copy it to the job's log even when the
     * action's thread logs it (for code that writes its own, differently worded job-log lines).
     */
    public static final org.slf4j.Marker PROVIDER_LOG_ONLY =
            org.slf4j.MarkerFactory.getMarker(io.drpkit.sdk.internal.logging.JobLogRouting.COPIED_MARKER);

    private static final Logger LOG = LoggerFactory.getLogger(JobLogger.class);
    private static final JobLogger NONE = new JobLogger();

    private final DrpApi api;
    private final String job;
    private final UnaryOperator<String> mask;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ScheduledFuture<?> ticker;

    private final Object lock = new Object();
    private final StringBuilder buffer = new StringBuilder();                          // guarded by lock
    private long inFlight;                                                              // guarded by lock
    private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null); // guarded by lock
    private boolean closed;                                                             // guarded by lock
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lines = new AtomicLong();
    private final AtomicBoolean warned = new AtomicBoolean();

    private JobLogger() {
        this.api = null;
        this.job = "";
        this.mask = UnaryOperator.identity();
        this.scheduler = null;
        this.ownsScheduler = false;
        this.ticker = null;
    }

    private JobLogger(DrpApi api, String job, ScheduledExecutorService scheduler, boolean owns, UnaryOperator<String> mask) {
        this.api = api;
        this.job = job;
        this.mask = mask;
        this.scheduler = scheduler;
        this.ownsScheduler = owns;
        long every = FLUSH_INTERVAL.toMillis();
        this.ticker = scheduler.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * A logger for job {@code jobUuid} with its own background thread (ended by {@link #close()}).
     *
     * @throws IllegalArgumentException if {@code jobUuid} is blank or contains {@code /}
     */
    public static JobLogger open(DrpApi api, String jobUuid) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drpkit-job-log");
            t.setDaemon(true);
            return t;
        });
        return new JobLogger(Objects.requireNonNull(api, "api == null"), checkJob(jobUuid), s, true, UnaryOperator.identity());
    }

    /**
     * A logger for job {@code jobUuid} sending on {@code scheduler} (shared, single-threaded so
     * batches keep their order; not shut down here), masking the secure values of {@code mask}.
     */
    public static JobLogger open(DrpApi api, String jobUuid, ScheduledExecutorService scheduler, Params mask) {
        Objects.requireNonNull(mask, "mask == null");
        return open(api, jobUuid, scheduler, mask::mask);
    }

    /**
     * A logger for job {@code jobUuid} sending on {@code scheduler} (shared, single-threaded so
     * batches keep their order; not shut down here), passing every line through {@code mask}
     * before it is buffered (for example to hide secret values). {@code mask} is called on the
     * writing threads: it must be thread-safe and must not log.
     *
     * @since 0.3
     */
    public static JobLogger open(DrpApi api, String jobUuid, ScheduledExecutorService scheduler, UnaryOperator<String> mask) {
        return new JobLogger(Objects.requireNonNull(api, "api == null"), checkJob(jobUuid),
                Objects.requireNonNull(scheduler, "scheduler == null"), false, Objects.requireNonNull(mask, "mask == null"));
    }

    /** A logger outside any job: lines go nowhere; {@link #logger(Class)} still logs to DRP's log. */
    public static JobLogger none() {
        return NONE;
    }

    /** The job's UUID; empty for {@link #none()}. */
    public Optional<String> jobUuid() {
        return api == null ? Optional.empty() : Optional.of(job);
    }

    /**
     * Adds {@code text} to the job's log, one line per line of it (a newline is added); secure
     * values masked. Never blocks on DRP, never throws because of it; ignored after {@link #close()}.
     */
    public void line(String text) {
        Objects.requireNonNull(text, "text == null");
        if (api == null) {
            return;
        }
        String masked = mask.apply(text);
        boolean full;
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (buffer.length() + inFlight + masked.length() + 1 > MAX_PENDING_CHARS) {
                dropped.incrementAndGet();
                return;
            }
            buffer.append(masked);
            if (!masked.endsWith("\n")) {
                buffer.append('\n');
            }
            lines.incrementAndGet();
            full = buffer.length() >= BATCH_CHARS;
        }
        if (full) {
            flush();
        }
    }

    /**
     * An SLF4J logger named after {@code type} whose every enabled line goes to DRP's log (as
     * {@code LoggerFactory.getLogger(type)} would) and, at INFO and above, to this job's log as
     * {@code LEVEL message}, from whichever thread logs.
     */
    public Logger logger(Class<?> type) {
        return logger(Objects.requireNonNull(type, "type == null").getName());
    }

    /** {@link #logger(Class)} by logger name. */
    public Logger logger(String name) {
        return new JobCopyLogger(LoggerFactory.getLogger(Objects.requireNonNull(name, "name == null")), this, mask);
    }

    /** A {@link LogWriter} whose lines go to this job's log, each as {@code prefix + line}. */
    public LogWriter writer(String prefix) {
        Objects.requireNonNull(prefix, "prefix == null");
        return LogWriter.to(l -> line(prefix + l));
    }

    /** Starts sending what is buffered (after what was sent before); does not wait. */
    public void flush() {
        if (api == null) {
            return;
        }
        synchronized (lock) {
            if (buffer.length() == 0) {
                return;
            }
            String text = buffer.toString();
            buffer.setLength(0);
            inFlight += text.length();
            try {
                pending = pending.thenRunAsync(() -> send(text), scheduler);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                inFlight -= text.length();
                dropped.addAndGet(text.chars().filter(c -> c == '\n').count());
            }
        }
    }

    /** Failed appends so far. */
    public long failures() {
        return failures.get();
    }

    /** Lines dropped because too much text was waiting. */
    public long dropped() {
        return dropped.get();
    }

    /** Lines accepted so far. */
    public long lines() {
        return lines.get();
    }

    /**
     * Sends the rest and waits until every batch was appended or failed, at most
     * {@link #CLOSE_WAIT}; later lines are ignored. Never throws. Idempotent.
     */
    @Override
    public void close() {
        if (api == null) {
            return;
        }
        CompletableFuture<Void> last;
        synchronized (lock) {
            if (closed) {
                return;
            }
            ticker.cancel(false);
        }
        flush();
        synchronized (lock) {
            closed = true;
            last = pending;
        }
        try {
            last.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("the log of job {} is still being written after {} ms; the action goes on without waiting",
                    job, CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("appending to the log of job {} failed: {}", job, e.getCause().toString());
        } finally {
            if (ownsScheduler) {
                last.whenComplete((v, t) -> scheduler.shutdown());
            }
        }
    }

    @Override
    public String toString() {
        return api == null ? "JobLogger[none]" : "JobLogger[" + job + "]";
    }

    private void send(String text) {
        try {
            api.appendJobLog(job, text);
        } catch (RuntimeException e) {
            long n = failures.incrementAndGet();
            if (warned.compareAndSet(false, true)) {
                LOG.warn("cannot append to the log of job {} ({}); the action goes on, its lines are still in the "
                        + "provider log, later batches are tried again and failures counted", job, mask.apply(String.valueOf(e.getMessage())));
            } else {
                LOG.debug("append {} to the log of job {} failed too: {}", n, job, e.toString());
            }
        } finally {
            synchronized (lock) {
                inFlight -= text.length();
            }
        }
    }

    private static String checkJob(String jobUuid) {
        Objects.requireNonNull(jobUuid, "jobUuid == null");
        if (jobUuid.isBlank() || jobUuid.contains("/")) {
            throw new IllegalArgumentException("not a job UUID: '" + jobUuid + "'");
        }
        return jobUuid;
    }
}
