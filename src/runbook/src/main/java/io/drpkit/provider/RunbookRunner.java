package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.runbook.Input;
import io.drpkit.sdk.runbook.InputSource;
import io.drpkit.sdk.runbook.Phase;
import io.drpkit.sdk.runbook.RunContext;
import io.drpkit.sdk.runbook.RunResult;
import io.drpkit.sdk.runbook.Runbook;
import io.drpkit.sdk.runbook.RunbookExecutor;
import io.drpkit.sdk.runbook.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Runs one phase of a runbook for a {@link RunInvocation}. Steps get the invocation's params;
 * params a step reads that neither they nor the machine object carry come from the
 * invocation's lookup. {@value RunbookActions#ROOT}, when a step reads it and it is empty
 * everywhere, is {@code <scratch>/}{@value #DEFAULT_ROOT_DIRECTORY}. Run directories are made under
 * {@code <scratch>/}{@value #RUNS_DIRECTORY}, removed after a successful run and kept (path
 * logged and in the error) after a failed one. Output goes to the provider log and to the
 * invocation's job log ({@link RunLog}), the values of secure params masked.
 *
 * <p>Thread-safe. The executor and its threads are created on the first run, never during
 * {@code define}.
 */
final class RunbookRunner implements AutoCloseable {
    static final String RUNS_DIRECTORY = "runbook-runs";
    static final String DEFAULT_ROOT_DIRECTORY = "runbook-root";

    private final Object lifecycle = new Object();
    private RunbookExecutor executor;         // guarded by lifecycle; made on the first run
    private boolean closed;                   // guarded by lifecycle

    /**
     * Runs {@code phase} of {@code runbook} and returns its result if it succeeded.
     *
     * @param source where the runbook came from, for the log
     * @throws PluginException the executor's error if a step failed (with the kept run directory),
     *     or before anything ran if an input cannot be satisfied; 503 once closed
     */
    RunResult run(RunInvocation inv, Runbook runbook, String source, Phase phase,
                  Map<String, Map<String, String>> stored) {
        Map<String, JsonNode> stepParams = stepParams(inv, runbook, phase);
        RunContext context = RunContext.builder()
                .params(stepParams)
                .machine(inv.model())
                .storedOutputs(stored)
                .environment(inv.environment())
                .build();
        RunbookExecutor ex = executor(inv.environment());
        RunResult result;
        try (RunLog log = new RunLog(inv.machine(), runbook.id(), phase, inv.jobLogger(),
                Params.of(stepParams, inv.secure()))) {
            log.runStarted(source);
            result = ex.run(runbook, phase, context, log);
            if (result.succeeded()) {
                deleteTree(result.runDirectory());
                log.runFinished(result, Optional.empty());
            } else {
                log.runFinished(result, Optional.of(result.runDirectory()));
            }
        }
        if (!result.succeeded()) {
            throw new PluginException(result.toError().toBuilder()
                    .message("run directory kept for diagnosis: " + result.runDirectory()).build());
        }
        return result;
    }

    /** Kills the steps still running (they end failed) and refuses further runs. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
            if (executor != null) {
                executor.close();
            }
        }
    }

    /**
     * The invocation's params plus what the steps of {@code phase} read from elsewhere: a param
     * neither the invocation nor the machine object has is looked up (a secure one always is,
     * decoded: the machine object holds DRP's SecureData), and
     * {@value RunbookActions#ROOT} gets its effective value.
     */
    private Map<String, JsonNode> stepParams(RunInvocation inv, Runbook runbook, Phase phase) {
        Map<String, JsonNode> params = new LinkedHashMap<>(inv.params());
        JsonNode machineParams = inv.model().path("Params");
        Set<String> read = new LinkedHashSet<>();
        for (Step step : runbook.steps(phase)) {
            for (Input in : step.inputs()) {
                if (in.source() instanceof InputSource.Param p) {
                    read.add(p.name());
                }
            }
        }
        for (String name : read) {
            if (name.equals(RunbookActions.ROOT)) {
                params.put(RunbookActions.ROOT, TextNode.valueOf(root(inv, params.get(RunbookActions.ROOT))));
            } else if (!isSet(params.get(name)) && (inv.secure().contains(name) || !isSet(machineParams.get(name)))) {
                inv.lookup().apply(name).ifPresent(v -> params.put(name, v));
            }
        }
        return params;
    }

    /**
     * The effective {@value RunbookActions#ROOT}: the first non-empty of the invocation's value,
     * the machine object's, the looked-up value; else {@code <scratch>/runbook-root}, created.
     *
     * @throws PluginException 422 if the value is not an absolute path (steps run in their own
     *     directories, so a relative root would differ from step to step)
     */
    private static String root(RunInvocation inv, JsonNode given) {
        String root = text(given);
        if (root.isEmpty()) {
            root = text(inv.model().path("Params").get(RunbookActions.ROOT));
        }
        if (root.isEmpty()) {
            root = inv.lookup().apply(RunbookActions.ROOT).map(RunbookRunner::text).orElse("");
        }
        if (root.isEmpty()) {
            Path dir = inv.environment().scratchDir().resolve(DEFAULT_ROOT_DIRECTORY);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the default " + RunbookActions.ROOT + " " + dir, e);
            }
            return dir.toString();
        }
        if (!root.startsWith("/")) {
            throw new PluginException(DrpError.builder(422, "plugin").model("machines").key(inv.machine())
                    .message(RunbookActions.ROOT + ": expected an absolute path, got \"" + root + "\"").build());
        }
        return root;
    }

    private RunbookExecutor executor(ProviderEnvironment environment) {
        synchronized (lifecycle) {
            if (closed) {
                throw new PluginException(503, "the runbook provider is stopping; run the action again once it is back");
            }
            if (executor == null) {
                executor = RunbookExecutor.builder(environment.scratchDir().resolve(RUNS_DIRECTORY)).build();
            }
            return executor;
        }
    }

    /** Removes a successful run's directory; a failure to do so is only logged. */
    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LoggerFactory.getLogger(RunbookRunner.class).warn("cannot remove run directory {}: {}", dir, e.toString());
        }
    }

    private static boolean isSet(JsonNode v) {
        return v != null && !v.isNull() && !v.isMissingNode();
    }

    private static String text(JsonNode v) {
        return isSet(v) && v.isTextual() ? v.textValue().trim() : "";
    }
}
