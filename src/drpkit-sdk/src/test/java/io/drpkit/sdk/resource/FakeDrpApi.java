package io.drpkit.sdk.resource;

import io.drpkit.sdk.UnsupportedDrpApi;
import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.json.DrpJson;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Just the params of DRP objects, in memory, keyed {@code prefix/key/param}. */
final class FakeDrpApi extends UnsupportedDrpApi {
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

}
