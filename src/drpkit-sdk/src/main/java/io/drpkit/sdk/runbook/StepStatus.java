package io.drpkit.sdk.runbook;

/**
 * How a step of a run ended. Thread-safe (an enum).
 *
 * @since 0.1
 */
public enum StepStatus {
    /** The script exited 0 and every declared output was read. */
    SUCCEEDED("succeeded"),
    /** The script could not start, exited non-zero, or did not write a declared output. */
    FAILED("failed"),
    /** The script ran past its timeout; its whole process tree was killed. */
    TIMED_OUT("timed-out"),
    /** Not run: a step it reads from did not succeed, or a stored create output it reads is missing. */
    SKIPPED("skipped");

    private final String wireName;

    StepStatus(String wireName) {
        this.wireName = wireName;
    }

    /** {@code succeeded}, {@code failed}, {@code timed-out} or {@code skipped}. */
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
