package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.DrpApi;
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
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The {@code runbook-create} and {@code runbook-delete} actions on machines.
 *
 * <p><b>create</b>, holding the machine's lock: resolve the runbook ({@link RunbookCatalog});
 * refuse with 409 if the machine's {@value RecordedOutputs#PARAM} already has an entry for it,
 * unless {@value #FORCE} is true; run its create steps; on success record their outputs in
 * {@value RecordedOutputs#PARAM} under the runbook's Id (replacing an entry) and answer the
 * {@link RunReport}. A failed create records nothing: fix the cause and run create again.
 *
 * <p><b>delete</b>, holding the machine's lock: resolve the runbook; run its delete steps with the
 * recorded create outputs (steps reading an output that is not recorded are skipped, so deleting
 * a runbook that was never created does nothing harmful); on success remove the runbook's entry
 * (the param itself when it becomes empty) and answer the {@link RunReport}.
 *
 * <p><b>Runs.</b> Steps get the action's params; params a step reads that neither the action nor
 * the machine object carries are asked of DRP with aggregation (profiles, then {@code global}).
 * {@value #ROOT}, when a step reads it and it is empty everywhere, is
 * {@code <scratch>/}{@value #DEFAULT_ROOT_DIRECTORY}. Run directories are made under
 * {@code <scratch>/}{@value #RUNS_DIRECTORY}, removed after a successful run and kept (path logged
 * and in the error) after a failed one. Output goes to the provider log and, when the machine's
 * {@code CurrentJob} is set, to that job's log ({@link RunLog}). A failed run answers the
 * executor's error (Code 500: each failed step with its exit code and stderr tail).
 *
 * <p>Thread-safe. Runbook actions on one machine run one at a time ({@link MachineLocks});
 * different machines run at once. The executor and its threads are created on the first run,
 * never during {@code define}.
 */
final class RunbookActions implements AutoCloseable {
    static final String NAME = "runbook/name";
    static final String FORCE = "runbook/force";
    static final String ROOT = "runbook/root";
    static final String RUNS_DIRECTORY = "runbook-runs";
    static final String DEFAULT_ROOT_DIRECTORY = "runbook-root";

    private final RunbookCatalog catalog;
    private final MachineLocks locks = new MachineLocks();
    private final Object lifecycle = new Object();
    private RunbookExecutor executor;         // guarded by lifecycle; made on the first run
    private ScheduledExecutorService jobLogs; // guarded by lifecycle; made on the first job log
    private boolean closed;                   // guarded by lifecycle

    RunbookActions(RunbookCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog == null");
    }

    static ActionSpec createSpec() {
        return ActionSpec.builder("machines", "runbook-create")
                .requiredParams(NAME).optionalParams(FORCE, ROOT).build();
    }

    static ActionSpec deleteSpec() {
        return ActionSpec.builder("machines", "runbook-delete")
                .requiredParams(NAME).optionalParams(ROOT).build();
    }

    /** The {@code StoreObjects} type runbooks are kept in DRP as. */
    static String storeType() {
        return Runbook.TYPE;
    }

    /** The JSON Schema DRP checks {@code runbooks} objects against. */
    static ObjectNode storeSchema() {
        return Runbook.jsonSchema();
    }

    Object create(ActionRequest request) throws Exception {
        String machine = machineUuid(request);
        String id = request.params().string(NAME);
        boolean force = request.params().has(FORCE) && request.params().bool(FORCE);
        DrpApi api = request.api();
        return locks.call(machine, () -> {
            RunbookCatalog.Resolved resolved = catalog.resolve(api, id);
            if (!force && recorded(api, machine).has(id)) {
                throw new PluginException(DrpError.builder(409, "plugin").model("machines").key(machine)
                        .message("runbook \"" + id + "\" is already created on machine " + machine
                                + " (its outputs are recorded in " + RecordedOutputs.PARAM + "); run runbook-delete"
                                + " first, or set " + FORCE + " to true to run create again (what the earlier"
                                + " create made is not deleted)")
                        .build());
            }
            RunResult result = run(request, machine, resolved, Phase.CREATE, Map.of());
            try {
                store(api, machine, recorded(api, machine).with(id, result.outputs()));
            } catch (PluginException e) {
                throw new PluginException(DrpError.builder(e.error().code(), "plugin").model("machines").key(machine)
                        .message("runbook \"" + id + "\" create succeeded on machine " + machine + ", but its outputs"
                                + " could not be recorded in " + RecordedOutputs.PARAM + "; add the entry "
                                + RecordedOutputs.empty().with(id, result.outputs()).json()
                                + " to that param before running runbook-delete")
                        .messages(e.error().messages()).build(), e);
            }
            return RunReport.of(resolved, result);
        });
    }

    Object delete(ActionRequest request) throws Exception {
        String machine = machineUuid(request);
        String id = request.params().string(NAME);
        DrpApi api = request.api();
        return locks.call(machine, () -> {
            RunbookCatalog.Resolved resolved = catalog.resolve(api, id);
            RecordedOutputs before = recorded(api, machine);
            if (!before.has(id)) {
                LoggerFactory.getLogger(RunbookActions.class).info("machine {} runbook {} delete: no outputs recorded in"
                        + " {}; steps that read create outputs will be skipped", machine, id, RecordedOutputs.PARAM);
            }
            RunResult result = run(request, machine, resolved, Phase.DELETE, before.of(id));
            try {
                RecordedOutputs after = recorded(api, machine);
                if (after.has(id)) {
                    store(api, machine, after.without(id));
                }
            } catch (PluginException e) {
                throw new PluginException(DrpError.builder(e.error().code(), "plugin").model("machines").key(machine)
                        .message("runbook \"" + id + "\" delete succeeded on machine " + machine + ", but its entry"
                                + " could not be removed from " + RecordedOutputs.PARAM + "; remove it by hand")
                        .messages(e.error().messages()).build(), e);
            }
            return RunReport.of(resolved, result);
        });
    }

    /** Kills the steps still running (they end failed) and refuses further runs. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
            if (executor != null) {
                executor.close();
            }
            if (jobLogs != null) {
                jobLogs.shutdown();
            }
        }
    }

    /**
     * Runs one phase and returns its result if it succeeded.
     *
     * @throws PluginException the executor's error if a step failed (with the kept run directory),
     *     or before anything ran if an input cannot be satisfied
     */
    private RunResult run(ActionRequest request, String machine, RunbookCatalog.Resolved resolved, Phase phase,
                          Map<String, Map<String, String>> stored) {
        Runbook runbook = resolved.runbook();
        ProviderEnvironment environment = request.config().environment();
        RunContext context = RunContext.builder()
                .params(stepParams(request, machine, runbook, phase))
                .machine(request.model())
                .storedOutputs(stored)
                .environment(environment)
                .build();
        RunbookExecutor ex = executor(environment);
        Optional<JobLog> job = JobLog.currentJob(request.model())
                .map(uuid -> new JobLog(request.api(), uuid, jobLogScheduler()));
        RunResult result;
        try (RunLog log = new RunLog(machine, runbook.id(), phase, job)) {
            log.runStarted(resolved.source().wireName());
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

    /**
     * The action's params plus what the steps of {@code phase} read from elsewhere: a param
     * neither the action nor the machine object has is asked of DRP (aggregated), and
     * {@value #ROOT} gets its effective value.
     */
    private Map<String, JsonNode> stepParams(ActionRequest request, String machine, Runbook runbook, Phase phase) {
        Map<String, JsonNode> params = request.params().asMap();
        JsonNode machineParams = request.model().path("Params");
        Set<String> read = new LinkedHashSet<>();
        for (Step step : runbook.steps(phase)) {
            for (Input in : step.inputs()) {
                if (in.source() instanceof InputSource.Param p) {
                    read.add(p.name());
                }
            }
        }
        for (String name : read) {
            if (name.equals(ROOT)) {
                params.put(ROOT, TextNode.valueOf(root(request, machine, params.get(ROOT))));
            } else if (!isSet(params.get(name)) && !isSet(machineParams.get(name))) {
                request.api().param("machines", machine, name, true).ifPresent(v -> params.put(name, v));
            }
        }
        return params;
    }

    /**
     * The effective {@value #ROOT}: the first non-empty of the action's value, the machine
     * object's, DRP's aggregated value; else {@code <scratch>/runbook-root}, created.
     *
     * @throws PluginException 422 if the value is not an absolute path (steps run in their own
     *     directories, so a relative root would differ from step to step)
     */
    private String root(ActionRequest request, String machine, JsonNode given) {
        String root = text(given);
        if (root.isEmpty()) {
            root = text(request.model().path("Params").get(ROOT));
        }
        if (root.isEmpty()) {
            root = request.api().param("machines", machine, ROOT, true).map(RunbookActions::text).orElse("");
        }
        if (root.isEmpty()) {
            Path dir = request.config().environment().scratchDir().resolve(DEFAULT_ROOT_DIRECTORY);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the default " + ROOT + " " + dir, e);
            }
            return dir.toString();
        }
        if (!root.startsWith("/")) {
            throw new PluginException(DrpError.builder(422, "plugin").model("machines").key(machine)
                    .message(ROOT + ": expected an absolute path, got \"" + root + "\"").build());
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

    private ScheduledExecutorService jobLogScheduler() {
        synchronized (lifecycle) {
            if (jobLogs == null) {
                jobLogs = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "runbook-job-log");
                    t.setDaemon(true);
                    return t;
                });
            }
            return jobLogs;
        }
    }

    private static RecordedOutputs recorded(DrpApi api, String machine) {
        return RecordedOutputs.of(api.param("machines", machine, RecordedOutputs.PARAM, false), machine);
    }

    private static void store(DrpApi api, String machine, RecordedOutputs outputs) {
        if (outputs.isEmpty()) {
            api.deleteParam("machines", machine, RecordedOutputs.PARAM);
        } else {
            api.setParam("machines", machine, RecordedOutputs.PARAM, outputs.json());
        }
    }

    /** Removes a successful run's directory; a failure to do so is only logged. */
    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LoggerFactory.getLogger(RunbookActions.class).warn("cannot remove run directory {}: {}", dir, e.toString());
        }
    }

    private static String machineUuid(ActionRequest request) {
        JsonNode model = request.model();
        JsonNode uuid = model.get("Uuid");
        if (!model.isObject() || uuid == null || !uuid.isTextual() || uuid.textValue().isBlank()) {
            String shown = model.toString();
            throw new PluginException(400, "action " + request.command()
                    + ": the target is not a machine (expected an object with a Uuid), got "
                    + (shown.length() > 120 ? shown.substring(0, 117) + "..." : shown));
        }
        return uuid.textValue();
    }

    private static boolean isSet(JsonNode v) {
        return v != null && !v.isNull() && !v.isMissingNode();
    }

    private static String text(JsonNode v) {
        return isSet(v) && v.isTextual() ? v.textValue().trim() : "";
    }
}
