package io.drpkit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Test base for in-memory {@link DrpApi}s: every call fails, naming the method, so a fake models
 * only what its tests use and an unexpected call is loud.
 */
public abstract class UnsupportedDrpApi implements DrpApi {
    private static UnsupportedOperationException unsupported(String method) {
        return new UnsupportedOperationException(method + " is not modelled by this test's DRP");
    }

    @Override
    public URI endpoint() {
        throw unsupported("endpoint");
    }

    @Override
    public JsonNode info() {
        throw unsupported("info");
    }

    @Override
    public JsonNode get(String path) {
        throw unsupported("get");
    }

    @Override
    public Optional<JsonNode> find(String path) {
        throw unsupported("find");
    }

    @Override
    public List<JsonNode> list(String prefix, Map<String, String> query) {
        throw unsupported("list");
    }

    @Override
    public JsonNode create(String prefix, Object object) {
        throw unsupported("create");
    }

    @Override
    public JsonNode put(String path, Object object) {
        throw unsupported("put");
    }

    @Override
    public JsonNode patch(String path, JsonNode jsonPatch) {
        throw unsupported("patch");
    }

    @Override
    public JsonNode delete(String path) {
        throw unsupported("delete");
    }

    @Override
    public Optional<JsonNode> param(String prefix, String key, String param, boolean aggregate) {
        throw unsupported("param");
    }

    @Override
    public JsonNode setParam(String prefix, String key, String param, Object value) {
        throw unsupported("setParam");
    }

    @Override
    public void deleteParam(String prefix, String key, String param) {
        throw unsupported("deleteParam");
    }

    @Override
    public void appendJobLog(String jobUuid, String text) {
        throw unsupported("appendJobLog");
    }

    @Override
    public JsonNode update(String path, UnaryOperator<JsonNode> change) {
        throw unsupported("update");
    }
}
