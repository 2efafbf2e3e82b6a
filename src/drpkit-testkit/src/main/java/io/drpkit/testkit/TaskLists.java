package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.internal.json.Rfc3339;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.AvailableAction;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What DRP does when a machine's agent asks for its next job ({@code POST /api/v3/jobs} with
 * {@code {"Machine": <uuid>}}), after dr-provision's {@code realCreateJob} and
 * {@code handleAction} (digitalrebar/provision frontend/jobs.go): walk the machine's
 * {@code Tasks} from {@code CurrentTask}, advancing past a finished job; {@code stage:},
 * {@code bootenv:} and {@code chroot:} entries make a finished job logging the change;
 * an {@code action:<command>} or {@code action:<plugin>:<command>} entry makes a
 * {@code running} job (the machine's {@code CurrentJob}), resolves the action's params as
 * DRP's {@code validateActionParameters} does (the call's none, then the machine's aggregated
 * params, then {@code global}), calls the plugin's action with the machine as its {@code Model},
 * appends {@code Results from plugin invoke:} and the indented result, or {@code Action invoke
 * <command> failed} and the error, to the job's log, publishes a {@code machines.<command>}
 * event on success, and finishes the job ({@code finished}/{@code complete}) or fails it
 * ({@code failed}/{@code failed}, machine no longer {@code Runnable}); any other entry is a task
 * for the agent, a {@code created} job.
 *
 * <p>Simplifications: the action runs before the request is answered; params are not checked
 * against their schemas; workflows and stages are not expanded (set {@code Tasks} directly).
 * Thread-safe; one agent per machine is assumed, as in DRP.
 */
final class TaskLists {
    private static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";

    /** A plugin instance the fake can call actions of. */
    record Plugin(String name, List<AvailableAction> actions, Function<Action, ProviderProcess.Response> invoker) {
    }

    /** The outcome of one request: the status, and the job or the error to answer. */
    record Outcome(int status, Optional<ObjectNode> job, Optional<DrpError> error) {
        static Outcome job(int status, ObjectNode job) {
            return new Outcome(status, Optional.of(job), Optional.empty());
        }

        static Outcome none() {
            return new Outcome(204, Optional.empty(), Optional.empty());
        }

        static Outcome error(DrpError error) {
            return new Outcome(error.code(), Optional.empty(), Optional.of(error));
        }
    }

    private final RestStore store;
    private final Consumer<Event> events;
    private final String principal;
    private final List<Plugin> plugins = new CopyOnWriteArrayList<>();

    TaskLists(RestStore store, Consumer<Event> events, String principal) {
        this.store = store;
        this.events = events;
        this.principal = principal;
    }

    void attach(Plugin plugin) {
        plugins.removeIf(p -> p.name().equals(plugin.name()));
        plugins.add(plugin);
    }

    /** {@code POST /jobs} for {@code machineUuid}. */
    Outcome nextJob(String machineUuid) {
        ObjectNode m;
        try {
            m = store.get("machines", machineUuid);
        } catch (ApiException e) {
            return Outcome.error(DrpError.builder(422, "ValidationError")
                    .message("Machine " + machineUuid + " does not exist").build());
        }
        if (!(m.path("Runnable").asBoolean() && m.path("Available").asBoolean())) {
            return Outcome.error(DrpError.builder(409, "Conflict").message("Machine " + machineUuid
                    + " is not runnable").build());
        }
        List<String> tasks = texts(m.path("Tasks"));
        int currentTask = m.path("CurrentTask").asInt(-1);
        ObjectNode cj = currentJob(m);
        if (currentTask >= tasks.size()) {
            return Outcome.none();
        }
        int taskToRun = currentTask;
        String state = cj.path("State").asText();
        if (cj.path("CurrentIndex").asInt() != currentTask && !(state.equals("finished") || state.equals("failed"))) {
            cj.put("State", "failed").put("ExitState", "failed");
            store.replace("jobs", cj.get("Uuid").asText(), cj);
        } else {
            switch (state) {
                case "incomplete" -> {
                    return Outcome.job(202, cj);
                }
                case "finished" -> taskToRun++;
                case "failed" -> { }
                default -> {
                    return Outcome.error(DrpError.builder(409, "Conflict").message("Machine " + machineUuid
                            + " already has running or created job").build());
                }
            }
        }
        if (taskToRun == -1) {
            taskToRun = 0;
        }
        if (taskToRun >= tasks.size()) {
            m.put("CurrentTask", tasks.size());
            store.replace("machines", machineUuid, m);
            return Outcome.none();
        }
        String previousJob = cj.path("Uuid").asText(NIL_UUID);
        String oldStage = m.path("Stage").asText();
        String oldBootEnv = m.path("BootEnv").asText();
        for (; taskToRun < tasks.size() && tasks.get(taskToRun).contains(":"); taskToRun++) {
            String[] st = tasks.get(taskToRun).split(":", 2);
            String logMsg;
            switch (st[0]) {
                case "chroot" -> logMsg = "Machine " + machineUuid + " agent is being signalled to chroot to " + st[1]
                        + " and continue";
                case "stage" -> {
                    if (m.path("Stage").asText().equals(st[1])) {
                        continue;
                    }
                    logMsg = "Machine " + machineUuid + " changing from stage " + m.path("Stage").asText() + " to " + st[1];
                    m.put("Stage", st[1]);
                }
                case "bootenv" -> {
                    if (m.path("BootEnv").asText().equals(st[1])) {
                        continue;
                    }
                    logMsg = "Machine " + machineUuid + " changing from bootenv " + m.path("BootEnv").asText()
                            + " to " + st[1];
                    m.put("BootEnv", st[1]);
                }
                case "action" -> {
                    return action(m, st[1], taskToRun, tasks.get(taskToRun));
                }
                default -> {
                    continue;
                }
            }
            ObjectNode nb = newJob(m, taskToRun, tasks.get(taskToRun), previousJob);
            nb.put("State", "finished").put("ExitState", "complete").put("EndTime", now());
            nb = store.create("jobs", nb);
            store.appendJobLog(nb.get("Uuid").asText(), logMsg.getBytes(StandardCharsets.UTF_8));
            previousJob = nb.get("Uuid").asText();
            m.put("CurrentJob", previousJob);
            break;
        }
        m.put("CurrentTask", taskToRun);
        if (!m.path("Stage").asText().equals(oldStage) || !m.path("BootEnv").asText().equals(oldBootEnv)) {
            store.replace("machines", machineUuid, m);
            return Outcome.none();
        }
        if (taskToRun >= tasks.size()) {
            store.replace("machines", machineUuid, m);
            return Outcome.none();
        }
        ObjectNode job = newJob(m, taskToRun, tasks.get(taskToRun), previousJob);
        job.put("State", "created");
        job = store.create("jobs", job);
        m.put("CurrentJob", job.get("Uuid").asText());
        store.replace("machines", machineUuid, m);
        return Outcome.job(201, job);
    }

    /** DRP's handleAction and makeDeferredAction, run at once. */
    private Outcome action(ObjectNode m, String spec, int index, String task) {
        String uuid = m.get("Uuid").asText();
        String[] parts = spec.split(":", 2);
        String pluginName = parts.length == 2 ? parts[0] : "";
        String command = parts.length == 2 ? parts[1] : spec;
        ObjectNode job = newJob(m, index, task, m.path("CurrentJob").asText(NIL_UUID));
        job.put("State", "running");
        job = store.create("jobs", job);
        String jobUuid = job.get("Uuid").asText();
        m.put("CurrentJob", jobUuid).put("CurrentTask", index);
        store.replace("machines", uuid, m);

        Map<String, JsonNode> params = new LinkedHashMap<>();
        DrpError invalid = null;
        Plugin plugin = null;
        for (Plugin p : plugins) {
            if (!pluginName.isEmpty() && !p.name().equals(pluginName)) {
                continue;
            }
            Optional<AvailableAction> aa = p.actions().stream()
                    .filter(a -> a.model().equals("machines") && a.command().equals(command)).findFirst();
            if (aa.isPresent()) {
                DrpError.Builder err = DrpError.builder(400, "GET").model("machines").key(uuid);
                params = resolve(uuid, aa.get(), command, err);
                DrpError e = err.build();
                if (e.messages().isEmpty()) {
                    plugin = p;
                    break;
                }
                invalid = e;
            }
        }
        if (plugin == null) {
            if (invalid == null) {
                invalid = DrpError.builder(400, "GET").model("machines").key(uuid).message(pluginName.isEmpty()
                        ? "Action " + command + " on machines: Not Found"
                        : "Action " + command + " on machines for plugin " + pluginName + " not found").build();
            }
            store.appendJobLog(jobUuid, ("Action " + spec + " validation failed:\n" + invalid)
                    .getBytes(StandardCharsets.UTF_8));
            job.put("State", "failed");
            store.replace("jobs", jobUuid, job);
            m.put("Runnable", false);
            store.replace("machines", uuid, m);
            return Outcome.error(DrpError.builder(422, "ValidationError").messages(invalid.messages()).build());
        }

        Action call = new Action(m.deepCopy(), plugin.name(), command, "", params);
        ProviderProcess.Response answer = plugin.invoker().apply(call);
        StringBuilder log = new StringBuilder();
        DrpError failure = null;
        if (answer.status() == 200) {
            log.append("Results from plugin invoke:\n").append(indented(answer)).append("\n\nEnd of results\n");
            events.accept(new Event(Instant.now(), "machines", command, uuid, principal, DrpJson.toTree(call), null));
        } else {
            failure = pluginError(answer);
            log.append("Action invoke ").append(command).append(" failed\n").append(failure);
        }
        store.appendJobLog(jobUuid, log.toString().getBytes(StandardCharsets.UTF_8));
        ObjectNode finished = store.get("jobs", jobUuid);
        finished.put("State", failure == null ? "finished" : "failed")
                .put("ExitState", failure == null ? "complete" : "failed").put("EndTime", now());
        finished = store.replace("jobs", jobUuid, finished);
        if (failure != null) {
            ObjectNode machine = store.get("machines", uuid);
            machine.put("Runnable", false);
            store.replace("machines", uuid, machine);
            return Outcome.error(DrpError.builder(500, failure.type()).model("machines").key(uuid)
                    .message("Action invoke " + command + " failed").messages(failure.messages()).build());
        }
        return Outcome.job(202, finished);
    }

    /** validateActionParameters: the machine's aggregated params (global last); required ones must be there. */
    private Map<String, JsonNode> resolve(String uuid, AvailableAction aa, String command, DrpError.Builder err) {
        Map<String, JsonNode> params = new LinkedHashMap<>();
        for (String name : aa.requiredParams()) {
            JsonNode v = store.param("machines", uuid, name, true);
            if (v == null || v.isNull()) {
                err.message("Action " + command + " Missing Parameter " + name);
            } else {
                params.put(name, v);
            }
        }
        for (String name : aa.optionalParams()) {
            JsonNode v = store.param("machines", uuid, name, true);
            if (v != null && !v.isNull()) {
                params.put(name, v);
            }
        }
        return params;
    }

    private ObjectNode currentJob(ObjectNode m) {
        String current = m.path("CurrentJob").asText("");
        if (!current.isEmpty()) {
            try {
                return store.get("jobs", current);
            } catch (ApiException e) {
                // deleted: DRP fakes a failed job with that UUID
            }
        }
        ObjectNode fake = DrpJson.objectNode();
        fake.put("Uuid", current.isEmpty() ? NIL_UUID : current).put("State", "failed").put("CurrentIndex", 0);
        return fake;
    }

    private static ObjectNode newJob(ObjectNode m, int index, String task, String previous) {
        ObjectNode job = DrpJson.objectNode();
        job.put("Previous", previous.isEmpty() ? NIL_UUID : previous)
                .put("Machine", m.get("Uuid").asText())
                .put("Stage", m.path("Stage").asText())
                .put("BootEnv", m.path("BootEnv").asText())
                .put("Workflow", m.path("Workflow").asText())
                .put("CurrentIndex", index).put("NextIndex", index + 1)
                .put("Task", task)
                .put("StartTime", now());
        return job;
    }

    private static String indented(ProviderProcess.Response answer) {
        try {
            return DrpJson.prettyWriter().writeValueAsString(answer.json());
        } catch (IOException | RuntimeException e) {
            return answer.text();
        }
    }

    private static DrpError pluginError(ProviderProcess.Response answer) {
        try {
            return answer.error();
        } catch (RuntimeException e) {
            return DrpError.builder(answer.status(), "plugin").message(answer.text()).build();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(t -> out.add(t.asText()));
        return out;
    }

    private static String now() {
        return Rfc3339.format(Instant.now());
    }
}
