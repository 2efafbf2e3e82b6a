package io.drpkit.provider;

import io.drpkit.sdk.UnsupportedDrpApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.model.DrpError;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of DRP the runbook actions use, in memory: objects by path ({@code runbooks/<id>}),
 * object params (aggregated reads fall back to {@link #globalParams}), job logs. Thread-safe.
 */
final class MemoryDrpApi extends UnsupportedDrpApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, JsonNode> objects = new ConcurrentHashMap<>();
    final Map<String, JsonNode> params = new ConcurrentHashMap<>();
    final Map<String, JsonNode> globalParams = new ConcurrentHashMap<>();
    final Map<String, StringBuffer> jobLogs = new ConcurrentHashMap<>();
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<String> jobLogAppends = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean jobLogFails;
    /** When set, {@link #find} throws it, as a DRP that cannot be reached. */
    volatile PluginException findFailure;
    /** When set, {@link #setParam} throws it. */
    volatile PluginException setParamFailure;

    @Override
    public URI endpoint() {
        return URI.create("https://127.0.0.1:8092");
    }

    @Override
    public JsonNode get(String path) {
        return find(path).orElseThrow(() -> new PluginException(DrpError.of(404, "API_ERROR", "Not Found")));
    }

    @Override
    public Optional<JsonNode> find(String path) {
        calls.add("GET " + path);
        if (findFailure != null) {
            throw findFailure;
        }
        return Optional.ofNullable(objects.get(path)).map(JsonNode::deepCopy);
    }

    @Override
    public List<JsonNode> list(String prefix, Map<String, String> query) {
        calls.add("LIST " + prefix);
        return objects.entrySet().stream().filter(e -> e.getKey().startsWith(prefix + "/"))
                .map(e -> (JsonNode) e.getValue().deepCopy()).toList();
    }

    @Override
    public Optional<JsonNode> param(String prefix, String key, String param, boolean aggregate) {
        calls.add("PARAM " + prefix + "/" + key + " " + param + (aggregate ? " aggregate" : ""));
        JsonNode v = params.get(prefix + "/" + key + "/" + param);
        if (v == null && aggregate) {
            v = globalParams.get(param);
        }
        return Optional.ofNullable(v).map(JsonNode::deepCopy);
    }

    @Override
    public JsonNode setParam(String prefix, String key, String param, Object value) {
        if (setParamFailure != null) {
            throw setParamFailure;
        }
        JsonNode stored = JSON.valueToTree(value);
        params.put(prefix + "/" + key + "/" + param, stored);
        return stored.deepCopy();
    }

    @Override
    public void deleteParam(String prefix, String key, String param) {
        params.remove(prefix + "/" + key + "/" + param);
    }

    @Override
    public void appendJobLog(String jobUuid, String text) {
        if (jobLogFails) {
            throw new PluginException(DrpError.of(502, "API_ERROR", "job log is down"));
        }
        jobLogs.computeIfAbsent(jobUuid, k -> new StringBuffer()).append(text);
        jobLogAppends.add(text);
    }

    Optional<JsonNode> machineParam(String uuid, String name) {
        return Optional.ofNullable(params.get("machines/" + uuid + "/" + name));
    }

    String jobLog(String job) {
        StringBuffer b = jobLogs.get(job);
        return b == null ? "" : b.toString();
    }
}
