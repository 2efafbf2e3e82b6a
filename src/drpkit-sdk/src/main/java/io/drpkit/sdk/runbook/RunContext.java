package io.drpkit.sdk.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.drpkit.sdk.ProviderEnvironment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run reads besides the runbook: the action's params, the target machine, the stored
 * outputs of an earlier {@code create} run (for {@code delete}), and the DRP endpoint, file
 * server and token to hand to steps. Immutable (JSON is copied in and out) and thread-safe.
 *
 * <pre>{@code
 * RunContext ctx = RunContext.builder()
 *     .params(request.params())            // action params, JSON values
 *     .machine(machineJson)                // the machine object, with Uuid, Name, Params ...
 *     .storedOutputs(previous.outputs())   // for delete: create step -> output -> value
 *     .environment(providerEnvironment)    // RS_ENDPOINT, RS_FILESERVER, RS_TOKEN
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class RunContext {
    private final Map<String, JsonNode> params;
    private final ObjectNode machine;
    private final Map<String, Map<String, String>> storedOutputs;
    private final Optional<String> endpoint;
    private final Optional<String> fileServer;
    private final Optional<String> token;

    private RunContext(Builder b) {
        Map<String, JsonNode> p = new LinkedHashMap<>();
        b.params.forEach((k, v) -> p.put(k, v.deepCopy()));
        this.params = Collections.unmodifiableMap(p);
        this.machine = b.machine.deepCopy();
        Map<String, Map<String, String>> stored = new LinkedHashMap<>();
        b.storedOutputs.forEach((k, v) -> stored.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.storedOutputs = Collections.unmodifiableMap(stored);
        this.endpoint = Optional.ofNullable(b.endpoint);
        this.fileServer = Optional.ofNullable(b.fileServer);
        this.token = Optional.ofNullable(b.token);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A context with nothing in it: no params, an empty machine, no stored outputs, no endpoint. */
    public static RunContext empty() {
        return builder().build();
    }

    /** The action's params (copies). */
    public Map<String, JsonNode> params() {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, v.deepCopy()));
        return copy;
    }

    /** The target machine's JSON object (a copy); empty when there is none. */
    public ObjectNode machine() {
        return machine.deepCopy();
    }

    /** Stored create outputs: step name -> output name -> value. */
    public Map<String, Map<String, String>> storedOutputs() {
        return storedOutputs;
    }

    /** Given to every step as {@code RS_ENDPOINT}. */
    public Optional<String> endpoint() {
        return endpoint;
    }

    /** Given to every step as {@code RS_FILESERVER}. */
    public Optional<String> fileServer() {
        return fileServer;
    }

    /** Given as {@code RS_TOKEN} only to steps with {@code needsToken: true}. */
    public Optional<String> token() {
        return token;
    }

    /** The param {@code name}: the action's, else the machine's {@code Params}; JSON null counts as unset. */
    Optional<String> param(String name) {
        JsonNode v = params.get(name);
        if (v == null || v.isNull()) {
            v = machine.path("Params").get(name);
        }
        return text(v);
    }

    /** The machine's top-level member {@code field}; JSON null counts as unset. */
    Optional<String> machineField(String field) {
        return text(machine.get(field));
    }

    Optional<String> storedOutput(String step, String output) {
        return Optional.ofNullable(storedOutputs.getOrDefault(step, Map.of()).get(output));
    }

    private static Optional<String> text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(v.isValueNode() ? v.asText() : v.toString());
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "RunContext{params=" + params.keySet() + ", machine=" + machine.path("Uuid").asText("-")
                + ", storedOutputs=" + storedOutputs.keySet() + ", endpoint=" + endpoint.orElse("-")
                + ", token=" + (token.isPresent() ? "<set>" : "-") + "}";
    }

    /** Builds a {@link RunContext}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, JsonNode> params = new LinkedHashMap<>();
        private ObjectNode machine = JsonNodeFactory.instance.objectNode();
        private final Map<String, Map<String, String>> storedOutputs = new LinkedHashMap<>();
        private String endpoint;
        private String fileServer;
        private String token;

        private Builder() {
        }

        /** Adds the action params (JSON values; strings are passed to steps as they are). */
        public Builder params(Map<String, ? extends JsonNode> params) {
            Objects.requireNonNull(params, "params == null").forEach(this::param);
            return this;
        }

        public Builder param(String name, JsonNode value) {
            params.put(Objects.requireNonNull(name, "name == null"),
                    Objects.requireNonNull(value, "value == null").deepCopy());
            return this;
        }

        public Builder param(String name, String value) {
            return param(name, TextNode.valueOf(Objects.requireNonNull(value, "value == null")));
        }

        /** The target machine: a JSON object with DRP's members ({@code Uuid}, {@code Name}, {@code Params}, ...). */
        public Builder machine(JsonNode machine) {
            Objects.requireNonNull(machine, "machine == null");
            if (!machine.isObject()) {
                throw new IllegalArgumentException("machine must be a JSON object, got " + machine.getNodeType());
            }
            this.machine = (ObjectNode) machine.deepCopy();
            return this;
        }

        /** Adds stored create outputs, as returned by {@link RunResult#outputs()} of the create run. */
        public Builder storedOutputs(Map<String, ? extends Map<String, String>> outputs) {
            Objects.requireNonNull(outputs, "outputs == null").forEach((step, values) ->
                    values.forEach((name, value) -> storedOutput(step, name, value)));
            return this;
        }

        public Builder storedOutput(String step, String output, String value) {
            Objects.requireNonNull(step, "step == null");
            Objects.requireNonNull(output, "output == null");
            Objects.requireNonNull(value, "value == null");
            storedOutputs.computeIfAbsent(step, k -> new LinkedHashMap<>()).put(output, value);
            return this;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
            return this;
        }

        public Builder fileServer(String fileServer) {
            this.fileServer = Objects.requireNonNull(fileServer, "fileServer == null");
            return this;
        }

        public Builder token(String token) {
            this.token = Objects.requireNonNull(token, "token == null");
            return this;
        }

        /** Endpoint, file server and token from the provider's {@code RS_*} environment. */
        public Builder environment(ProviderEnvironment environment) {
            Objects.requireNonNull(environment, "environment == null");
            endpoint(environment.endpoint());
            environment.fileServer().ifPresent(this::fileServer);
            environment.token().ifPresent(this::token);
            return this;
        }

        public RunContext build() {
            return new RunContext(this);
        }
    }
}
