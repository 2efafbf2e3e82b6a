package io.drpkit.provider;

import io.drpkit.sdk.JobLogger;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.runbook.Phase;
import io.drpkit.sdk.runbook.RunResult;
import io.drpkit.sdk.runbook.StepListener;
import io.drpkit.sdk.runbook.StepResult;
import io.drpkit.sdk.runbook.StepStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the output of one runbook run goes: every step start, output line and end to the
 * provider's log (which the SDK forwards to DRP's log), each message naming the machine, the
 * runbook, the phase and the step; and, when the action runs inside a DRP job, the same lines to
 * that job's log (the action's {@link JobLogger}), tagged {@code [step]} or {@code [step stderr]};
 * the provider-log lines are marked {@link JobLogger#PROVIDER_LOG_ONLY} so the job gets each line
 * once. Thread-safe, as {@link StepListener} requires.
 */
final class RunLog implements StepListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);
    private static final org.slf4j.Marker ONLY = JobLogger.PROVIDER_LOG_ONLY;

    private final String machine;
    private final String runbook;
    private final Phase phase;
    private final JobLogger job;
    private final Params mask;

    /** {@code mask}: the run's params, secure ones masked in every line (provider and job log). */
    RunLog(String machine, String runbook, Phase phase, JobLogger job, Params mask) {
        this.mask = Objects.requireNonNull(mask, "mask == null");
        this.machine = Objects.requireNonNull(machine, "machine == null");
        this.runbook = Objects.requireNonNull(runbook, "runbook == null");
        this.phase = Objects.requireNonNull(phase, "phase == null");
        this.job = Objects.requireNonNull(job, "job == null");
    }

    /** The run is about to start; {@code source} says which copy of the runbook runs. */
    void runStarted(String source) {
        LOG.info(ONLY, "machine {} runbook {} {}: starting ({} copy){}", machine, runbook, phase, source,
                job.jobUuid().map(j -> ", output also to the log of job " + j).orElse(""));
        job.line("runbook " + runbook + " " + phase + " on machine " + machine + " (" + source + " copy)");
    }

    @Override
    public void stepStarted(String step, Path directory) {
        LOG.info(ONLY, "machine {} runbook {} {} step {}: started in {}", machine, runbook, phase, step, directory);
        job.line("[" + step + "] started");
    }

    @Override
    public void line(String step, Channel channel, String raw) {
        String line = mask.mask(raw);
        if (channel == Channel.STDERR) {
            LOG.info(ONLY, "machine {} runbook {} {} step {} stderr: {}", machine, runbook, phase, step, line);
            job.line("[" + step + " stderr] " + line);
        } else {
            LOG.info(ONLY, "machine {} runbook {} {} step {}: {}", machine, runbook, phase, step, line);
            job.line("[" + step + "] " + line);
        }
    }

    @Override
    public void stepFinished(StepResult result) {
        String how = mask.mask(describe(result));
        if (result.status() == StepStatus.FAILED
                || result.status() == StepStatus.TIMED_OUT) {
            LOG.warn(ONLY, "machine {} runbook {} {} step {}: {}", machine, runbook, phase, result.name(), how);
        } else {
            LOG.info(ONLY, "machine {} runbook {} {} step {}: {}", machine, runbook, phase, result.name(), how);
        }
        job.line("[" + result.name() + "] " + how);
    }

    /** The run ended; {@code kept} is its directory if it was kept for diagnosis. */
    void runFinished(RunResult result, Optional<Path> kept) {
        String summary = "runbook " + runbook + " " + phase + " on machine " + machine + " " + result.status()
                + " in " + Duration.between(result.started(), result.ended()).toMillis() + " ms";
        if (result.succeeded()) {
            LOG.info(ONLY, "{}", summary);
        } else {
            LOG.warn(ONLY, "{}; run directory kept for diagnosis: {}", summary, kept.map(Path::toString).orElse("(none)"));
        }
        job.line(summary);
    }

    /** Sends what is buffered for the job's log; the SDK closes the job logger after the action. */
    @Override
    public void close() {
        job.flush();
    }

    private static String describe(StepResult r) {
        StringBuilder s = new StringBuilder(r.status().wireName());
        r.exitCode().ifPresent(c -> s.append(", exit code ").append(c));
        if (r.started().isPresent()) {
            s.append(", ").append(r.durationMillis()).append(" ms");
        }
        if (!r.message().isEmpty()) {
            s.append(" (").append(r.message()).append(')');
        }
        return s.toString();
    }
}
