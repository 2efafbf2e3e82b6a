package io.drpkit.sdk.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.drpkit.sdk.Params;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;

/**
 * Validates param values against their declared JSON Schemas (draft 4, with the networknt
 * validator) and fills schema defaults. Schemas are compiled once, when this is built; an
 * invalid schema fails then, naming the param. Numbers with an integral value ({@code 2.0})
 * count as integers, as DRP's Go side decodes every number as a float. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ParamValidator {
    private final Map<String, ParamSpec> specs;
    private final Map<String, JsonSchema> schemas;

    private ParamValidator(Map<String, ParamSpec> specs, Map<String, JsonSchema> schemas) {
        this.specs = specs;
        this.schemas = schemas;
    }

    /**
     * Compiles every spec's schema.
     *
     * @throws IllegalArgumentException naming each param whose schema is not valid draft 4
     */
    public static ParamValidator of(Collection<ParamSpec> specs) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        JsonSchema meta = factory.getSchema(SchemaLocation.of(SchemaId.V4));
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        Map<String, JsonSchema> compiled = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ParamSpec spec : specs) {
            byName.put(spec.name(), spec);
            List<String> invalid = meta.validate(spec.schema()).stream().map(ValidationMessage::getMessage)
                    .sorted().toList();
            if (!invalid.isEmpty()) {
                problems.add("param " + spec.name() + " has an invalid schema: " + String.join("; ", invalid));
                continue;
            }
            try {
                compiled.put(spec.name(), factory.getSchema(spec.schema()));
            } catch (RuntimeException e) {
                problems.add("param " + spec.name() + " has an invalid schema: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ParamValidator(byName, compiled);
    }

    public Optional<ParamSpec> spec(String name) {
        return Optional.ofNullable(specs.get(name));
    }

    /** Problems of one value (empty when valid or when the param has no declared schema). */
    public List<ValidationError> check(String name, JsonNode value) {
        JsonSchema schema = schemas.get(name);
        if (schema == null) {
            return List.of();
        }
        JsonNode normalized = normalize(value);
        List<ValidationError> errors = new ArrayList<>();
        boolean secure = spec(name).map(ParamSpec::secure).orElse(false);
        for (ValidationMessage m : schema.validate(normalized)) {
            errors.add(describe(name, normalized, m, secure));
        }
        errors.sort(Comparator.comparing(ValidationError::message));
        return errors;
    }

    /**
     * Checks a set of values: every {@code required} param present (not absent, not null), every
     * present param in {@code checked} valid against its schema (an explicit null included: it
     * passes only if the schema allows null), and {@code defaulted} params that are absent filled
     * from their schema default.
     *
     * @return the effective params, in the order given, then filled defaults
     * @throws InvalidParamsException with every problem, Code {@code code}
     */
    public Params validate(Map<String, JsonNode> values, Collection<String> required,
                           Collection<String> defaulted, Collection<String> checked, int code, String model,
                           String key) {
        Objects.requireNonNull(values, "values == null");
        List<ValidationError> errors = new ArrayList<>();
        Map<String, JsonNode> effective = new LinkedHashMap<>();
        values.forEach((k, v) -> effective.put(k, v == null ? JsonNodeFactory.instance.nullNode() : normalize(v)));
        for (String name : required) {
            JsonNode v = values.get(name);
            if (v == null || v.isNull()) {
                errors.add(ValidationError.of(name, "required but not set"));
            }
        }
        for (String name : checked) {
            JsonNode v = values.get(name);
            // an explicit null is a value like any other (the schema decides), except for a
            // required param, which is then reported as not set
            if (v != null && !(v.isNull() && required.contains(name))) {
                errors.addAll(check(name, v));
            }
        }
        for (String name : defaulted) {
            if (!values.containsKey(name)) {
                spec(name).flatMap(ParamSpec::defaultValue).ifPresent(d -> effective.put(name, d));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidParamsException(code, model, key, errors);
        }
        Set<String> secure = new java.util.LinkedHashSet<>();
        effective.keySet().forEach(n -> spec(n).filter(ParamSpec::secure).ifPresent(sp -> secure.add(n)));
        return Params.of(effective, secure);
    }

    private static ValidationError describe(String name, JsonNode value, ValidationMessage m, boolean secure) {
        String location = m.getInstanceLocation() == null ? "$" : m.getInstanceLocation().toString();
        String where = name + (location.startsWith("$") ? location.substring(1) : location);
        JsonNode seen = m.getInstanceNode() == null ? value : m.getInstanceNode();
        Object[] args = m.getArguments();
        if ("type".equals(m.getType()) && args != null && args.length >= 2) {
            return ValidationError.of(where, "expected " + args[1] + ", got " + (secure ? Params.HIDDEN : show(seen)));
        }
        String text = m.getMessage();
        int colon = text.indexOf(": ");
        String detail = colon >= 0 && text.startsWith("$") ? text.substring(colon + 2) : text;
        if (secure) {
            // the library's own text may quote the value (enum, pattern ...): keep only its rule
            return ValidationError.of(where, "does not match its schema (" + m.getType() + "), got " + Params.HIDDEN);
        }
        return ValidationError.of(where, detail + ", got " + show(seen));
    }

    private static String show(JsonNode v) {
        String text = v.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    /** Integral floats become integers, recursively, so {@code 2.0} passes {@code "type": "integer"}. */
    static JsonNode normalize(JsonNode v) {
        if (v.isFloatingPointNumber() || v.isBigDecimal()) {
            BigDecimal d = v.decimalValue();
            try {
                return JsonNodeFactory.instance.numberNode(d.stripTrailingZeros().longValueExact());
            } catch (ArithmeticException e) {
                return v;
            }
        }
        if (v.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            v.forEach(item -> out.add(normalize(item)));
            return out;
        }
        if (v.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            v.fields().forEachRemaining(e -> out.set(e.getKey(), normalize(e.getValue())));
            return out;
        }
        return v;
    }
}
