package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed, immutable view of one DRP object (a {@link Machine}, a {@link Job}, ...) that keeps the
 * object's JSON exactly as DRP sent it: members this SDK does not know (ones a newer DRP added)
 * are kept, so a read-modify-write ({@code with...} methods, then {@code DrpApi.save} or
 * {@code DrpApi.update}) never drops them. Typed accessors read DRP's PascalCase members
 * (any letter case is accepted, as DRP's decoder does) and answer the member's zero value
 * ({@code ""}, {@code false}, {@code 0}, empty list or map) when it is absent or JSON null.
 * {@code with...} methods return a modified copy; they write DRP's spelling.
 *
 * <p>Every view carries the members DRP embeds in all its objects ({@code Validated},
 * {@code Available}, {@code Errors}, {@code ReadOnly}, {@code Meta}, {@code Endpoint},
 * {@code Bundle}). Immutable and thread-safe: the JSON is copied in and out.
 *
 * @since 0.2
 */
public abstract sealed class DrpObject
        permits Machine, Job, Profile, Param, Task, Stage, Workflow, Subnet, Reservation {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectNode json;

    /** @param json a private copy this view owns */
    DrpObject(ObjectNode json) {
        this.json = json;
    }

    static ObjectNode copyOf(JsonNode json, String what) {
        Objects.requireNonNull(json, "json == null");
        if (!json.isObject()) {
            throw new IllegalArgumentException("a " + what + " is a JSON object, got " + json.getNodeType());
        }
        return ((ObjectNode) json).deepCopy();
    }

    /**
     * The API prefix of a kind of object: {@code machines}, {@code jobs}, {@code profiles},
     * {@code params}, {@code tasks}, {@code stages}, {@code workflows}, {@code subnets},
     * {@code reservations}.
     */
    public static String prefixOf(Class<? extends DrpObject> type) {
        Objects.requireNonNull(type, "type == null");
        if (type == Machine.class) {
            return Machine.PREFIX;
        } else if (type == Job.class) {
            return Job.PREFIX;
        } else if (type == Profile.class) {
            return Profile.PREFIX;
        } else if (type == Param.class) {
            return Param.PREFIX;
        } else if (type == Task.class) {
            return Task.PREFIX;
        } else if (type == Stage.class) {
            return Stage.PREFIX;
        } else if (type == Workflow.class) {
            return Workflow.PREFIX;
        } else if (type == Subnet.class) {
            return Subnet.PREFIX;
        } else if (type == Reservation.class) {
            return Reservation.PREFIX;
        }
        throw new IllegalArgumentException("not a DRP object type: " + type.getName());
    }

    /**
     * A view of kind {@code type} over {@code json} (copied).
     *
     * @throws IllegalArgumentException if {@code json} is not a JSON object
     */
    public static <T extends DrpObject> T of(Class<T> type, JsonNode json) {
        Objects.requireNonNull(type, "type == null");
        DrpObject view;
        if (type == Machine.class) {
            view = Machine.of(json);
        } else if (type == Job.class) {
            view = Job.of(json);
        } else if (type == Profile.class) {
            view = Profile.of(json);
        } else if (type == Param.class) {
            view = Param.of(json);
        } else if (type == Task.class) {
            view = Task.of(json);
        } else if (type == Stage.class) {
            view = Stage.of(json);
        } else if (type == Workflow.class) {
            view = Workflow.of(json);
        } else if (type == Subnet.class) {
            view = Subnet.of(json);
        } else if (type == Reservation.class) {
            view = Reservation.of(json);
        } else {
            throw new IllegalArgumentException("not a DRP object type: " + type.getName());
        }
        return type.cast(view);
    }

    /** The API prefix of this kind of object, e.g. {@code machines}. */
    public abstract String prefix();

    /** The member holding the key, e.g. {@code Uuid} for machines, {@code Name} for profiles. */
    public abstract String keyMember();

    /** The object's key (the {@link #keyMember()} value), or empty string. */
    public final String key() {
        return text(keyMember());
    }

    /** The API path of this object relative to {@code /api/v3}, e.g. {@code machines/<uuid>}. */
    public final String path() {
        return prefix() + "/" + key();
    }

    /** The whole object as DRP sent it (a copy), unknown members included. */
    @JsonValue
    public final ObjectNode json() {
        return json.deepCopy();
    }

    /** One member, in any letter case, if present (a copy). */
    public final Optional<JsonNode> member(String name) {
        JsonNode v = raw(name);
        return v == null ? Optional.empty() : Optional.of(v.deepCopy());
    }

    public final boolean validated() {
        return bool("Validated");
    }

    public final boolean available() {
        return bool("Available");
    }

    public final List<String> errors() {
        return strings("Errors");
    }

    public final boolean readOnly() {
        return bool("ReadOnly");
    }

    /** {@code Meta}: DRP's string-to-string annotations (icon, color, feature flags ...). */
    public final Map<String, String> meta() {
        JsonNode m = raw("Meta");
        Map<String, String> out = new LinkedHashMap<>();
        if (m != null && m.isObject()) {
            m.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText("")));
        }
        return Collections.unmodifiableMap(out);
    }

    public final String endpoint() {
        return text("Endpoint");
    }

    public final String bundle() {
        return text("Bundle");
    }

    // ------------------------------------------------------------------ for the views

    /** A new view of the same kind over {@code json} (already a private copy). */
    abstract DrpObject rewrap(ObjectNode json);

    /** A copy with member {@code name} set to {@code value} (any differently-cased twin removed). */
    final DrpObject with(String name, JsonNode value) {
        ObjectNode copy = json.deepCopy();
        String existing = spelling(copy, name);
        if (existing != null && !existing.equals(name)) {
            // keep the member's place, under DRP's spelling
            ObjectNode renamed = JSON.objectNode();
            copy.fields().forEachRemaining(e -> renamed.set(e.getKey().equals(existing) ? name : e.getKey(), e.getValue()));
            copy = renamed;
        }
        copy.set(name, value == null ? JSON.nullNode() : value.deepCopy());
        return rewrap(copy);
    }

    final DrpObject with(String name, String value) {
        return with(name, JSON.textNode(Objects.requireNonNull(value, name + " == null")));
    }

    final DrpObject with(String name, boolean value) {
        return with(name, JSON.booleanNode(value));
    }

    final DrpObject with(String name, List<String> values) {
        ArrayNode a = JSON.arrayNode();
        Objects.requireNonNull(values, name + " == null").forEach(v -> a.add(Objects.requireNonNull(v, name + " element == null")));
        return with(name, a);
    }

    /** A copy with {@code Meta[key] = value}. */
    final DrpObject withMetaEntry(String key, String value) {
        ObjectNode meta = object("Meta");
        meta.put(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(value, "value == null"));
        return with("Meta", meta);
    }

    /** A copy with {@code Params[param] = value}. */
    final DrpObject withParamValue(String param, JsonNode value) {
        ObjectNode params = object("Params");
        params.set(Objects.requireNonNull(param, "param == null"),
                Objects.requireNonNull(value, "value == null (to remove a param use withoutParam)").deepCopy());
        return with("Params", params);
    }

    final DrpObject withoutParamValue(String param) {
        ObjectNode params = object("Params");
        params.remove(Objects.requireNonNull(param, "param == null"));
        return with("Params", params);
    }

    final JsonNode raw(String name) {
        Objects.requireNonNull(name, "name == null");
        JsonNode v = json.get(name);
        if (v != null) {
            return v;
        }
        String s = spelling(json, name);
        return s == null ? null : json.get(s);
    }

    final String text(String name) {
        JsonNode v = raw(name);
        return v == null || v.isNull() ? "" : v.asText("");
    }

    final boolean bool(String name) {
        JsonNode v = raw(name);
        return v != null && v.asBoolean(false);
    }

    final long number(String name) {
        JsonNode v = raw(name);
        return v == null ? 0 : v.asLong(0);
    }

    final List<String> strings(String name) {
        JsonNode v = raw(name);
        if (v == null || !v.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(v.size());
        v.forEach(e -> out.add(e.asText("")));
        return List.copyOf(out);
    }

    /** A member that holds a JSON array, its elements as copies; empty when absent. */
    final List<JsonNode> elements(String name) {
        JsonNode v = raw(name);
        if (v == null || !v.isArray()) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>(v.size());
        v.forEach(e -> out.add(e.deepCopy()));
        return Collections.unmodifiableList(out);
    }

    /** A member that holds a JSON object, as a private copy; an empty object when absent. */
    final ObjectNode object(String name) {
        JsonNode v = raw(name);
        return v != null && v.isObject() ? ((ObjectNode) v).deepCopy() : JSON.objectNode();
    }

    /** {@code Params} as a map of copies, in DRP's order. */
    final Map<String, JsonNode> paramsMap() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        object("Params").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(out);
    }

    final Optional<JsonNode> paramValue(String param) {
        JsonNode params = raw("Params");
        JsonNode v = params == null ? null : params.get(Objects.requireNonNull(param, "param == null"));
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.deepCopy());
    }

    private static String spelling(ObjectNode node, String name) {
        if (node.has(name)) {
            return name;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof DrpObject d && d.getClass() == getClass() && json.equals(d.json);
    }

    @Override
    public final int hashCode() {
        return json.hashCode();
    }

    /** {@code Machine[machines/<uuid>]}: the kind and the path, never the values (they may be secret). */
    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[" + path() + "]";
    }
}
