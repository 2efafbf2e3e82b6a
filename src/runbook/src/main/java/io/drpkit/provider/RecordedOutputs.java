package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.model.DrpError;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The machine param {@value #PARAM}: the create outputs of every runbook created on the machine,
 * {@code {<runbook Id>: {"digest": "sha256:...", "<step>.<output>": value}}}. An entry present
 * means "created" (even one without outputs: a runbook whose create steps declare none).
 * {@value #DIGEST} is the {@link io.drpkit.sdk.runbook.Runbook#digest()} of the version create
 * ran (absent in entries written before digests were recorded). Step and output names cannot
 * contain a dot, so {@code <step>.<output>} splits at its only dot, and {@value #DIGEST}, which
 * has none, cannot be mistaken for an output. Immutable (JSON is copied in and out) and
 * thread-safe.
 */
final class RecordedOutputs {
    static final String PARAM = "runbook/outputs";
    /** The member of an entry holding the digest of the runbook version create ran. */
    static final String DIGEST = "digest";

    private final ObjectNode all;

    private RecordedOutputs(ObjectNode all) {
        this.all = all;
    }

    static RecordedOutputs empty() {
        return new RecordedOutputs(JsonNodeFactory.instance.objectNode());
    }

    /**
     * The param's value as read from {@code machine}; an absent or JSON null value is empty.
     *
     * @throws PluginException 409 naming the machine and the param if the value does not have
     *     the shape above (someone edited it by hand)
     */
    static RecordedOutputs of(Optional<JsonNode> value, String machine) {
        JsonNode v = Objects.requireNonNull(value, "value == null").orElse(null);
        if (v == null || v.isNull()) {
            return empty();
        }
        if (!v.isObject()) {
            throw malformed(machine, "expected an object of runbook Id -> outputs, got " + v.getNodeType());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> rb = it.next();
            if (!rb.getValue().isObject()) {
                throw malformed(machine, "entry \"" + rb.getKey() + "\": expected an object of \"<step>.<output>\" -> "
                        + "string, got " + rb.getValue().getNodeType());
            }
            for (Iterator<Map.Entry<String, JsonNode>> o = rb.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> out = o.next();
                if (out.getKey().equals(DIGEST)) {
                    if (!out.getValue().isTextual() || !out.getValue().textValue().startsWith("sha256:")) {
                        throw malformed(machine, "entry \"" + rb.getKey() + "\": expected \"" + DIGEST
                                + "\": \"sha256:...\", got " + out.getValue());
                    }
                    continue;
                }
                int dot = out.getKey().indexOf('.');
                if (dot <= 0 || dot == out.getKey().length() - 1 || out.getKey().indexOf('.', dot + 1) >= 0
                        || !out.getValue().isTextual()) {
                    throw malformed(machine, "entry \"" + rb.getKey() + "\": expected \"<step>.<output>\": string, got \""
                            + out.getKey() + "\": " + out.getValue());
                }
            }
        }
        return new RecordedOutputs(((ObjectNode) v).deepCopy());
    }

    /** True when {@code runbook} has an entry, i.e. was created and not deleted since. */
    boolean has(String runbook) {
        return all.has(runbook);
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    /** The entry of {@code runbook} in the executor's form, step -> output -> value; empty if none. */
    Map<String, Map<String, String>> of(String runbook) {
        Map<String, Map<String, String>> byStep = new LinkedHashMap<>();
        JsonNode entry = all.get(runbook);
        if (entry != null) {
            entry.fields().forEachRemaining(e -> {
                if (e.getKey().equals(DIGEST)) {
                    return;
                }
                int dot = e.getKey().indexOf('.');
                byStep.computeIfAbsent(e.getKey().substring(0, dot), k -> new LinkedHashMap<>())
                        .put(e.getKey().substring(dot + 1), e.getValue().textValue());
            });
        }
        return Collections.unmodifiableMap(byStep);
    }

    /** The digest recorded for {@code runbook}'s create; empty if none (or no entry). */
    Optional<String> digest(String runbook) {
        JsonNode d = all.path(runbook).get(DIGEST);
        return d != null && d.isTextual() ? Optional.of(d.textValue()) : Optional.empty();
    }

    /** The Ids with an entry, in the param's order. */
    java.util.List<String> runbooks() {
        java.util.List<String> ids = new java.util.ArrayList<>();
        all.fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    /**
     * A copy with the entry of {@code runbook} set to {@code outputs} (step -> output -> value)
     * and the {@code digest} of the version that made them.
     */
    RecordedOutputs with(String runbook, String digest, Map<String, Map<String, String>> outputs) {
        ObjectNode copy = all.deepCopy();
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put(DIGEST, Objects.requireNonNull(digest, "digest == null"));
        outputs.forEach((step, values) -> values.forEach((name, value) -> entry.put(step + "." + name, value)));
        copy.set(runbook, entry);
        return new RecordedOutputs(copy);
    }

    /** A copy without the entry of {@code runbook}. */
    RecordedOutputs without(String runbook) {
        ObjectNode copy = all.deepCopy();
        copy.remove(runbook);
        return new RecordedOutputs(copy);
    }

    /** The param value (a copy). */
    ObjectNode json() {
        return all.deepCopy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedOutputs r && all.equals(r.all);
    }

    @Override
    public int hashCode() {
        return all.hashCode();
    }

    @Override
    public String toString() {
        return all.toString();
    }

    private static PluginException malformed(String machine, String detail) {
        return new PluginException(DrpError.builder(409, "plugin").model("machines").key(machine)
                .message("machine " + machine + " param " + PARAM + ": " + detail
                        + " (the provider writes this param; fix or remove it)").build());
    }
}
