package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * DRP's {@code models.Stage} ({@code stages}, keyed by {@code Name}): tasks, profiles, params and a boot environment a workflow moves a machine through. A typed view that keeps every member DRP sent (see {@link DrpObject}).
 * Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class Stage extends DrpObject {
    static final String PREFIX = "stages";

    private Stage(ObjectNode json) {
        super(json);
    }

    /** A view of {@code json} (copied), which must be a JSON object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Stage of(JsonNode json) {
        return new Stage(copyOf(json, "Stage"));
    }

    /** A new, otherwise empty object keyed {@code key}, for {@code DrpApi.create}. */
    public static Stage named(String key) {
        return new Stage(JsonNodeFactory.instance.objectNode().put("Name", Objects.requireNonNull(key, "key == null")));
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public String keyMember() {
        return "Name";
    }

    @Override
    Stage rewrap(ObjectNode json) {
        return new Stage(json);
    }

    public String name() {
        return text("Name");
    }

    public String description() {
        return text("Description");
    }

    public String documentation() {
        return text("Documentation");
    }

    public Stage withDescription(String description) {
        return (Stage) with("Description", description);
    }

    public Stage withDocumentation(String documentation) {
        return (Stage) with("Documentation", documentation);
    }
    /** The params set on this object (secure ones as DRP stored them: SecureData). */
    public Map<String, JsonNode> params() {
        return paramsMap();
    }

    /** One param set on this object; empty when unset or null. */
    public Optional<JsonNode> param(String name) {
        return paramValue(name);
    }

    public Stage withParam(String name, JsonNode value) {
        return (Stage) withParamValue(name, value);
    }

    public Stage withoutParam(String name) {
        return (Stage) withoutParamValue(name);
    }
    public List<String> tasks() {
        return strings("Tasks");
    }

    public Stage withTasks(List<String> values) {
        return (Stage) with("Tasks", values);
    }
    public List<String> profiles() {
        return strings("Profiles");
    }

    public Stage withProfiles(List<String> values) {
        return (Stage) with("Profiles", values);
    }
    public List<String> requiredParams() {
        return strings("RequiredParams");
    }

    public Stage withRequiredParams(List<String> values) {
        return (Stage) with("RequiredParams", values);
    }
    public List<String> optionalParams() {
        return strings("OptionalParams");
    }

    public Stage withOptionalParams(List<String> values) {
        return (Stage) with("OptionalParams", values);
    }
    public String bootEnv() {
        return text("BootEnv");
    }

    public Stage withBootEnv(String value) {
        return (Stage) with("BootEnv", value);
    }
    public boolean reboot() {
        return bool("Reboot");
    }

    public Stage withReboot(boolean value) {
        return (Stage) with("Reboot", value);
    }
    public boolean runnerWait() {
        return bool("RunnerWait");
    }

    public Stage withRunnerWait(boolean value) {
        return (Stage) with("RunnerWait", value);
    }
    public Stage withMeta(String key, String value) {
        return (Stage) withMetaEntry(key, value);
    }

    /** A copy with any member set, e.g. one this SDK has no typed method for. */
    public Stage withMember(String name, JsonNode value) {
        return (Stage) with(name, value);
    }
}
