package io.drpkit.sdk.runbook;

/**
 * How a run of one phase ended. Thread-safe (an enum).
 *
 * @since 0.1
 */
public enum RunStatus {
    /** No step failed or timed out (steps may have been skipped for missing stored create outputs). */
    SUCCEEDED("succeeded"),
    /** At least one step failed or timed out. */
    FAILED("failed");

    private final String wireName;

    RunStatus(String wireName) {
        this.wireName = wireName;
    }

    /** {@code succeeded} or {@code failed}. */
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
