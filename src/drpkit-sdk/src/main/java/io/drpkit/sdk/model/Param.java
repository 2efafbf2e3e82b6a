package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * DRP's {@code models.Param} (spec §5.10): a named value with a JSON Schema (draft 4); a
 * {@code default} inside the schema is the default value. Immutable and thread-safe.
 *
 * @since 0.1
 */
@JsonPropertyOrder({"Validated", "Available", "Errors", "ReadOnly", "Meta", "Endpoint", "Bundle",
        "Name", "Description", "Documentation", "Secure", "Schema"})
public record Param(
        @JsonProperty("Validated") boolean validated,
        @JsonProperty("Available") boolean available,
        @JsonProperty("Errors") List<String> errors,
        @JsonProperty("ReadOnly") boolean readOnly,
        @JsonProperty("Meta") Map<String, String> meta,
        @JsonProperty("Endpoint") String endpoint,
        @JsonProperty("Bundle") String bundle,
        @JsonProperty("Name") String name,
        @JsonProperty("Description") String description,
        @JsonProperty("Documentation") String documentation,
        @JsonProperty("Secure") boolean secure,
        @JsonProperty("Schema") JsonNode schema) {

    @JsonCreator
    public Param {
        errors = errors == null ? List.of() : List.copyOf(errors);
        meta = meta == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        endpoint = endpoint == null ? "" : endpoint;
        bundle = bundle == null ? "" : bundle;
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        documentation = documentation == null ? "" : documentation;
        schema = schema == null ? JsonNodeFactory.instance.objectNode() : schema.deepCopy();
    }

    /** A param {@code name} with {@code schema}, everything else zero. */
    public static Param of(String name, JsonNode schema) {
        return new Param(false, false, null, false, null, null, null,
                Objects.requireNonNull(name, "name == null"), null, null, false, schema);
    }

    @Override
    public JsonNode schema() {
        return schema.deepCopy();
    }
}
