package io.drpkit.sdk.runbook;

import static io.drpkit.sdk.runbook.Problems.quote;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The scheduling state of one run of one phase: which steps are done, running or waiting. A step
 * is launched when every same-phase step it reads has succeeded and fewer than the bound are
 * running; among ready steps, declaration order wins. When a step does not succeed, its
 * transitive dependents are marked skipped at once. Progress is driven only by completion
 * callbacks of the step tasks; nothing polls.
 *
 * <p>Thread-safe: all state is guarded by {@link #lock}; listener calls and completing the
 * future happen outside it.
 */
final class RunbookRun {
    private final RunbookExecutor executor;
    private final Runbook runbook;
    private final Phase phase;
    private final RunContext context;
    private final Path runDirectory;
    private final StepListener listener;
    private final StepGraph graph;
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final Instant started = Instant.now();
    private final CompletableFuture<RunResult> done = new CompletableFuture<>();

    private final Object lock = new Object();
    private final Map<String, StepResult> results = new HashMap<>();
    private final Set<String> running = new HashSet<>();
    private boolean completed;

    RunbookRun(RunbookExecutor executor, Runbook runbook, Phase phase, RunContext context,
               Path runDirectory, StepListener listener) {
        this.executor = executor;
        this.runbook = runbook;
        this.phase = phase;
        this.context = context;
        this.runDirectory = runDirectory;
        this.listener = listener;
        this.graph = StepGraph.of(runbook.steps(phase));
        runbook.steps(phase).forEach(s -> steps.put(s.name(), s));
    }

    CompletableFuture<RunResult> start() {
        List<StepResult> notify = new ArrayList<>();
        synchronized (lock) {
            if (phase == Phase.DELETE) {
                skipForMissingStoredOutputs(notify);
            }
            launchReady(notify);
        }
        afterUpdate(notify);
        return done;
    }

    private void skipForMissingStoredOutputs(List<StepResult> notify) {
        for (Step s : steps.values()) {
            for (Input in : s.inputs()) {
                if (in.source() instanceof InputSource.StepOutput ref && !steps.containsKey(ref.step())
                        && context.storedOutput(ref.step(), ref.output()).isEmpty()
                        && !results.containsKey(s.name())) {
                    record(StepResult.skipped(s.name(), "skipped: input " + quote(in.name())
                            + " reads create output " + ref.step() + "." + ref.output()
                            + ", which is not stored (did that create step succeed?)"), notify);
                }
            }
        }
    }

    private void finished(StepResult result) {
        Listeners.call(() -> listener.stepFinished(result), label(result.name()));
        List<StepResult> notify = new ArrayList<>();
        synchronized (lock) {
            running.remove(result.name());
            results.put(result.name(), result);
            if (!result.succeeded()) {
                skipDependents(result.name(), notify);
            }
            launchReady(notify);
        }
        afterUpdate(notify);
    }

    /** Guarded by lock. Records a result decided without running the step, and its cascade. */
    private void record(StepResult result, List<StepResult> notify) {
        results.put(result.name(), result);
        notify.add(result);
        if (!result.succeeded()) {
            skipDependents(result.name(), notify);
        }
    }

    /** Guarded by lock. */
    private void skipDependents(String failed, List<StepResult> notify) {
        for (String d : graph.transitiveConsumers(failed)) {
            if (!results.containsKey(d) && !running.contains(d)) {
                StepResult skipped = StepResult.skipped(d, "skipped: step " + quote(failed) + " did not succeed");
                results.put(d, skipped);
                notify.add(skipped);
            }
        }
    }

    /** Guarded by lock. */
    private void launchReady(List<StepResult> notify) {
        for (String name : graph.order()) {
            if (running.size() >= executor.parallelism()) {
                return;
            }
            if (results.containsKey(name) || running.contains(name)) {
                continue;
            }
            boolean ready = graph.producers(name).stream()
                    .allMatch(p -> results.containsKey(p) && results.get(p).succeeded());
            if (ready) {
                launch(steps.get(name), notify);
            }
        }
    }

    /** Guarded by lock. */
    private void launch(Step step, List<StepResult> notify) {
        Map<String, String> env = environment(step);
        Map<String, String> files = new LinkedHashMap<>();
        try {
            for (Input in : step.inputs()) {
                String value = value(in);
                in.env().ifPresent(e -> env.put(e, value));
                in.path().ifPresent(p -> files.put(p, value));
            }
        } catch (RuntimeException e) {
            // Cannot happen for a validated runbook with checked inputs; if it does, the run must
            // still end rather than wait forever for a step that never started.
            record(StepResult.failed(step.name(), "could not resolve inputs: " + e), notify);
            return;
        }
        Duration timeout = step.timeout().orElse(executor.defaultStepTimeout());
        StepProcess process = new StepProcess(executor, label(step.name()), step, runDirectory, env, files,
                timeout, listener);
        running.add(step.name());
        try {
            // The completion callback is the task's last act, on its own thread: never inline
            // here under the lock, as a callback on an already-completed future would be.
            executor.pool().execute(() -> finished(runGuarded(process, step.name())));
        } catch (RejectedExecutionException e) {
            running.remove(step.name());
            record(StepResult.failed(step.name(), "not run: the executor is closed"), notify);
        }
    }

    private StepResult runGuarded(StepProcess process, String step) {
        try {
            return process.run();
        } catch (Throwable t) { // NOPMD: the run must learn the step ended, whatever happened
            return StepResult.failed(step, "unexpected failure: " + t);
        }
    }

    /** Guarded by lock (reads the producers' results). */
    private String value(Input in) {
        InputSource src = in.source();
        if (src instanceof InputSource.Param p) {
            return context.param(p.name()).orElseThrow();
        } else if (src instanceof InputSource.MachineField m) {
            return context.machineField(m.field()).orElseThrow();
        }
        InputSource.StepOutput ref = (InputSource.StepOutput) src;
        StepResult producer = results.get(ref.step());
        if (producer != null) {
            return producer.outputs().get(ref.output());
        }
        return context.storedOutput(ref.step(), ref.output()).orElseThrow();
    }

    private Map<String, String> environment(Step step) {
        Map<String, String> env = new LinkedHashMap<>(executor.baseEnvironment());
        env.put("RUNBOOK_NAME", runbook.id());
        env.put("RUNBOOK_PHASE", phase.wireName());
        env.put("RUNBOOK_STEP", step.name());
        context.machineField("Uuid").ifPresent(v -> env.put("RUNBOOK_MACHINE_UUID", v));
        context.machineField("Name").ifPresent(v -> env.put("RUNBOOK_MACHINE_NAME", v));
        context.endpoint().ifPresent(v -> env.put("RS_ENDPOINT", v));
        context.fileServer().ifPresent(v -> env.put("RS_FILESERVER", v));
        if (step.needsToken()) {
            context.token().ifPresent(v -> env.put("RS_TOKEN", v));
        }
        return env;
    }

    private void afterUpdate(List<StepResult> notify) {
        for (StepResult r : notify) {
            Listeners.call(() -> listener.stepFinished(r), label(r.name()));
        }
        RunResult result = null;
        synchronized (lock) {
            if (!completed && results.size() == steps.size()) {
                completed = true;
                List<StepResult> ordered = graph.order().stream().map(results::get).toList();
                result = new RunResult(runbook.id(), phase, runDirectory, started, Instant.now(), ordered);
            }
        }
        if (result != null) {
            done.complete(result);
        }
    }

    private String label(String step) {
        return "runbook " + quote(runbook.id()) + " " + phase + " step " + quote(step);
    }
}
