package io.drpkit.sdk.config;

import java.util.Objects;

/**
 * One problem with one param, already phrased for a user: the param, what was expected and what
 * was seen, e.g. {@code incrementer/step: expected integer, got "two"}. Immutable and thread-safe.
 *
 * @param param   the param name (with a JSON path suffix for nested values, e.g. {@code runbook/events[1]})
 * @param message the whole message, starting with the param name
 * @since 0.1
 */
public record ValidationError(String param, String message) {
    public ValidationError {
        Objects.requireNonNull(param, "param == null");
        Objects.requireNonNull(message, "message == null");
    }

    /** A problem with {@code param}: {@code detail} is what is wrong, without the name. */
    public static ValidationError of(String param, String detail) {
        return new ValidationError(param, param + ": " + detail);
    }
}
