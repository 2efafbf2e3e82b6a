package io.drpkit.provider;

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
 * that job's log ({@link JobLog}), tagged {@code [step]} or {@code [step stderr]}. Thread-safe,
 * as {@link StepListener} requires.
 */
final class RunLog implements StepListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);

    private final String machine;
    private final String runbook;
    private final Phase phase;
    private final Optional<JobLog> job;

    RunLog(String machine, String runbook, Phase phase, Optional<JobLog> job) {
        this.machine = Objects.requireNonNull(machine, "machine == null");
        this.runbook = Objects.requireNonNull(runbook, "runbook == null");
        this.phase = Objects.requireNonNull(phase, "phase == null");
        this.job = Objects.requireNonNull(job, "job == null");
    }

    /** The run is about to start; {@code source} says which copy of the runbook runs. */
    void runStarted(String source) {
        LOG.info("machine {} runbook {} {}: starting ({} copy){}", machine, runbook, phase, source,
                job.map(j -> ", output also to the log of job " + j.job()).orElse(""));
        job.ifPresent(j -> j.add("runbook " + runbook + " " + phase + " on machine " + machine + " (" + source
                + " copy)"));
    }

    @Override
    public void stepStarted(String step, Path directory) {
        LOG.info("machine {} runbook {} {} step {}: started in {}", machine, runbook, phase, step, directory);
        job.ifPresent(j -> j.add("[" + step + "] started"));
    }

    @Override
    public void line(String step, Channel channel, String line) {
        if (channel == Channel.STDERR) {
            LOG.info("machine {} runbook {} {} step {} stderr: {}", machine, runbook, phase, step, line);
            job.ifPresent(j -> j.add("[" + step + " stderr] " + line));
        } else {
            LOG.info("machine {} runbook {} {} step {}: {}", machine, runbook, phase, step, line);
            job.ifPresent(j -> j.add("[" + step + "] " + line));
        }
    }

    @Override
    public void stepFinished(StepResult result) {
        String how = describe(result);
        if (result.status() == StepStatus.FAILED
                || result.status() == StepStatus.TIMED_OUT) {
            LOG.warn("machine {} runbook {} {} step {}: {}", machine, runbook, phase, result.name(), how);
        } else {
            LOG.info("machine {} runbook {} {} step {}: {}", machine, runbook, phase, result.name(), how);
        }
        job.ifPresent(j -> j.add("[" + result.name() + "] " + how));
    }

    /** The run ended; {@code kept} is its directory if it was kept for diagnosis. */
    void runFinished(RunResult result, Optional<Path> kept) {
        String summary = "runbook " + runbook + " " + phase + " on machine " + machine + " " + result.status()
                + " in " + Duration.between(result.started(), result.ended()).toMillis() + " ms";
        if (result.succeeded()) {
            LOG.info("{}", summary);
        } else {
            LOG.warn("{}; run directory kept for diagnosis: {}", summary, kept.map(Path::toString).orElse("(none)"));
        }
        job.ifPresent(j -> j.add(summary));
    }

    /** Sends the rest of the job log and waits for it (bounded); see {@link JobLog#close()}. */
    @Override
    public void close() {
        job.ifPresent(JobLog::close);
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
