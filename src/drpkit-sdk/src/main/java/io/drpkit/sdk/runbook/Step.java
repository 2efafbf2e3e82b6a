package io.drpkit.sdk.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a {@link Runbook}: a script run as a local process, its inputs and outputs.
 * Immutable and thread-safe. Names, the {@code #!} line, references and paths are checked when
 * the step becomes part of a {@link Runbook}, not here.
 *
 * <pre>{@code
 * Step mkdir = Step.builder("mkdir", "#!/bin/sh\nmkdir -p \"$ROOT/x\" && echo \"$ROOT/x\" > dir\n")
 *     .input(Input.builder("root", InputSource.param("runbook/root")).env("ROOT").build())
 *     .output(Output.of("dir", "dir"))
 *     .timeout(Duration.ofSeconds(30))
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class Step {
    private final String name;
    private final String script;
    private final List<Input> inputs;
    private final List<Output> outputs;
    private final Optional<Duration> timeout;
    private final boolean needsToken;

    private Step(Builder b) {
        this.name = b.name;
        this.script = b.script;
        this.inputs = List.copyOf(b.inputs);
        this.outputs = List.copyOf(b.outputs);
        this.timeout = Optional.ofNullable(b.timeout);
        this.needsToken = b.needsToken;
    }

    /** Starts a step called {@code name} (unique across both phases) running {@code script}. */
    public static Builder builder(String name, String script) {
        return new Builder(name, script);
    }

    public String name() {
        return name;
    }

    /** The script text; it starts with a {@code #!} line naming the interpreter. */
    public String script() {
        return script;
    }

    /** The inputs, in declaration order. */
    public List<Input> inputs() {
        return inputs;
    }

    /** The outputs, in declaration order. */
    public List<Output> outputs() {
        return outputs;
    }

    /** The output called {@code name}, if declared. */
    public Optional<Output> output(String name) {
        return outputs.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /**
     * How long the process may run before its whole process tree is killed; empty means the
     * executor's default ({@link RunbookExecutor.Builder#defaultStepTimeout(Duration)}).
     */
    public Optional<Duration> timeout() {
        return timeout;
    }

    /** Whether the step is given {@code RS_TOKEN}; only such steps are. */
    public boolean needsToken() {
        return needsToken;
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, script);
        b.inputs.addAll(inputs);
        b.outputs.addAll(outputs);
        b.timeout = timeout.orElse(null);
        b.needsToken = needsToken;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Step s && name.equals(s.name) && script.equals(s.script)
                && inputs.equals(s.inputs) && outputs.equals(s.outputs)
                && timeout.equals(s.timeout) && needsToken == s.needsToken;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, script, inputs, outputs, timeout, needsToken);
    }

    @Override
    public String toString() {
        return "Step{" + name + "}";
    }

    /** Builds a {@link Step}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String script;
        private final List<Input> inputs = new ArrayList<>();
        private final List<Output> outputs = new ArrayList<>();
        private Duration timeout;
        private boolean needsToken;

        private Builder(String name, String script) {
            this.name = Objects.requireNonNull(name, "name == null");
            this.script = Objects.requireNonNull(script, "script == null");
        }

        public Builder input(Input input) {
            inputs.add(Objects.requireNonNull(input, "input == null"));
            return this;
        }

        public Builder inputs(List<Input> inputs) {
            inputs.forEach(this::input);
            return this;
        }

        public Builder output(Output output) {
            outputs.add(Objects.requireNonNull(output, "output == null"));
            return this;
        }

        public Builder outputs(List<Output> outputs) {
            outputs.forEach(this::output);
            return this;
        }

        /** The step's time limit; it must be positive (checked by {@link Runbook}). */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout == null");
            return this;
        }

        public Builder needsToken(boolean needsToken) {
            this.needsToken = needsToken;
            return this;
        }

        public Step build() {
            return new Step(this);
        }
    }
}
