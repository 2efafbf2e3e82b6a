package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * DRP's {@code models.Param} ({@code params}, keyed by {@code Name}; spec §5.10): a named value
 * with a JSON Schema (draft 4); a {@code default} inside the schema is the default value, and
 * {@code Secure: true} makes DRP store values encrypted (read them with
 * {@code DrpApi.decodedParam}, write them with {@code DrpApi.setSecureParam}). A typed view that
 * keeps every member it was made from (see {@link DrpObject}). Immutable and thread-safe.
 *
 * @since 0.1 (a typed view keeping unknown members since 0.2)
 */
public final class Param extends DrpObject {
    static final String PREFIX = "params";

    private Param(ObjectNode json) {
        super(json);
    }

    /** A view of {@code json} (copied), which must be a JSON object. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Param of(JsonNode json) {
        return new Param(copyOf(json, "Param"));
    }

    /** A param {@code name} with {@code schema}, every other member at its zero value, in DRP's order. */
    public static Param of(String name, JsonNode schema) {
        Objects.requireNonNull(name, "name == null");
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode p = f.objectNode();
        p.put("Validated", false).put("Available", false);
        p.putArray("Errors");
        p.put("ReadOnly", false);
        p.putObject("Meta");
        p.put("Endpoint", "").put("Bundle", "").put("Name", name).put("Description", "")
                .put("Documentation", "").put("Secure", false);
        p.set("Schema", schema == null ? f.objectNode() : schema.deepCopy());
        return new Param(p);
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
    Param rewrap(ObjectNode json) {
        return new Param(json);
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

    /** Whether DRP stores this param's values encrypted; the SDK never logs them. */
    public boolean secure() {
        return bool("Secure");
    }

    /** The JSON Schema (a copy); an empty schema when absent. */
    public JsonNode schema() {
        JsonNode s = raw("Schema");
        return s == null || s.isNull() ? JsonNodeFactory.instance.objectNode() : s.deepCopy();
    }

    public Param withDescription(String description) {
        return (Param) with("Description", description);
    }

    public Param withSecure(boolean secure) {
        return (Param) with("Secure", secure);
    }

    public Param withSchema(JsonNode schema) {
        return (Param) with("Schema", Objects.requireNonNull(schema, "schema == null"));
    }

    public Param withMeta(String key, String value) {
        return (Param) withMetaEntry(key, value);
    }

    public Param withMember(String name, JsonNode value) {
        return (Param) with(name, value);
    }
}
