package io.drpkit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.internal.secrets.Secrets;
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
 * are integral ({@code 2} and {@code 2.0} are both 2).
 *
 * <p><b>Secure params.</b> Params declared {@code Secure: true} (in the content pack, or named
 * with {@link #of(Map, Set)}) are never shown: {@link #toString()} and every error message say
 * {@value #HIDDEN} instead of their value, and {@link #mask(String)} removes their values from
 * any text (a log line, a script's output). Beyond these params, the SDK masks the secure values
 * of the configuration and the action, and values read decoded, in every log line, job-log line
 * and error the provider process writes (README, "Secure params"). Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Params {
    /** What messages and {@link #toString()} show instead of a secure param's value. */
    public static final String HIDDEN = "<secure value hidden>";
    /** Secure values shorter than this are not masked in free text (they would mask ordinary words). */
    public static final int MASK_MIN_LENGTH = 3;

    private static final Params EMPTY = new Params(Map.of(), Set.of());
    private final Map<String, JsonNode> values;
    private final Set<String> secure;

    private Params(Map<String, JsonNode> values, Set<String> secure) {
        this.values = values;
        this.secure = secure;
    }

    /** A copy of {@code values}, in their order; none secure. */
    public static Params of(Map<String, JsonNode> values) {
        return of(values, Set.of());
    }

    /**
     * A copy of {@code values}, in their order; the params named in {@code secure} are never
     * shown (see the class comment).
     *
     * @since 0.2
     */
    public static Params of(Map<String, JsonNode> values, Set<String> secure) {
        Objects.requireNonNull(values, "values == null");
        Objects.requireNonNull(secure, "secure == null");
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "name == null"),
                v == null ? NullNode.getInstance() : v.deepCopy()));
        return new Params(Collections.unmodifiableMap(copy), Set.copyOf(secure));
    }

    /** Whether {@code name} is a secure param (its value is never shown). @since 0.2 */
    public boolean isSecure(String name) {
        return secure.contains(name);
    }

    /** The names of the secure params. @since 0.2 */
    public Set<String> secureNames() {
        return secure;
    }

    /**
     * {@code text} with every occurrence of a secure param's value replaced by {@value #HIDDEN}
     * (strings as their text, other values as their JSON; values shorter than
     * {@value #MASK_MIN_LENGTH} characters are left, see {@link #MASK_MIN_LENGTH}).
     *
     * @since 0.2
     */
    public String mask(String text) {
        Objects.requireNonNull(text, "text == null");
        if (secure.isEmpty()) {
            return text;
        }
        String out = text;
        for (String name : secure) {
            String shown = Secrets.shown(values.get(name));
            if (shown != null && shown.length() >= MASK_MIN_LENGTH) {
                out = out.replace(shown, HIDDEN);
            }
        }
        return out;
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
                    + ", got " + (isSecure(name) ? HIDDEN : describe(v)));
        }
    }

    /** These params with {@code other}'s values added or replacing. */
    public Params with(Map<String, JsonNode> other) {
        Map<String, JsonNode> merged = new LinkedHashMap<>(values);
        merged.putAll(other);
        return of(merged, secure);
    }

    private JsonNode require(String name) {
        Objects.requireNonNull(name, "name == null");
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            throw new PluginException(400, name + ": required but not set");
        }
        return v;
    }

    private PluginException wrongType(String name, String expected, JsonNode got) {
        return new PluginException(400, name + ": expected " + expected + ", got " + (isSecure(name) ? HIDDEN : describe(got)));
    }

    /** How a value is shown in messages: JSON text, shortened. */
    static String describe(JsonNode v) {
        String text = v.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && values.equals(p.values) && secure.equals(p.secure);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** {@code {name=value, ...}}, secure params shown as {@value #HIDDEN}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        values.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append(k).append('=')
                .append(isSecure(k) && !v.isNull() ? HIDDEN : v.toString()));
        return s.append('}').toString();
    }
}
