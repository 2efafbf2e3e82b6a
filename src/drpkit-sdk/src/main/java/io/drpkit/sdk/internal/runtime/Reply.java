package io.drpkit.sdk.internal.runtime;

/**
 * What a route answers: an HTTP status and a body serialized as JSON (any value, including
 * {@code null}). Immutable.
 */
public record Reply(int status, Object body) {
    public static Reply ok(Object body) {
        return new Reply(200, body);
    }
}
