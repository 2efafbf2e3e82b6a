package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.runbook.Phase;
import io.drpkit.sdk.runbook.RunResult;
import io.drpkit.sdk.runbook.Runbook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code runbook-create} and {@code runbook-delete} actions on machines, and the delete
 * steps run when a machine with created runbooks is deleted.
 *
 * <p><b>create</b>, holding the machine's lock: resolve the runbook ({@link RunbookCatalog});
 * refuse with 409 if the machine's {@value RecordedOutputs#PARAM} already has an entry for it,
 * unless {@value #FORCE} is true; run its create steps; on success keep the version that ran
 * ({@link RunbookVersions}) and record its digest and its outputs in {@value RecordedOutputs#PARAM}
 * under the runbook's Id (replacing an entry), and answer the {@link RunReport}. A failed create
 * records nothing: fix the cause and run create again.
 *
 * <p><b>delete</b>, holding the machine's lock: choose the version to run ({@link #chooseForDelete}:
 * the version create ran, whether it is still the current one or kept by the provider; a
 * changed runbook whose created version is not kept is refused with 409 unless {@value #FORCE});
 * run its delete steps with the recorded create outputs (steps reading an output that is not
 * recorded are skipped, so deleting a runbook that was never created does nothing harmful); on
 * success remove the runbook's entry (the param itself when it becomes empty) and answer the
 * {@link RunReport}.
 *
 * <p><b>A deleted machine</b> ({@link #onMachineDeleted}): the delete steps of every runbook
 * recorded in the {@code machines.delete} event's object run as {@code runbook-delete} would run
 * them, unless {@value #DELETE_WITH_MACHINE} is false (on the machine, else in the plugin's
 * configuration). Params come from the object, its profiles and {@code global}; failures are
 * logged and counted ({@link #machineDeletions()}), never thrown.
 *
 * <p>Thread-safe. Runs on one machine happen one at a time ({@link MachineLocks}); different
 * machines run at once.
 */
final class RunbookActions implements AutoCloseable {
    static final String NAME = "runbook/name";
    static final String FORCE = "runbook/force";
    static final String ROOT = "runbook/root";
    static final String DELETE_WITH_MACHINE = "runbook/delete-with-machine";

    private final RunbookCatalog catalog;
    private final MachineLocks locks = new MachineLocks();
    private final RunbookRunner runner = new RunbookRunner();
    private final RunbookVersions versions = new RunbookVersions();
    private final LongAdder deletedRuns = new LongAdder();
    private final LongAdder deletedFailures = new LongAdder();
    private final LongAdder deletedRefusals = new LongAdder();

    RunbookActions(RunbookCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog == null");
    }

    static ActionSpec createSpec() {
        return ActionSpec.builder("machines", "runbook-create")
                .requiredParams(NAME).optionalParams(FORCE, ROOT).build();
    }

    static ActionSpec deleteSpec() {
        return ActionSpec.builder("machines", "runbook-delete")
                .requiredParams(NAME).optionalParams(FORCE, ROOT).build();
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
        boolean force = force(request);
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
            Runbook runbook = resolved.runbook();
            RunResult result = runner.run(RunInvocation.of(request, machine, catalog.secureParams()), runbook, resolved.source().wireName(),
                    Phase.CREATE, Map.of());
            versions.keep(versionsDir(request.config().environment()), runbook);
            String digest = runbook.digest();
            try {
                store(api, machine, recorded(api, machine).with(id, digest, result.outputs()));
            } catch (PluginException e) {
                throw new PluginException(DrpError.builder(e.error().code(), "plugin").model("machines").key(machine)
                        .message("runbook \"" + id + "\" create succeeded on machine " + machine + ", but its outputs"
                                + " could not be recorded in " + RecordedOutputs.PARAM + "; add the entry "
                                + RecordedOutputs.empty().with(id, digest, result.outputs()).json()
                                + " to that param before running runbook-delete")
                        .messages(e.error().messages()).build(), e);
            }
            return RunReport.of(resolved, result);
        });
    }

    Object delete(ActionRequest request) throws Exception {
        String machine = machineUuid(request);
        String id = request.params().string(NAME);
        boolean force = force(request);
        DrpApi api = request.api();
        return locks.call(machine, () -> {
            RecordedOutputs before = recorded(api, machine);
            RunbookCatalog.Resolved chosen = chooseForDelete(api, request.config().environment(), machine, id,
                    before.digest(id), force);
            if (!before.has(id)) {
                log().info("machine {} runbook {} delete: no outputs recorded in {}; steps that read create outputs"
                        + " will be skipped", machine, id, RecordedOutputs.PARAM);
            }
            RunResult result = runner.run(RunInvocation.of(request, machine, catalog.secureParams()), chosen.runbook(),
                    chosen.source().wireName(), Phase.DELETE, before.of(id));
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
            return RunReport.of(chosen, result);
        });
    }

    /**
     * Runs the delete steps of every runbook recorded on the deleted machine {@code uuid}, from
     * its last object {@code deleted} (the {@code Object} of DRP's {@code machines.delete}
     * event), in the order they are recorded. Call it off the event delivery thread: it blocks
     * while steps run. Never throws: a runbook that cannot be deleted is logged and counted.
     *
     * @return the Ids whose delete steps succeeded
     */
    List<String> onMachineDeleted(String uuid, JsonNode deleted, Config config) {
        Objects.requireNonNull(uuid, "uuid == null");
        JsonNode params = deleted == null ? JsonNodeFactory.instance.objectNode() : deleted.path("Params");
        JsonNode value = params.get(RecordedOutputs.PARAM);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!enabled(params, config)) {
            log().info("Machine {} was deleted; its runbooks are left in place ({} is false)", uuid, DELETE_WITH_MACHINE);
            return List.of();
        }
        RecordedOutputs outputs;
        try {
            outputs = RecordedOutputs.of(Optional.of(value), uuid);
        } catch (PluginException e) {
            deletedFailures.increment();
            log().error("Machine {} was deleted; its runbooks cannot be deleted: {}", uuid, e.error());
            return List.of();
        }
        boolean force = params.path(FORCE).asBoolean(false);
        List<String> done = new ArrayList<>();
        try {
            locks.call(uuid, () -> {
                for (String id : outputs.runbooks()) {
                    if (deleteOne(uuid, deleted, config, outputs, id, force)) {
                        done.add(id);
                    }
                }
                return null;
            });
        } catch (Exception e) {
            log().error("Machine {} was deleted; deleting its runbooks was interrupted: {}", uuid, e.toString());
            Thread.currentThread().interrupt();
        }
        return done;
    }

    /** Counters of {@link #onMachineDeleted} so far: {@code {"Deleted", "Failed", "Refused"}}. */
    ObjectNode machineDeletions() {
        return JsonNodeFactory.instance.objectNode().put("Deleted", deletedRuns.sum())
                .put("Failed", deletedFailures.sum()).put("Refused", deletedRefusals.sum());
    }

    /** Kills the steps still running (they end failed) and refuses further runs. Idempotent. */
    @Override
    public void close() {
        runner.close();
    }

    private boolean deleteOne(String uuid, JsonNode deleted, Config config, RecordedOutputs outputs, String id,
                              boolean force) {
        ProviderEnvironment env = config.environment();
        RunbookCatalog.Resolved chosen;
        try {
            chosen = chooseForDelete(config.api(), env, uuid, id, outputs.digest(id), force);
        } catch (PluginException e) {
            deletedRefusals.increment();
            log().error("Machine {} was deleted; runbook {} was not deleted: {}", uuid, id,
                    String.join("; ", e.error().messages()));
            return false;
        }
        try {
            runner.run(RunInvocation.ofDeleted(uuid, deleted, Map.of(), catalog.secureParams(), config.api(), env), chosen.runbook(),
                    chosen.source().wireName(), Phase.DELETE, outputs.of(id));
            deletedRuns.increment();
            log().info("Machine {} was deleted: ran the delete steps of runbook {} ({})", uuid, id,
                    chosen.source().wireName());
            return true;
        } catch (RuntimeException e) {
            deletedFailures.increment();
            String why = e instanceof PluginException p ? String.join("; ", p.error().messages()) : e.toString();
            log().error("Machine {} was deleted; the delete steps of runbook {} failed: {}", uuid, id, why);
            return false;
        }
    }

    /**
     * Which version of runbook {@code id} a delete runs, given the digest recorded at create:
     * <ol>
     *   <li>no digest recorded (not created, or created before digests were recorded): the
     *       current one (404 if there is none);</li>
     *   <li>the current one (DRP's, else the built-in copy) when its digest is the recorded one;</li>
     *   <li>else the version create ran, kept by the provider (or the built-in copy, if that is
     *       it): source {@code kept};</li>
     *   <li>else, with {@code force}, the current one;</li>
     *   <li>else 409 saying the runbook changed (or went) since create.</li>
     * </ol>
     */
    RunbookCatalog.Resolved chooseForDelete(DrpApi api, ProviderEnvironment env, String machine, String id,
                                            Optional<String> digest, boolean force) {
        Optional<RunbookCatalog.Resolved> current = catalog.find(api, id);
        if (digest.isEmpty()) {
            return current.orElseGet(() -> catalog.resolve(api, id)); // resolve throws the 404
        }
        String created = digest.get();
        if (current.isPresent() && current.get().runbook().digest().equals(created)) {
            return current.get();
        }
        Optional<Runbook> kept = versions.find(versionsDir(env), id, created);
        if (kept.isEmpty()) {
            kept = catalog.builtIn(id).filter(r -> r.digest().equals(created));
        }
        String now = current.map(c -> "it is now " + c.runbook().digest() + " (" + c.source().wireName() + ")")
                .orElse("it is no longer in DRP nor built in");
        if (kept.isPresent()) {
            log().warn("machine {} runbook {} delete: the runbook changed since create ({}); running the delete steps"
                    + " of the version create ran, {}", machine, id, now, created);
            return new RunbookCatalog.Resolved(kept.get(), RunbookCatalog.Source.KEPT);
        }
        if (force && current.isPresent()) {
            log().warn("machine {} runbook {} delete: the runbook changed since create ({}) and the version create ran"
                    + " ({}) is not kept; running the current delete steps because {} is true", machine, id, now,
                    created, FORCE);
            return current.get();
        }
        throw new PluginException(DrpError.builder(409, "plugin").model("machines").key(machine)
                .message("runbook \"" + id + "\" changed since it was created on machine " + machine
                        + ": create ran " + created + ", " + now + ", and the provider does not keep the version"
                        + " create ran; "
                        + (current.isPresent()
                                ? "set " + FORCE + " to true to run the current version's delete steps,"
                                        + " or restore the runbook as it was"
                                : "restore the runbook as it was, or remove its entry from " + RecordedOutputs.PARAM
                                        + " by hand"))
                .build());
    }

    private static boolean enabled(JsonNode machineParams, Config config) {
        JsonNode own = machineParams.get(DELETE_WITH_MACHINE);
        if (own != null && own.isBoolean()) {
            return own.booleanValue();
        }
        return !config.params().has(DELETE_WITH_MACHINE) || config.params().bool(DELETE_WITH_MACHINE);
    }

    private static boolean force(ActionRequest request) {
        return request.params().has(FORCE) && request.params().bool(FORCE);
    }

    private static Path versionsDir(ProviderEnvironment env) {
        return env.scratchDir().resolve(RunbookVersions.DIRECTORY);
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

    /** Looked up on use: {@code define} constructs this class and must load no logging. */
    private static Logger log() {
        return LoggerFactory.getLogger(RunbookActions.class);
    }
}
