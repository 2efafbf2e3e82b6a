package io.drpkit.sdk.runbook;

import io.drpkit.sdk.PluginException;
import java.util.Objects;

/**
 * A runbook run in which a step failed or timed out; its {@link #error()} is
 * {@link RunResult#toError()}. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class RunbookFailedException extends PluginException {
    private static final long serialVersionUID = 1L;
    private final transient RunResult result;

    /**
     * @throws IllegalStateException if {@code result} succeeded
     */
    public RunbookFailedException(RunResult result) {
        super(Objects.requireNonNull(result, "result == null").toError());
        this.result = result;
    }

    /** The failed run. */
    public RunResult result() {
        return result;
    }
}
