package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A free-form DRP object (spec §5.9), as stored for a provider's {@code StoreObjects} types:
 * {@code Type} is the prefix and {@code Id} the key. Immutable (copies in and out); thread-safe.
 *
 * @since 0.1
 */
public final class RawModel {
    private final ObjectNode fields;

    private RawModel(ObjectNode fields) {
        this.fields = fields;
    }

    /** Wraps a copy of {@code json}, which must be a JSON object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RawModel of(JsonNode json) {
        Objects.requireNonNull(json, "json == null");
        if (!json.isObject()) {
            throw new IllegalArgumentException("a RawModel is a JSON object, got " + json.getNodeType());
        }
        return new RawModel(json.deepCopy());
    }

    /** A new object of {@code type} keyed {@code id}. */
    public static RawModel of(String type, String id) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("Id", Objects.requireNonNull(id, "id == null"));
        node.put("Type", Objects.requireNonNull(type, "type == null"));
        return new RawModel(node);
    }

    /** The {@code Id} member (its key), or empty string. */
    public String id() {
        return fields.path("Id").asText("");
    }

    /** The {@code Type} member (its prefix), or empty string. */
    public String type() {
        return fields.path("Type").asText("");
    }

    /** One member, if present. */
    public Optional<JsonNode> get(String member) {
        JsonNode v = fields.get(member);
        return v == null ? Optional.empty() : Optional.of(v.deepCopy());
    }

    /** The whole object (a copy). */
    @JsonValue
    public ObjectNode json() {
        return fields.deepCopy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawModel r && fields.equals(r.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
