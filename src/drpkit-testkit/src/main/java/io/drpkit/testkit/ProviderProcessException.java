package io.drpkit.testkit;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A provider executable did not do what the host expects of it: it did not print
 * {@code READY!} in time, exited early, or a one-shot command did not finish in time. The message
 * names the executable and the command, and carries the exit code (if it exited) and the end of
 * what it wrote on stderr. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ProviderProcessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Integer exitCode;
    private final String stderr;

    ProviderProcessException(String message, OptionalInt exitCode, String stderr) {
        super(message + exitText(exitCode) + stderrText(stderr));
        this.exitCode = exitCode.isPresent() ? exitCode.getAsInt() : null;
        this.stderr = Objects.requireNonNull(stderr, "stderr == null");
    }

    /** The exit code, if the process had exited when this was thrown. */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /** What the process had written on stderr (the retained tail). */
    public String stderr() {
        return stderr;
    }

    private static String exitText(OptionalInt exitCode) {
        return exitCode.isPresent() ? "; exit code " + exitCode.getAsInt() : "; still running (killed)";
    }

    private static String stderrText(String stderr) {
        return stderr.isBlank() ? "; stderr empty" : "; stderr:\n" + stderr.stripTrailing();
    }
}
