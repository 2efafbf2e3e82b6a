package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * DRP's {@code models.Machine} ({@code machines}, keyed by {@code Uuid}; spec §5.7): a typed view
 * that keeps every member DRP sent (see {@link DrpObject}). Immutable and thread-safe.
 *
 * <pre>{@code
 * Machine m = api.machine(uuid);
 * api.save(m.withStage("discover").withParam("site/rack", TextNode.valueOf("r12")));
 * }</pre>
 *
 * @since 0.2
 */
public final class Machine extends DrpObject {
    static final String PREFIX = "machines";
    private static final UUID NIL = new UUID(0, 0);

    private Machine(ObjectNode json) {
        super(json);
    }

    /** A view of {@code json} (copied), which must be a JSON object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Machine of(JsonNode json) {
        return new Machine(copyOf(json, "Machine"));
    }

    /** A new machine named {@code name}, for {@code DrpApi.create}; DRP assigns the UUID. */
    public static Machine named(String name) {
        return new Machine(JsonNodeFactory.instance.objectNode().put("Name", Objects.requireNonNull(name, "name == null")));
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public String keyMember() {
        return "Uuid";
    }

    @Override
    Machine rewrap(ObjectNode json) {
        return new Machine(json);
    }

    public String uuid() {
        return text("Uuid");
    }

    public String name() {
        return text("Name");
    }

    public String description() {
        return text("Description");
    }

    /** {@code CurrentJob} as sent; the nil UUID when the machine has never run a job. */
    public String currentJob() {
        return text("CurrentJob");
    }

    /** The job the machine is running or ran last: {@code CurrentJob} unless empty or the nil UUID. */
    public Optional<String> currentJobUuid() {
        String job = currentJob().trim();
        if (job.isEmpty()) {
            return Optional.empty();
        }
        try {
            return NIL.equals(UUID.fromString(job)) ? Optional.empty() : Optional.of(job);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String address() {
        return text("Address");
    }

    public String stage() {
        return text("Stage");
    }

    public String bootEnv() {
        return text("BootEnv");
    }

    public String workflow() {
        return text("Workflow");
    }

    public boolean workflowComplete() {
        return bool("WorkflowComplete");
    }

    public List<String> profiles() {
        return strings("Profiles");
    }

    /** The params set directly on the machine (secure ones as DRP stored them: SecureData). */
    public Map<String, JsonNode> params() {
        return paramsMap();
    }

    /** One param set directly on the machine; empty when unset or null. */
    public Optional<JsonNode> param(String name) {
        return paramValue(name);
    }

    public List<String> tasks() {
        return strings("Tasks");
    }

    /** Index into {@link #tasks()} of the running or next task; -1 before the first. */
    public int currentTask() {
        JsonNode v = raw("CurrentTask");
        return v == null || v.isNull() ? -1 : v.asInt(-1);
    }

    public boolean runnable() {
        return bool("Runnable");
    }

    public boolean locked() {
        return bool("Locked");
    }

    public String os() {
        return text("OS");
    }

    public String arch() {
        return text("Arch");
    }

    public List<String> hardwareAddrs() {
        return strings("HardwareAddrs");
    }

    /** The context its tasks run in ({@code ""} is the machine's own agent). */
    public String context() {
        return text("Context");
    }

    public String pool() {
        return text("Pool");
    }

    public Machine withName(String name) {
        return (Machine) with("Name", name);
    }

    public Machine withDescription(String description) {
        return (Machine) with("Description", description);
    }

    public Machine withAddress(String address) {
        return (Machine) with("Address", address);
    }

    public Machine withStage(String stage) {
        return (Machine) with("Stage", stage);
    }

    public Machine withBootEnv(String bootEnv) {
        return (Machine) with("BootEnv", bootEnv);
    }

    public Machine withWorkflow(String workflow) {
        return (Machine) with("Workflow", workflow);
    }

    public Machine withProfiles(List<String> profiles) {
        return (Machine) with("Profiles", profiles);
    }

    public Machine withTasks(List<String> tasks) {
        return (Machine) with("Tasks", tasks);
    }

    public Machine withRunnable(boolean runnable) {
        return (Machine) with("Runnable", runnable);
    }

    public Machine withLocked(boolean locked) {
        return (Machine) with("Locked", locked);
    }

    public Machine withContext(String context) {
        return (Machine) with("Context", context);
    }

    /** A copy with {@code Params[name] = value}. Secure params are better set with {@code DrpApi.setSecureParam}. */
    public Machine withParam(String name, JsonNode value) {
        return (Machine) withParamValue(name, value);
    }

    public Machine withoutParam(String name) {
        return (Machine) withoutParamValue(name);
    }

    public Machine withMeta(String key, String value) {
        return (Machine) withMetaEntry(key, value);
    }

    /** A copy with any member set, e.g. one this SDK has no typed method for. */
    public Machine withMember(String name, JsonNode value) {
        return (Machine) with(name, value);
    }
}
