package io.drpkit.sdk.runbook;

import java.nio.file.Path;

/**
 * Follows a run as it happens: step starts, every line a script writes, step ends. The runbook
 * provider forwards lines to the host log and the DRP job log.
 *
 * <p><b>Threads.</b> Methods are called from the executor's threads, concurrently for different
 * steps, and {@link #line} concurrently for the stdout and the stderr of one step; lines of one
 * stream arrive in order. Every line of a step is delivered before its {@link #stepFinished},
 * except output written after the script exited by a background process that kept the stream
 * open, which is dropped. Implementations must be thread-safe and should return quickly: a slow
 * {@link #line} slows the script's writes down (back pressure), never the other steps. An
 * exception thrown by a method is logged and otherwise ignored.
 *
 * @since 0.1
 */
public interface StepListener {
    /** A listener that ignores everything. */
    StepListener NONE = new StepListener() {
    };

    /** Which stream of the step's process a line came from. */
    enum Channel { STDOUT, STDERR }

    /** Step {@code step} is about to run in {@code directory} (its working directory). */
    default void stepStarted(String step, Path directory) {
    }

    /** One line (without its line terminator) written by step {@code step}. */
    default void line(String step, Channel channel, String line) {
    }

    /** Step {@code result.name()} ended: succeeded, failed, timed out, or was skipped. */
    default void stepFinished(StepResult result) {
    }
}
