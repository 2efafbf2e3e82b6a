package io.drpkit.sdk.runbook;

import static io.drpkit.sdk.runbook.Problems.quote;

import io.drpkit.sdk.internal.text.GoDurations;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step as a local process, on the calling thread, and reports what happened. Never
 * throws: every problem becomes a failed {@link StepResult} with a message naming it.
 *
 * <p>Order: create the step directory, write the input files and the script, start
 * {@code interpreter [arg] script} with the step directory as cwd and exactly the given
 * environment, drain stdout and stderr on two pool threads, wait up to the timeout (killing the
 * whole process tree when it passes), wait briefly for the drainers, then read the outputs.
 */
final class StepProcess {
    /** Upper bound on one output value; outputs end up in DRP params. */
    static final long MAX_OUTPUT_BYTES = 1024 * 1024;
    /**
     * How long to wait for stdout/stderr to reach end-of-file after the script exited. A
     * background process the script left behind can hold the pipes open indefinitely.
     */
    static final Duration DRAIN_GRACE = Duration.ofSeconds(2);
    /** How long a killed process may take to be reaped. */
    static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(StepProcess.class);
    private static final File DEV_NULL = new File("/dev/null");

    private final RunbookExecutor executor;
    private final String label;
    private final Step step;
    private final Path runDirectory;
    private final Map<String, String> env;
    private final Map<String, String> files;
    private final Duration timeout;
    private final StepListener listener;

    /**
     * @param label        {@code runbook "x" create step "s"}, for logs
     * @param env          the complete environment of the process
     * @param files        input files: path relative to the step directory -> content
     */
    StepProcess(RunbookExecutor executor, String label, Step step, Path runDirectory,
                Map<String, String> env, Map<String, String> files, Duration timeout, StepListener listener) {
        this.executor = executor;
        this.label = label;
        this.step = step;
        this.runDirectory = runDirectory;
        this.env = env;
        this.files = files;
        this.timeout = timeout;
        this.listener = listener;
    }

    StepResult run() {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Path dir = runDirectory.resolve(step.name());
        Outcome o;
        try {
            Files.createDirectories(dir);
            Listeners.call(() -> listener.stepStarted(step.name(), dir), label);
            o = execute(dir);
        } catch (IOException e) {
            o = Outcome.failed("could not prepare " + dir + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            o = Outcome.failed("interrupted");
        } catch (RuntimeException e) {
            LOG.error("{}: unexpected failure", label, e);
            o = Outcome.failed("unexpected failure: " + e);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        StepResult r = new StepResult(step.name(), o.status, o.exitCode, started, Instant.now(), ms,
                o.outputs, o.stderrTail, o.message);
        if (r.succeeded()) {
            LOG.debug("{}: succeeded in {} ms", label, ms);
        } else {
            LOG.info("{}: {}: {}", label, r.status(), r.message());
        }
        return r;
    }

    private Outcome execute(Path dir) throws IOException, InterruptedException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = dir.resolve(f.getKey()).normalize();
            if (!target.startsWith(dir)) {
                // The runbook validation already refuses this; a second guard costs nothing.
                return Outcome.failed("input path " + quote(f.getKey()) + " leaves the step directory");
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }
        Path script = runDirectory.resolve(step.name() + ".script");
        Files.writeString(script, step.script(), StandardCharsets.UTF_8);
        if (!script.toFile().setExecutable(true, true)) {
            LOG.debug("{}: could not mark {} executable", label, script);
        }
        List<String> command = new ArrayList<>(Shebang.parse(step.script()));
        command.add(script.toString());

        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return Outcome.failed("could not start " + String.join(" ", command.subList(0, command.size() - 1))
                    + ": " + e.getMessage());
        }
        executor.register(process);
        try {
            return supervise(process, dir);
        } finally {
            executor.unregister(process);
        }
    }

    private Outcome supervise(Process process, Path dir) throws IOException, InterruptedException {
        LineTail tail = new LineTail(executor.stderrTailLines());
        LinePump out = new LinePump(process.getInputStream(),
                line -> listener.line(step.name(), StepListener.Channel.STDOUT, line), label + " stdout");
        LinePump err = new LinePump(process.getErrorStream(), line -> {
            tail.add(line);
            listener.line(step.name(), StepListener.Channel.STDERR, line);
        }, label + " stderr");
        Future<?> outDone;
        Future<?> errDone;
        try {
            outDone = executor.pool().submit(out);
            errDone = executor.pool().submit(err);
        } catch (RejectedExecutionException e) {
            ProcessTrees.kill(process.toHandle());
            return Outcome.failed("not run: the executor is closed");
        }
        if (executor.isClosed()) {
            ProcessTrees.kill(process.toHandle());
        }

        boolean timedOut = false;
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            timedOut = true;
            LOG.info("{}: timed out after {}; killing its process tree", label, GoDurations.format(timeout));
            ProcessTrees.kill(process.toHandle());
            process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        long drainDeadline = System.nanoTime() + DRAIN_GRACE.toNanos();
        awaitDrained(outDone, out, drainDeadline);
        awaitDrained(errDone, err, drainDeadline);
        OptionalInt exit = process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
        List<String> stderrTail = tail.lines();

        if (timedOut) {
            return new Outcome(StepStatus.TIMED_OUT, exit, Map.of(), stderrTail,
                    "timed out after " + GoDurations.format(timeout) + "; its process tree was killed");
        }
        int code = exit.orElse(-1);
        if (code != 0) {
            String why = executor.isClosed() ? "killed: the executor was closed (exit code " + code + ")"
                    : "exited with code " + code;
            return new Outcome(StepStatus.FAILED, exit, Map.of(), stderrTail, why);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output o : step.outputs()) {
            Path file = dir.resolve(o.valueFromPath());
            if (!Files.isRegularFile(file)) {
                return new Outcome(StepStatus.FAILED, exit, Map.of(), stderrTail, "output " + quote(o.name())
                        + ": file " + quote(o.valueFromPath()) + " was not written (looked for " + file + ")");
            }
            long size = Files.size(file);
            if (size > MAX_OUTPUT_BYTES) {
                return new Outcome(StepStatus.FAILED, exit, Map.of(), stderrTail, "output " + quote(o.name())
                        + ": file " + quote(o.valueFromPath()) + " has " + size + " bytes, more than the "
                        + MAX_OUTPUT_BYTES + " allowed");
            }
            outputs.put(o.name(), trimOneNewline(Files.readString(file, StandardCharsets.UTF_8)));
        }
        return new Outcome(StepStatus.SUCCEEDED, exit, outputs, stderrTail, "");
    }

    private void awaitDrained(Future<?> done, LinePump pump, long deadline) throws InterruptedException {
        try {
            done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pump.detach();
            LOG.warn("{}: a process it left running still holds its output open; later output is dropped", label);
        } catch (ExecutionException e) {
            LOG.warn("{}: output drainer failed", label, e.getCause());
        }
    }

    static String trimOneNewline(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        if (s.endsWith("\n")) {
            return s.substring(0, s.length() - 1);
        }
        return s;
    }

    private record Outcome(StepStatus status, OptionalInt exitCode, Map<String, String> outputs,
                           List<String> stderrTail, String message) {
        static Outcome failed(String message) {
            return new Outcome(StepStatus.FAILED, OptionalInt.empty(), Map.of(), List.of(), message);
        }
    }
}
