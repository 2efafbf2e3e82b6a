package io.drpkit.sdk.runbook;

import static io.drpkit.sdk.runbook.Problems.quote;

import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.model.DrpError;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one phase of a {@link Runbook} as a DAG of local processes.
 *
 * <p><b>Order.</b> A step is ready when every step of the same phase it reads an output from has
 * succeeded. Ready steps start in declaration order while fewer than {@link Builder#parallelism
 * parallelism} steps of the run are running. A step that fails, times out or is skipped makes
 * exactly its transitive dependents {@link StepStatus#SKIPPED skipped}; independent steps go on.
 * In {@code delete}, an input reading a {@code create} step's output takes the stored value from
 * the {@link RunContext}; if it is not stored, the step is skipped (there is nothing to undo) and
 * that alone does not fail the run.
 *
 * <p><b>Process.</b> Each run gets a fresh directory {@code <base>/<runbook>-<phase>-<UTC
 * time>-<random>/}; step {@code s} runs with working directory {@code <run>/s/}, its script
 * written to {@code <run>/s.script} and started as {@code interpreter [arg] <run>/s.script} from
 * its {@code #!} line, stdin from {@code /dev/null}. Input files are written relative to the step
 * directory. The environment is built from scratch, never inherited whole: the base environment
 * ({@code PATH}, {@code HOME}, {@code LANG}, {@code TMPDIR} of this process by default), then
 * {@code RUNBOOK_NAME}, {@code RUNBOOK_PHASE}, {@code RUNBOOK_STEP}, {@code RUNBOOK_MACHINE_UUID}
 * and {@code RUNBOOK_MACHINE_NAME} (when the machine has them), {@code RS_ENDPOINT} and
 * {@code RS_FILESERVER} (when given), {@code RS_TOKEN} only for steps with {@code needsToken:
 * true}, then the env inputs. Stdout and stderr are drained on their own threads line by line to
 * the {@link StepListener}; the last {@link Builder#stderrTailLines stderrTailLines} stderr lines
 * are kept. After exit 0 the outputs are read (a missing file fails the step). When the timeout
 * passes, the process and all its descendants are killed ({@link ProcessHandle#descendants()},
 * then {@code destroyForcibly}).
 *
 * <p><b>Threads.</b> Thread-safe: any number of runs may go on at once, each with its own bound.
 * Steps, and the drainers of their streams, run on a cached pool of daemon threads owned by this
 * executor; progress is driven by step-completion callbacks. {@link #close()} kills whatever is
 * still running. Run directories are left in place for inspection; cleaning them up is the
 * caller's business.
 *
 * <pre>{@code
 * try (RunbookExecutor executor = RunbookExecutor.builder(scratch.resolve("runs")).parallelism(4).build()) {
 *     RunResult created = executor.run(runbook, Phase.CREATE, context, listener);
 *     created.throwIfFailed();
 *     store(created.outputs());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class RunbookExecutor implements AutoCloseable {
    /** The timeout of steps that declare none. */
    public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(5);
    /** The bound on running steps per run when none is set. */
    public static final int DEFAULT_PARALLELISM = 4;
    /** How many last stderr lines a {@link StepResult} keeps when not set otherwise. */
    public static final int DEFAULT_STDERR_TAIL_LINES = 20;
    /** The variables of this process passed to steps by default (when set). */
    public static final List<String> BASE_VARIABLES = List.of("PATH", "HOME", "LANG", "TMPDIR");
    /** {@code PATH} when this process has none. */
    public static final String FALLBACK_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** The {@code HTTP} code of {@link PluginException}s thrown when a run cannot start. */
    public static final int MISSING_INPUT_CODE = 400;

    private static final Logger LOG = LoggerFactory.getLogger(RunbookExecutor.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Path baseDirectory;
    private final int parallelism;
    private final Duration defaultStepTimeout;
    private final int stderrTailLines;
    private final Map<String, String> baseEnvironment;
    private final ExecutorService pool;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RunbookExecutor(Builder b) {
        this.baseDirectory = b.baseDirectory;
        this.parallelism = b.parallelism;
        this.defaultStepTimeout = b.defaultStepTimeout;
        this.stderrTailLines = b.stderrTailLines;
        this.baseEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(b.baseEnvironment));
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runbook-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** An executor creating its run directories under {@code baseDirectory} (created when needed). */
    public static Builder builder(Path baseDirectory) {
        return new Builder(baseDirectory);
    }

    /**
     * Starts running {@code phase} of {@code runbook} and returns at once; the future completes
     * (never exceptionally) when every step of the phase has a result.
     *
     * @throws PluginException       before anything runs: Code {@value #MISSING_INPUT_CODE} with one
     *                               message per param or machine field an input reads that the context
     *                               does not have, and per {@code needsToken} step without a token;
     *                               Code 500 if the run directory cannot be created
     * @throws IllegalStateException if this executor is closed
     */
    public CompletableFuture<RunResult> start(Runbook runbook, Phase phase, RunContext context,
                                              StepListener listener) {
        Objects.requireNonNull(runbook, "runbook == null");
        Objects.requireNonNull(phase, "phase == null");
        Objects.requireNonNull(context, "context == null");
        Objects.requireNonNull(listener, "listener == null");
        if (closed.get()) {
            throw new IllegalStateException("runbook executor is closed");
        }
        checkInputs(runbook, phase, context);
        Path runDirectory = createRunDirectory(runbook, phase);
        LOG.info("runbook \"{}\" {}: running {} steps in {}", runbook.id(), phase,
                runbook.steps(phase).size(), runDirectory);
        return new RunbookRun(this, runbook, phase, context, runDirectory, listener).start();
    }

    /**
     * Runs {@code phase} of {@code runbook} and waits for it to end, uninterruptibly; use
     * {@link #close()} to end runs early. Same contract as {@link #start}.
     */
    public RunResult run(Runbook runbook, Phase phase, RunContext context, StepListener listener) {
        return start(runbook, phase, context, listener).join();
    }

    /**
     * Refuses new runs and kills the process trees of all running steps; they end
     * {@link StepStatus#FAILED}, their dependents are skipped, and the runs in progress complete.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (Process p : live) {
                ProcessTrees.kill(p.toHandle());
            }
            pool.shutdown();
        }
    }

    /** Where run directories are created (absolute). */
    public Path baseDirectory() {
        return baseDirectory;
    }

    /** At most this many steps of one run are running at a time. */
    public int parallelism() {
        return parallelism;
    }

    /** The timeout of steps that declare none. */
    public Duration defaultStepTimeout() {
        return defaultStepTimeout;
    }

    /** How many last stderr lines a {@link StepResult} keeps. */
    public int stderrTailLines() {
        return stderrTailLines;
    }

    /** The variables every step starts with. */
    public Map<String, String> baseEnvironment() {
        return baseEnvironment;
    }

    ExecutorService pool() {
        return pool;
    }

    boolean isClosed() {
        return closed.get();
    }

    void register(Process p) {
        live.add(p);
    }

    void unregister(Process p) {
        live.remove(p);
    }

    private static void checkInputs(Runbook runbook, Phase phase, RunContext context) {
        List<String> missing = new ArrayList<>();
        for (Step s : runbook.steps(phase)) {
            String prefix = "runbook " + quote(runbook.id()) + " step " + quote(s.name()) + ": ";
            for (Input in : s.inputs()) {
                if (in.source() instanceof InputSource.Param p && context.param(p.name()).isEmpty()) {
                    missing.add(prefix + "input " + quote(in.name()) + " reads param " + quote(p.name())
                            + ", which is set neither in the action's params nor in the machine's Params");
                } else if (in.source() instanceof InputSource.MachineField m
                        && context.machineField(m.field()).isEmpty()) {
                    missing.add(prefix + "input " + quote(in.name()) + " reads machine field "
                            + quote(m.field()) + ", which the machine does not have");
                }
            }
            if (s.needsToken() && context.token().isEmpty()) {
                missing.add(prefix + "needsToken is true but no token (RS_TOKEN) was given");
            }
        }
        if (!missing.isEmpty()) {
            throw new PluginException(DrpError.builder(MISSING_INPUT_CODE, "runbook").model(Runbook.TYPE)
                    .key(runbook.id()).messages(missing).build());
        }
    }

    private Path createRunDirectory(Runbook runbook, Phase phase) {
        String name = runbook.id() + "-" + phase.wireName() + "-"
                + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Path dir = baseDirectory.resolve(name);
        try {
            Files.createDirectories(baseDirectory);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                // Input files may hold secrets from params: only this user may read the run.
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new PluginException(DrpError.builder(500, "runbook").model(Runbook.TYPE).key(runbook.id())
                    .message("runbook " + quote(runbook.id()) + " " + phase + ": cannot create run directory "
                            + dir + ": " + e).build(), e);
        }
    }

    /** Builds a {@link RunbookExecutor}. Not thread-safe. */
    public static final class Builder {
        private final Path baseDirectory;
        private int parallelism = DEFAULT_PARALLELISM;
        private Duration defaultStepTimeout = DEFAULT_STEP_TIMEOUT;
        private int stderrTailLines = DEFAULT_STDERR_TAIL_LINES;
        private Map<String, String> baseEnvironment;

        private Builder(Path baseDirectory) {
            this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory == null")
                    .toAbsolutePath().normalize();
        }

        /** At most this many steps of one run at a time; at least 1. Default {@value RunbookExecutor#DEFAULT_PARALLELISM}. */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** The timeout of steps that declare none; positive. Default 5 minutes. */
        public Builder defaultStepTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout == null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("defaultStepTimeout must be positive, got " + timeout);
            }
            this.defaultStepTimeout = timeout;
            return this;
        }

        /** How many last stderr lines a {@link StepResult} keeps; 0 or more. Default 20. */
        public Builder stderrTailLines(int lines) {
            if (lines < 0) {
                throw new IllegalArgumentException("stderrTailLines must not be negative, got " + lines);
            }
            this.stderrTailLines = lines;
            return this;
        }

        /**
         * The variables every step starts with, replacing the default ({@link RunbookExecutor#BASE_VARIABLES}
         * taken from this process's environment, with {@link RunbookExecutor#FALLBACK_PATH} when it has no {@code PATH}).
         */
        public Builder baseEnvironment(Map<String, String> environment) {
            Objects.requireNonNull(environment, "environment == null");
            environment.forEach((k, v) -> {
                Objects.requireNonNull(k, "environment key == null");
                Objects.requireNonNull(v, "environment value of " + k + " == null");
            });
            this.baseEnvironment = new LinkedHashMap<>(environment);
            return this;
        }

        /** A new executor with its own thread pool; close it when done. */
        public RunbookExecutor build() {
            if (baseEnvironment == null) {
                Map<String, String> env = new LinkedHashMap<>();
                Map<String, String> mine = System.getenv();
                for (String k : BASE_VARIABLES) {
                    if (mine.get(k) != null) {
                        env.put(k, mine.get(k));
                    }
                }
                env.putIfAbsent("PATH", FALLBACK_PATH);
                baseEnvironment = env;
            }
            return new RunbookExecutor(this);
        }
    }
}
