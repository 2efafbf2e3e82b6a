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
 * DRP's {@code models.Workflow} ({@code workflows}, keyed by {@code Name}): the ordered stages a machine runs. A typed view that keeps every member DRP sent (see {@link DrpObject}).
 * Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class Workflow extends DrpObject {
    static final String PREFIX = "workflows";

    private Workflow(ObjectNode json) {
        super(json);
    }

    /** A view of {@code json} (copied), which must be a JSON object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Workflow of(JsonNode json) {
        return new Workflow(copyOf(json, "Workflow"));
    }

    /** A new, otherwise empty object keyed {@code key}, for {@code DrpApi.create}. */
    public static Workflow named(String key) {
        return new Workflow(JsonNodeFactory.instance.objectNode().put("Name", Objects.requireNonNull(key, "key == null")));
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
    Workflow rewrap(ObjectNode json) {
        return new Workflow(json);
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

    public Workflow withDescription(String description) {
        return (Workflow) with("Description", description);
    }

    public Workflow withDocumentation(String documentation) {
        return (Workflow) with("Documentation", documentation);
    }
    public List<String> stages() {
        return strings("Stages");
    }

    public Workflow withStages(List<String> values) {
        return (Workflow) with("Stages", values);
    }
    public Workflow withMeta(String key, String value) {
        return (Workflow) withMetaEntry(key, value);
    }

    /** A copy with any member set, e.g. one this SDK has no typed method for. */
    public Workflow withMember(String name, JsonNode value) {
        return (Workflow) with(name, value);
    }
}
