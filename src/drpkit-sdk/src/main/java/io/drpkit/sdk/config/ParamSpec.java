package io.drpkit.sdk.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.model.Param;
import java.util.Objects;
import java.util.Optional;

/**
 * A declared param: its name, its JSON Schema (draft 4) and the {@code default} inside it.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public record ParamSpec(String name, JsonNode schema, boolean secure) {
    public ParamSpec {
        Objects.requireNonNull(name, "name == null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("param name is blank");
        }
        schema = Objects.requireNonNull(schema, "schema == null").deepCopy();
    }

    public static ParamSpec of(Param param) {
        return new ParamSpec(param.name(), param.schema(), param.secure());
    }

    public static ParamSpec of(String name, JsonNode schema) {
        return new ParamSpec(name, schema, false);
    }

    /**
     * A param with its schema given as JSON text.
     *
     * @throws IllegalArgumentException if the text is not a JSON object
     */
    public static ParamSpec of(String name, String schemaJson) {
        try {
            JsonNode schema = io.drpkit.sdk.internal.json.DrpJson.readTree(schemaJson);
            if (schema == null || !schema.isObject()) {
                throw new IllegalArgumentException("param " + name + ": the schema must be a JSON object");
            }
            return new ParamSpec(name, schema, false);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("param " + name + ": the schema is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The schema's {@code default}, if it has one. */
    public Optional<JsonNode> defaultValue() {
        JsonNode d = schema.get("default");
        return d == null ? Optional.empty() : Optional.of(d.deepCopy());
    }

    @Override
    public JsonNode schema() {
        return schema.deepCopy();
    }
}
