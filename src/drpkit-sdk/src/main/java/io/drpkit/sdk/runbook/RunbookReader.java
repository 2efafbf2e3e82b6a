package io.drpkit.sdk.runbook;

import static io.drpkit.sdk.runbook.Problems.quote;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.text.GoDurations;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads a runbook document into a {@link Runbook}, collecting every structural problem (wrong
 * types, unknown fields, several or no input sources, bad timeouts) together with the semantic
 * ones of {@link RunbookValidator}.
 *
 * <p>Unknown members starting with an upper-case letter are ignored: they are DRP's own members
 * ({@code Validated}, {@code Available}, {@code Errors}, {@code Meta}, ...) on an object read back
 * from DRP. Unknown lower-case fields are typos and reported.
 */
final class RunbookReader {
    private static final Set<String> STEP_FIELDS =
            Set.of("name", "script", "inputs", "outputs", "timeout", "needsToken");
    private static final Set<String> INPUT_FIELDS =
            Set.of("name", "valueFromParam", "valueFromMachine", "valueFromStep", "as");
    private static final Set<String> OUTPUT_FIELDS = Set.of("name", "valueFromPath");

    private RunbookReader() {
    }

    static Runbook parse(String text) {
        JsonNode root;
        try {
            String t = text.stripLeading();
            root = t.startsWith("{") ? RunbookFormats.JSON.readTree(text) : RunbookFormats.yaml().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new InvalidRunbookException("", List.of("runbook (no Id): not a valid YAML or JSON document"
                    + where + ": " + e.getOriginalMessage()));
        }
        return read(root);
    }

    static Runbook read(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InvalidRunbookException("", List.of("runbook (no Id): the document is empty"));
        }
        if (!root.isObject()) {
            throw new InvalidRunbookException("", List.of("runbook (no Id): expected an object, got "
                    + kind(root)));
        }
        JsonNode idNode = root.get("Id");
        String id = idNode != null && idNode.isTextual() ? idNode.asText() : "";
        Problems problems = new Problems(id);
        if (idNode != null && !idNode.isTextual() && !idNode.isNull()) {
            problems.runbook("Id: expected a string, got " + kind(idNode));
        }
        Runbook.Builder b = Runbook.builder(id);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "Id" -> { }
                case "Type" -> {
                    String type = text(v, "Type", problems::runbook);
                    if (type != null && !type.equals(Runbook.TYPE)) {
                        problems.runbook("Type " + quote(type) + " is not " + quote(Runbook.TYPE));
                    }
                }
                case "Description" -> {
                    String d = text(v, "Description", problems::runbook);
                    if (d != null) {
                        b.description(d);
                    }
                }
                case "apiVersion" -> {
                    String a = text(v, "apiVersion", problems::runbook);
                    if (a != null) {
                        b.apiVersion(a);
                    }
                }
                case "create" -> readSteps(v, Phase.CREATE, problems).forEach(b::create);
                case "delete" -> readSteps(v, Phase.DELETE, problems).forEach(b::delete);
                default -> {
                    if (!Character.isUpperCase(f.getKey().codePointAt(0))) {
                        problems.runbook("unknown field " + quote(f.getKey())
                                + " (expected Id, Description, apiVersion, create, delete)");
                    }
                }
            }
        }
        if (!root.hasNonNull("apiVersion")) {
            problems.runbook("apiVersion is missing (expected " + quote(Runbook.API_VERSION) + ")");
        }
        // Semantic checks on whatever could be read, so one parse reports everything. A
        // non-string Id was reported above already; do not add "Id is missing" to it.
        List<String> semantic = b.problems();
        problems.addAll(idNode != null && !idNode.isTextual()
                ? semantic.stream().filter(m -> !m.equals("runbook (no Id): Id is missing")).toList()
                : semantic);
        if (!problems.isEmpty()) {
            throw new InvalidRunbookException(id, problems.messages());
        }
        return b.build();
    }

    private static List<Step> readSteps(JsonNode list, Phase phase, Problems problems) {
        List<Step> steps = new ArrayList<>();
        if (list.isNull()) {
            return steps;
        }
        if (!list.isArray()) {
            problems.runbook(phase + ": expected a list of steps, got " + kind(list));
            return steps;
        }
        int index = 0;
        for (JsonNode node : list) {
            index++;
            Step s = readStep(node, phase, index, problems);
            if (s != null) {
                steps.add(s);
            }
        }
        return steps;
    }

    private static Step readStep(JsonNode node, Phase phase, int index, Problems problems) {
        String position = phase + " step #" + index;
        if (!node.isObject()) {
            problems.runbook(position + ": expected an object, got " + kind(node));
            return null;
        }
        JsonNode nameNode = node.get("name");
        if (nameNode == null || !nameNode.isTextual()) {
            problems.runbook(position + ": name is " + (nameNode == null ? "missing" : "not a string"));
            return null;
        }
        String name = nameNode.asText();
        String label = quote(name);
        BiConsumer<String, String> at = (where, msg) -> problems.step(label, where.isEmpty() ? msg : where + ": " + msg);
        unknownFields(node, STEP_FIELDS, "", at);

        // A missing script stays empty (the validator reports it); a non-string one is reported
        // here and replaced by a valid stand-in so it is not reported twice.
        JsonNode scriptNode = node.get("script");
        String script = "";
        if (scriptNode != null && !scriptNode.isNull()) {
            if (scriptNode.isTextual()) {
                script = scriptNode.asText();
            } else {
                at.accept("", "script: expected a string, got " + kind(scriptNode));
                script = "#!/bin/sh\n";
            }
        }
        Step.Builder b = Step.builder(name, script);

        JsonNode timeout = node.get("timeout");
        if (timeout != null && !timeout.isNull()) {
            if (!timeout.isTextual()) {
                at.accept("", "timeout: expected a duration such as \"30s\" or \"2m\", got " + kind(timeout));
            } else {
                GoDurations.parse(timeout.asText()).ifPresentOrElse(b::timeout, () -> at.accept("",
                        "timeout " + quote(timeout.asText()) + " is not a duration such as \"30s\", \"2m\" or \"1m30s\""));
            }
        }
        JsonNode needsToken = node.get("needsToken");
        if (needsToken != null && !needsToken.isNull()) {
            if (needsToken.isBoolean()) {
                b.needsToken(needsToken.booleanValue());
            } else {
                at.accept("", "needsToken: expected true or false, got " + kind(needsToken));
            }
        }
        for (JsonNode in : list(node.get("inputs"), "inputs", at)) {
            Input input = readInput(in, at);
            if (input != null) {
                b.input(input);
            }
        }
        for (JsonNode out : list(node.get("outputs"), "outputs", at)) {
            Output output = readOutput(out, at);
            if (output != null) {
                b.output(output);
            }
        }
        return b.build();
    }

    private static Input readInput(JsonNode node, BiConsumer<String, String> at) {
        if (!node.isObject()) {
            at.accept("inputs", "expected an object, got " + kind(node));
            return null;
        }
        String name = text(node.get("name"), "input", at, "name");
        if (name == null) {
            return null;
        }
        String what = "input " + quote(name);
        unknownFields(node, INPUT_FIELDS, what, at);
        List<InputSource> sources = new ArrayList<>();
        if (node.hasNonNull("valueFromParam")) {
            String p = text(node.get("valueFromParam"), what, at, "valueFromParam");
            if (p != null) {
                sources.add(InputSource.param(p));
            }
        }
        if (node.hasNonNull("valueFromMachine")) {
            String m = text(node.get("valueFromMachine"), what, at, "valueFromMachine");
            if (m != null) {
                sources.add(InputSource.machine(m));
            }
        }
        if (node.hasNonNull("valueFromStep")) {
            JsonNode ref = node.get("valueFromStep");
            if (!ref.isObject()) {
                at.accept(what, "valueFromStep: expected {name, output}, got " + kind(ref));
            } else {
                unknownFields(ref, Set.of("name", "output"), what + " valueFromStep", at);
                String step = text(ref.get("name"), what, at, "valueFromStep.name");
                String output = text(ref.get("output"), what, at, "valueFromStep.output");
                if (step != null && output != null) {
                    sources.add(InputSource.step(step, output));
                }
            }
        }
        int declared = (node.hasNonNull("valueFromParam") ? 1 : 0) + (node.hasNonNull("valueFromMachine") ? 1 : 0)
                + (node.hasNonNull("valueFromStep") ? 1 : 0);
        if (declared == 0) {
            at.accept(what, "has no source: set one of valueFromParam, valueFromMachine, valueFromStep");
            return null;
        }
        if (declared > 1) {
            at.accept(what, "has " + declared + " sources: set exactly one of valueFromParam, "
                    + "valueFromMachine, valueFromStep");
            return null;
        }
        if (sources.isEmpty()) {
            return null;
        }
        Input.Builder b = Input.builder(name, sources.get(0));
        JsonNode as = node.get("as");
        if (as != null && !as.isNull()) {
            if (!as.isObject()) {
                at.accept(what, "as: expected {env, path}, got " + kind(as));
            } else {
                unknownFields(as, Set.of("env", "path"), what + " as", at);
                if (as.hasNonNull("env")) {
                    String env = text(as.get("env"), what, at, "as.env");
                    if (env != null) {
                        b.env(env);
                    }
                }
                if (as.hasNonNull("path")) {
                    String path = text(as.get("path"), what, at, "as.path");
                    if (path != null) {
                        b.path(path);
                    }
                }
            }
        }
        return b.build();
    }

    private static Output readOutput(JsonNode node, BiConsumer<String, String> at) {
        if (!node.isObject()) {
            at.accept("outputs", "expected an object, got " + kind(node));
            return null;
        }
        String name = text(node.get("name"), "output", at, "name");
        if (name == null) {
            return null;
        }
        String what = "output " + quote(name);
        unknownFields(node, OUTPUT_FIELDS, what, at);
        String path = text(node.get("valueFromPath"), what, at, "valueFromPath");
        return path == null ? null : Output.of(name, path);
    }

    private static Iterable<JsonNode> list(JsonNode node, String field, BiConsumer<String, String> at) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            at.accept(field, "expected a list, got " + kind(node));
            return List.of();
        }
        return node;
    }

    private static void unknownFields(JsonNode node, Set<String> known, String where, BiConsumer<String, String> at) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                at.accept(where, "unknown field " + quote(f) + " (expected one of "
                        + known.stream().sorted().toList() + ")");
            }
        }
    }

    /** The string at {@code node}, or null after reporting that it is missing or not a string. */
    private static String text(JsonNode node, String where, BiConsumer<String, String> at, String field) {
        if (node == null || node.isNull()) {
            at.accept(where, field + " is missing");
            return null;
        }
        if (!node.isTextual()) {
            at.accept(where, field + ": expected a string, got " + kind(node));
            return null;
        }
        return node.asText();
    }

    private static String text(JsonNode node, String field, java.util.function.Consumer<String> report) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            report.accept(field + ": expected a string, got " + kind(node));
            return null;
        }
        return node.asText();
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
