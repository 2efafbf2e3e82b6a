package io.drpkit.provider;

import io.drpkit.sdk.UnsupportedDrpApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.model.DrpError;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Machines and their params in memory, answering like {@code HttpDrpApi} does against DRP: a
 * param write to a missing machine or a refused param is a {@link PluginException} with DRP's
 * error; reading or deleting a param of a missing machine finds nothing. Thread-safe.
 */
final class MemoryMachinesApi extends UnsupportedDrpApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, ObjectNode> machines = new LinkedHashMap<>();
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();

    synchronized ObjectNode createMachine(String name) {
        String uuid = UUID.randomUUID().toString();
        ObjectNode m = JSON.createObjectNode().put("Uuid", uuid).put("Name", name);
        m.putObject("Params");
        machines.put(uuid, m);
        return m.deepCopy();
    }

    /** The machine as DRP would send it now (a copy); as the delete event's object after deleteMachine. */
    synchronized ObjectNode machineJson(String uuid) {
        return machines.get(uuid).deepCopy();
    }

    synchronized ObjectNode deleteMachine(String uuid) {
        return machines.remove(uuid);
    }

    /** From now on, writes of {@code param} answer {@code code}, as a host refusing the value. */
    void refuseWrites(String param, int code) {
        refused.put(param, code);
    }

    @Override
    public synchronized Optional<JsonNode> param(String prefix, String key, String param, boolean aggregate) {
        ObjectNode m = machines.get(key);
        JsonNode v = m == null ? null : m.path("Params").get(param);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.deepCopy());
    }

    @Override
    public synchronized JsonNode setParam(String prefix, String key, String param, Object value) {
        Integer code = refused.get(param);
        if (code != null) {
            throw new PluginException(DrpError.builder(code, "ValidationError").model(prefix).key(key)
                    .message("param " + param + " refused").build());
        }
        ObjectNode m = machines.get(key);
        if (m == null) {
            throw new PluginException(DrpError.builder(404, "POST").model(prefix).key(key)
                    .message("Not Found").build());
        }
        JsonNode v = JSON.valueToTree(value);
        ((ObjectNode) m.get("Params")).set(param, v);
        return v.deepCopy();
    }

    @Override
    public synchronized void deleteParam(String prefix, String key, String param) {
        ObjectNode m = machines.get(key);
        if (m != null) {
            ((ObjectNode) m.get("Params")).remove(param);
        }
    }

    @Override
    public synchronized List<JsonNode> list(String prefix, Map<String, String> query) {
        return machines.values().stream().map(m -> (JsonNode) m.deepCopy()).toList();
    }

    @Override
    public URI endpoint() {
        return URI.create("https://127.0.0.1:8092");
    }

}
