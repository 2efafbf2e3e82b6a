package io.drpkit.sdk.runbook;

import java.util.Objects;

/**
 * Where an {@link Input} takes its value from: exactly one of a param, a machine field or a step
 * output. Immutable and thread-safe.
 *
 * @since 0.1
 */
public sealed interface InputSource {

    /** {@code valueFromParam: <name>}: the action's param, else the machine's param. */
    static InputSource param(String name) {
        return new Param(name);
    }

    /** {@code valueFromMachine: <field>}: a top-level member of the machine, e.g. {@code Uuid}. */
    static InputSource machine(String field) {
        return new MachineField(field);
    }

    /** {@code valueFromStep: {name: <step>, output: <output>}}: another step's output. */
    static InputSource step(String step, String output) {
        return new StepOutput(step, output);
    }

    /**
     * A param, looked up first in the action's params and then in the machine's {@code Params}.
     * Strings are passed as they are; other JSON values as compact JSON text.
     *
     * @param name the param name, e.g. {@code runbook/root}
     */
    record Param(String name) implements InputSource {
        public Param {
            Objects.requireNonNull(name, "name == null");
        }
    }

    /**
     * A top-level member of the target machine's JSON object ({@code Name}, {@code Uuid},
     * {@code Address}, ...). Strings are passed as they are; other JSON values as compact JSON.
     *
     * @param field the member name, in DRP's PascalCase
     */
    record MachineField(String field) implements InputSource {
        public MachineField {
            Objects.requireNonNull(field, "field == null");
        }
    }

    /**
     * An output of another step. A step of the same phase becomes a dependency; a {@code delete}
     * step reading a {@code create} step is given the stored value instead.
     *
     * @param step   the producing step's name
     * @param output the output's name in that step
     */
    record StepOutput(String step, String output) implements InputSource {
        public StepOutput {
            Objects.requireNonNull(step, "step == null");
            Objects.requireNonNull(output, "output == null");
        }
    }
}
