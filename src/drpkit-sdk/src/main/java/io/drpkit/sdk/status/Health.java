package io.drpkit.sdk.status;

/**
 * How healthy a resource is, on Waypoint's scale. The numeric {@link #code()} is part of the
 * contract: it orders health values in summaries. On the wire a health value is written as its
 * name ({@code "READY"}). Immutable and thread-safe.
 *
 * @since 0.1
 */
public enum Health {
    /** The health cannot be told (no check, or the check itself failed). */
    UNKNOWN(0),
    /** The resource exists but may not be ready to serve yet. */
    ALIVE(1),
    /** The resource exists and serves. */
    READY(2),
    /** The resource exists but does not respond. */
    DOWN(3),
    /** Some parts are fine and some are not. */
    PARTIAL(4),
    /** The resource is expected to exist but does not. */
    MISSING(5);

    private final int code;

    Health(int code) {
        this.code = code;
    }

    /** The stable numeric code: 0 for {@link #UNKNOWN} up to 5 for {@link #MISSING}. */
    public int code() {
        return code;
    }
}
