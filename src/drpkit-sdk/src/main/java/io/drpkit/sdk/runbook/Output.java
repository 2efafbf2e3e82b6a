package io.drpkit.sdk.runbook;

import java.util.Objects;

/**
 * A value a step produces: after the script exits 0, the file at {@code valueFromPath} (relative
 * to the step's working directory, or absolute) is read as UTF-8 and one trailing newline is
 * removed. A missing file fails the step. Immutable and thread-safe.
 *
 * @param name          the output's name, unique within its step
 * @param valueFromPath the file the script writes the value to
 * @since 0.1
 */
public record Output(String name, String valueFromPath) {
    public Output {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(valueFromPath, "valueFromPath == null");
    }

    /** An output {@code name} read from {@code valueFromPath}. */
    public static Output of(String name, String valueFromPath) {
        return new Output(name, valueFromPath);
    }
}
