package io.drpkit.sdk.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.JobLogger;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.internal.logging.JobLogRouting;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;

/**
 * The job loggers of actions that run inside a DRP job (the target's {@code CurrentJob}): one
 * sending thread and one log routing for the whole provider, both made on the first such action
 * (so start-up pays nothing) and ended by {@link #close()}. Thread-safe.
 */
final class ActionJobLogs {
    private static final UUID NIL = new UUID(0, 0);

    private final UnaryOperator<String> mask;

    private ScheduledExecutorService sender; // guarded by this
    private JobLogRouting routing;           // guarded by this
    private boolean closed;                  // guarded by this

    /**
     * Job loggers masking the action's secure params and then {@code mask} (the runtime's secrets,
     * which learn the action's too, but may forget the oldest learned values while it runs).
     */
    ActionJobLogs(UnaryOperator<String> mask) {
        this.mask = Objects.requireNonNull(mask, "mask == null");
    }

    /** The logger of the job {@code model} runs, or {@link JobLogger#none()}. */
    JobLogger open(DrpApi api, JsonNode model, Params params) {
        String job = currentJob(model);
        if (job == null) {
            return JobLogger.none();
        }
        ScheduledExecutorService s;
        synchronized (this) {
            if (closed) {
                return JobLogger.none();
            }
            if (sender == null) {
                sender = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "drpkit-job-logs");
                    t.setDaemon(true);
                    return t;
                });
                routing = JobLogRouting.attach();
            }
            s = sender;
        }
        return JobLogger.open(api, job, s, text -> mask.apply(params.mask(text)));
    }

    /** Runs {@code body}, its thread's log lines also going to {@code logger}'s job. */
    <T> T during(JobLogger logger, Callable<T> body) throws Exception {
        JobLogRouting r;
        synchronized (this) {
            r = routing;
        }
        return r == null || logger.jobUuid().isEmpty() ? body.call() : r.during(logger, body);
    }

    /** Ends the sending thread after what is queued, and the routing. Idempotent. */
    synchronized void close() {
        closed = true;
        if (sender != null) {
            sender.shutdown();
            routing.detach();
        }
    }

    /** {@code CurrentJob} when it is a UUID other than the nil UUID (DRP's "no job"). */
    static String currentJob(JsonNode model) {
        JsonNode v = model == null ? null : model.get("CurrentJob");
        if (v == null || !v.isTextual()) {
            return null;
        }
        String job = v.textValue().trim();
        try {
            return job.isEmpty() || NIL.equals(UUID.fromString(job)) ? null : job;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
