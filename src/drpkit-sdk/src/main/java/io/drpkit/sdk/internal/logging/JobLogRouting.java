package io.drpkit.sdk.internal.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.drpkit.sdk.JobLogger;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Routes what an action's thread logs to the log of the job the action runs in: while
 * {@link #during} runs, {@value #MDC_JOB} names the job on that thread, and an appender on the
 * root logger passes each INFO-or-above line carrying it to the job's {@link JobLogger} as
 * {@code LEVEL message}, except the SDK's internal plumbing ({@code io.drpkit.sdk.internal.*}).
 * Lines a {@link JobLogger#logger} already copied (marker
 * {@value #COPIED_MARKER}) are skipped. When SLF4J is not bound to logback, nothing is routed
 * (the explicit {@link JobLogger#logger} still works). Thread-safe.
 */
public final class JobLogRouting {
    /** MDC: the UUID of the job the current thread's action runs in. */
    public static final String MDC_JOB = "drpkit.job";
    /** The name of {@link JobLogger#PROVIDER_LOG_ONLY}: lines not to copy to the job's log. */
    public static final String COPIED_MARKER = "DRPKIT_PROVIDER_LOG_ONLY";

    private final Map<String, JobLogger> jobs = new ConcurrentHashMap<>();
    private final Appender appender;
    private final ch.qos.logback.classic.Logger root;

    private JobLogRouting(ch.qos.logback.classic.Logger root) {
        this.root = root;
        this.appender = root == null ? null : new Appender(jobs);
    }

    /** Attached to logback's root logger when logback is SLF4J's binding; inert otherwise. */
    public static JobLogRouting attach() {
        if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return new JobLogRouting(null);
        }
        JobLogRouting r = new JobLogRouting(ctx.getLogger(Logger.ROOT_LOGGER_NAME));
        r.appender.setContext(ctx);
        r.appender.setName("drpkit-job-log-" + Integer.toHexString(System.identityHashCode(r)));
        r.appender.start();
        r.root.addAppender(r.appender);
        return r;
    }

    /** Runs {@code body} with the current thread's log lines also going to {@code logger}'s job. */
    public <T> T during(JobLogger logger, java.util.concurrent.Callable<T> body) throws Exception {
        Objects.requireNonNull(logger, "logger == null");
        String job = logger.jobUuid().orElse(null);
        if (job == null) {
            return body.call();
        }
        String before = MDC.get(MDC_JOB);
        jobs.put(job, logger);
        MDC.put(MDC_JOB, job);
        try {
            return body.call();
        } finally {
            if (before == null) {
                MDC.remove(MDC_JOB);
            } else {
                MDC.put(MDC_JOB, before);
            }
            jobs.remove(job, logger);
        }
    }

    /** Detaches the appender. Idempotent. */
    public void detach() {
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
    }

    private static final String SDK_INTERNALS = "io.drpkit.sdk.internal.";

    private static final class Appender extends UnsynchronizedAppenderBase<ILoggingEvent> {
        private final Map<String, JobLogger> jobs;

        Appender(Map<String, JobLogger> jobs) {
            this.jobs = jobs;
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (!event.getLevel().isGreaterOrEqual(Level.INFO) || event.getLoggerName().startsWith(SDK_INTERNALS)) {
                return; // the SDK's own plumbing (event streams, retries ...) is not the action's output
            }
            String job = event.getMDCPropertyMap().get(MDC_JOB);
            JobLogger logger = job == null ? null : jobs.get(job);
            if (logger == null || copied(event)) {
                return;
            }
            IThrowableProxy t = event.getThrowableProxy();
            logger.line(event.getLevel() + " " + event.getFormattedMessage()
                    + (t == null ? "" : " (" + t.getClassName() + ": " + t.getMessage() + ")"));
        }

        private static boolean copied(ILoggingEvent event) {
            if (event.getMarkerList() == null) {
                return false;
            }
            for (Marker m : event.getMarkerList()) {
                if (m.getName().equals(COPIED_MARKER)) {
                    return true;
                }
            }
            return false;
        }
    }
}
