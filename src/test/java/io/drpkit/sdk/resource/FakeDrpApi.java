package io.drpkit.sdk.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.internal.json.DrpJson;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Just the params of DRP objects, in memory, keyed {@code prefix/key/param}. */
final class FakeDrpApi implements DrpApi {
    final Map<String, JsonNode> params = new ConcurrentHashMap<>();

    @Override
    public Optional<JsonNode> param(String prefix, String key, String param, boolean aggregate) {
        return Optional.ofNullable(params.get(prefix + "/" + key + "/" + param)).map(JsonNode::deepCopy);
    }

    @Override
    public JsonNode setParam(String prefix, String key, String param, Object value) {
        JsonNode stored = DrpJson.toTree(value);
        params.put(prefix + "/" + key + "/" + param, stored);
        return stored.deepCopy();
    }

    @Override
    public void deleteParam(String prefix, String key, String param) {
        params.remove(prefix + "/" + key + "/" + param);
    }

    @Override
    public URI endpoint() {
        return URI.create("https://127.0.0.1:8092");
    }

    @Override
    public JsonNode info() {
        throw new UnsupportedOperationException();
    }

    @Override
    public JsonNode get(String path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<JsonNode> find(String path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<JsonNode> list(String prefix, Map<String, String> query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public JsonNode create(String prefix, Object object) {
        throw new UnsupportedOperationException();
    }

    @Override
    public JsonNode put(String path, Object object) {
        throw new UnsupportedOperationException();
    }

    @Override
    public JsonNode patch(String path, JsonNode jsonPatch) {
        throw new UnsupportedOperationException();
    }

    @Override
    public JsonNode delete(String path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void appendJobLog(String jobUuid, String text) {
        throw new UnsupportedOperationException("not used by the state store");
    }

    @Override
    public JsonNode update(String path, java.util.function.UnaryOperator<JsonNode> change) {
        throw new UnsupportedOperationException("not used by the state store");
    }
}
