package io.drpkit.sdk.runbook;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What happened to one step in a run. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class StepResult {
    private final String name;
    private final StepStatus status;
    private final OptionalInt exitCode;
    private final Optional<Instant> started;
    private final Optional<Instant> ended;
    private final long durationMillis;
    private final Map<String, String> outputs;
    private final List<String> stderrTail;
    private final String message;

    StepResult(String name, StepStatus status, OptionalInt exitCode, Instant started, Instant ended,
               long durationMillis, Map<String, String> outputs, List<String> stderrTail, String message) {
        this.name = Objects.requireNonNull(name, "name == null");
        this.status = Objects.requireNonNull(status, "status == null");
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode == null");
        this.started = Optional.ofNullable(started);
        this.ended = Optional.ofNullable(ended);
        this.durationMillis = durationMillis;
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        this.stderrTail = List.copyOf(stderrTail);
        this.message = Objects.requireNonNull(message, "message == null");
    }

    static StepResult skipped(String name, String reason) {
        return new StepResult(name, StepStatus.SKIPPED, OptionalInt.empty(), null, null, 0,
                Map.of(), List.of(), reason);
    }

    static StepResult failed(String name, String reason) {
        return new StepResult(name, StepStatus.FAILED, OptionalInt.empty(), null, null, 0,
                Map.of(), List.of(), reason);
    }

    /** The step's name. */
    public String name() {
        return name;
    }

    public StepStatus status() {
        return status;
    }

    /** True when the status is {@link StepStatus#SUCCEEDED}. */
    public boolean succeeded() {
        return status == StepStatus.SUCCEEDED;
    }

    /** The process's exit code; empty if it never started or did not exit. */
    public OptionalInt exitCode() {
        return exitCode;
    }

    /** When the step started (before its directory was prepared); empty if skipped. */
    public Optional<Instant> started() {
        return started;
    }

    /** When the step ended (after its outputs were read); empty if skipped. */
    public Optional<Instant> ended() {
        return ended;
    }

    /** Wall-clock time from start to end, measured monotonically; 0 if skipped. */
    public long durationMillis() {
        return durationMillis;
    }

    /** The outputs read, by name in declaration order; empty unless succeeded. */
    public Map<String, String> outputs() {
        return outputs;
    }

    /** The last stderr lines (at most the executor's tail size), oldest first. */
    public List<String> stderrTail() {
        return stderrTail;
    }

    /**
     * Why the step did not succeed, e.g. {@code exited with code 3}, {@code timed out after 2s;
     * its process tree was killed}, {@code skipped: step "mkleft" did not succeed}; empty if it
     * succeeded.
     */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return "StepResult{" + name + " " + status + (exitCode.isPresent() ? " exit=" + exitCode.getAsInt() : "")
                + (message.isEmpty() ? "" : " (" + message + ")") + "}";
    }
}
