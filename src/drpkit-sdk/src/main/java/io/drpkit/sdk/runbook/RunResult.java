package io.drpkit.sdk.runbook;

import io.drpkit.sdk.model.DrpError;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of running one phase of a runbook: its status and one {@link StepResult} per step,
 * in declaration order. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class RunResult {
    /** The HTTP code of {@link #toError()}. */
    public static final int FAILED_CODE = 500;

    private final String runbookId;
    private final Phase phase;
    private final Path runDirectory;
    private final Instant started;
    private final Instant ended;
    private final List<StepResult> steps;

    RunResult(String runbookId, Phase phase, Path runDirectory, Instant started, Instant ended,
              List<StepResult> steps) {
        this.runbookId = Objects.requireNonNull(runbookId, "runbookId == null");
        this.phase = Objects.requireNonNull(phase, "phase == null");
        this.runDirectory = Objects.requireNonNull(runDirectory, "runDirectory == null");
        this.started = Objects.requireNonNull(started, "started == null");
        this.ended = Objects.requireNonNull(ended, "ended == null");
        this.steps = List.copyOf(steps);
    }

    public String runbookId() {
        return runbookId;
    }

    public Phase phase() {
        return phase;
    }

    /** The run's directory; step {@code s} ran in {@code runDirectory().resolve(s)}. Left in place. */
    public Path runDirectory() {
        return runDirectory;
    }

    public Instant started() {
        return started;
    }

    public Instant ended() {
        return ended;
    }

    /** {@link RunStatus#FAILED} if any step failed or timed out. */
    public RunStatus status() {
        return steps.stream().anyMatch(RunResult::isFailure) ? RunStatus.FAILED : RunStatus.SUCCEEDED;
    }

    public boolean succeeded() {
        return status() == RunStatus.SUCCEEDED;
    }

    /** Every step of the phase, in declaration order. */
    public List<StepResult> steps() {
        return steps;
    }

    /** The result of step {@code name}, if it belongs to this phase. */
    public Optional<StepResult> step(String name) {
        Objects.requireNonNull(name, "name == null");
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The outputs of the steps that succeeded and declare outputs: step name -> output name ->
     * value, in declaration order. For a create run, this is what to store for delete
     * ({@link RunContext.Builder#storedOutputs(Map)}).
     */
    public Map<String, Map<String, String>> outputs() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (StepResult s : steps) {
            if (s.succeeded() && !s.outputs().isEmpty()) {
                all.put(s.name(), s.outputs());
            }
        }
        return Collections.unmodifiableMap(all);
    }

    /**
     * The run's failure as a DRP error: Code {@value #FAILED_CODE}, Type {@code runbook}, Model
     * {@code runbooks}, Key the runbook's Id; one message per failed or timed-out step naming
     * it, its exit code and the tail of its stderr; then one message listing skipped steps.
     *
     * @throws IllegalStateException if the run succeeded
     */
    public DrpError toError() {
        if (succeeded()) {
            throw new IllegalStateException("runbook \"" + runbookId + "\" " + phase + " succeeded; there is no error");
        }
        DrpError.Builder e = DrpError.builder(FAILED_CODE, "runbook").model(Runbook.TYPE).key(runbookId);
        String prefix = "runbook \"" + runbookId + "\" " + phase + " step \"";
        for (StepResult s : steps) {
            if (isFailure(s)) {
                StringBuilder m = new StringBuilder(prefix).append(s.name()).append("\" ")
                        .append(s.status().wireName()).append(": ").append(s.message());
                if (s.exitCode().isPresent() && !s.message().contains("code " + s.exitCode().getAsInt())) {
                    m.append(" (exit code ").append(s.exitCode().getAsInt()).append(')');
                }
                if (s.stderrTail().isEmpty()) {
                    m.append("; no stderr");
                } else {
                    m.append("; last stderr lines:\n").append(String.join("\n", s.stderrTail()));
                }
                e.message(m.toString());
            }
        }
        List<String> skipped = steps.stream().filter(s -> s.status() == StepStatus.SKIPPED)
                .map(StepResult::name).toList();
        if (!skipped.isEmpty()) {
            e.message("runbook \"" + runbookId + "\" " + phase + ": skipped " + String.join(", ", skipped));
        }
        return e.build();
    }

    /**
     * The run's failure as an exception carrying {@link #toError()}.
     *
     * @throws IllegalStateException if the run succeeded
     */
    public RunbookFailedException toException() {
        return new RunbookFailedException(this);
    }

    /** Throws {@link #toException()} if the run failed; returns this otherwise. */
    public RunResult throwIfFailed() {
        if (!succeeded()) {
            throw toException();
        }
        return this;
    }

    @Override
    public String toString() {
        return "RunResult{" + runbookId + " " + phase + " " + status() + " " + steps + "}";
    }

    private static boolean isFailure(StepResult s) {
        return s.status() == StepStatus.FAILED || s.status() == StepStatus.TIMED_OUT;
    }
}
