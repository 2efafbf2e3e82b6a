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
 * DRP's {@code models.Task} ({@code tasks}, keyed by {@code Name}): templates a machine's agent renders and runs as one job. A typed view that keeps every member DRP sent (see {@link DrpObject}).
 * Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class Task extends DrpObject {
    static final String PREFIX = "tasks";

    private Task(ObjectNode json) {
        super(json);
    }

    /** A view of {@code json} (copied), which must be a JSON object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Task of(JsonNode json) {
        return new Task(copyOf(json, "Task"));
    }

    /** A new, otherwise empty object keyed {@code key}, for {@code DrpApi.create}. */
    public static Task named(String key) {
        return new Task(JsonNodeFactory.instance.objectNode().put("Name", Objects.requireNonNull(key, "key == null")));
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
    Task rewrap(ObjectNode json) {
        return new Task(json);
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

    public Task withDescription(String description) {
        return (Task) with("Description", description);
    }

    public Task withDocumentation(String documentation) {
        return (Task) with("Documentation", documentation);
    }
    public List<String> requiredParams() {
        return strings("RequiredParams");
    }

    public Task withRequiredParams(List<String> values) {
        return (Task) with("RequiredParams", values);
    }
    public List<String> optionalParams() {
        return strings("OptionalParams");
    }

    public Task withOptionalParams(List<String> values) {
        return (Task) with("OptionalParams", values);
    }
    public List<String> prerequisites() {
        return strings("Prerequisites");
    }

    public Task withPrerequisites(List<String> values) {
        return (Task) with("Prerequisites", values);
    }
    /** {@code Templates}: the task's {@code TemplateInfo} objects (Name, Path, ID, Contents ...), as sent. */
    public List<JsonNode> templates() {
        return elements("Templates");
    }

    public Task withMeta(String key, String value) {
        return (Task) withMetaEntry(key, value);
    }

    /** A copy with any member set, e.g. one this SDK has no typed method for. */
    public Task withMember(String name, JsonNode value) {
        return (Task) with(name, value);
    }
}
