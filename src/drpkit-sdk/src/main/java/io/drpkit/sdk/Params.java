package io.drpkit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.drpkit.sdk.internal.json.DrpJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Param values by name, with typed getters. A getter for a param that is absent (or JSON
 * null) or of the wrong type throws {@link PluginException} with Code 400 and a message
 * naming the param, what was expected and what was seen, e.g.
 * {@code incrementer/step: expected integer, got "two"}. Numbers read as integers when they
 * are integral ({@code 2} and {@code 2.0} are both 2). Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Params {
    private static final Params EMPTY = new Params(Map.of());
    private final Map<String, JsonNode> values;

    private Params(Map<String, JsonNode> values) {
        this.values = values;
    }

    /** A copy of {@code values}, in their order. */
    public static Params of(Map<String, JsonNode> values) {
        Objects.requireNonNull(values, "values == null");
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "name == null"),
                v == null ? NullNode.getInstance() : v.deepCopy()));
        return new Params(Collections.unmodifiableMap(copy));
    }

    public static Params empty() {
        return EMPTY;
    }

    /** True when {@code name} is present and not JSON null. */
    public boolean has(String name) {
        JsonNode v = values.get(name);
        return v != null && !v.isNull();
    }

    public Set<String> names() {
        return values.keySet();
    }

    /** The raw JSON value, if present and not null. */
    public Optional<JsonNode> raw(String name) {
        return has(name) ? Optional.of(values.get(name).deepCopy()) : Optional.empty();
    }

    /** All values, in order (copies). */
    public Map<String, JsonNode> asMap() {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v.deepCopy()));
        return copy;
    }

    public long integer(String name) {
        JsonNode v = require(name);
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue();
            try {
                return d.stripTrailingZeros().longValueExact();
            } catch (ArithmeticException e) {
                throw wrongType(name, "integer", v);
            }
        }
        throw wrongType(name, "integer", v);
    }

    public Optional<Long> optionalInteger(String name) {
        return has(name) ? Optional.of(integer(name)) : Optional.empty();
    }

    public double number(String name) {
        JsonNode v = require(name);
        if (!v.isNumber()) {
            throw wrongType(name, "number", v);
        }
        return v.doubleValue();
    }

    public String string(String name) {
        JsonNode v = require(name);
        if (!v.isTextual()) {
            throw wrongType(name, "string", v);
        }
        return v.textValue();
    }

    public Optional<String> optionalString(String name) {
        return has(name) ? Optional.of(string(name)) : Optional.empty();
    }

    public boolean bool(String name) {
        JsonNode v = require(name);
        if (!v.isBoolean()) {
            throw wrongType(name, "boolean", v);
        }
        return v.booleanValue();
    }

    /** A JSON array as a list of JSON values. */
    public List<JsonNode> list(String name) {
        JsonNode v = require(name);
        if (!v.isArray()) {
            throw wrongType(name, "array", v);
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(item -> out.add(item.deepCopy()));
        return Collections.unmodifiableList(out);
    }

    /** A JSON array of strings. */
    public List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : list(name)) {
            if (!item.isTextual()) {
                throw wrongType(name, "array of strings", values.get(name));
            }
            out.add(item.textValue());
        }
        return Collections.unmodifiableList(out);
    }

    /** A JSON object (a copy). */
    public JsonNode object(String name) {
        JsonNode v = require(name);
        if (!v.isObject()) {
            throw wrongType(name, "object", v);
        }
        return v.deepCopy();
    }

    /** The value bound to {@code type} through the wire mapping. */
    public <T> T as(String name, Class<T> type) {
        JsonNode v = require(name);
        try {
            return DrpJson.convert(v, type);
        } catch (IllegalArgumentException e) {
            throw new PluginException(400, name + ": expected " + type.getSimpleName()
                    + ", got " + describe(v));
        }
    }

    /** These params with {@code other}'s values added or replacing. */
    public Params with(Map<String, JsonNode> other) {
        Map<String, JsonNode> merged = new LinkedHashMap<>(values);
        merged.putAll(other);
        return of(merged);
    }

    private JsonNode require(String name) {
        Objects.requireNonNull(name, "name == null");
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            throw new PluginException(400, name + ": required but not set");
        }
        return v;
    }

    private static PluginException wrongType(String name, String expected, JsonNode got) {
        return new PluginException(400, name + ": expected " + expected + ", got " + describe(got));
    }

    /** How a value is shown in messages: JSON text, shortened. */
    static String describe(JsonNode v) {
        String text = v.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
