package io.drpkit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A session on DRP's REST API (spec §2.2): {@code RS_ENDPOINT/api/v3}, authenticated with
 * {@code Authorization: Bearer RS_TOKEN}. Paths are relative to {@code /api/v3}
 * (e.g. {@code machines/<uuid>}). Every call has a timeout and retries transport failures for
 * a bounded time; a DRP error answer throws {@link PluginException} carrying DRP's
 * {@code Error} body. Thread-safe.
 *
 * @since 0.1
 */
public interface DrpApi {
    /** The endpoint this session talks to, e.g. {@code https://127.0.0.1:8092}. */
    URI endpoint();

    /** {@code GET /api/v3/info}. */
    JsonNode info();

    /** {@code GET path}. */
    JsonNode get(String path);

    /** {@code GET path}, empty on 404. */
    Optional<JsonNode> find(String path);

    /** {@code GET prefix?query} as a list of objects. */
    List<JsonNode> list(String prefix, Map<String, String> query);

    /** {@code POST prefix} with {@code object}; returns the created object. */
    JsonNode create(String prefix, Object object);

    /** {@code PUT path} with {@code object}; returns the stored object. */
    JsonNode put(String path, Object object);

    /** {@code PATCH path} with an RFC 6902 JSON Patch; returns the patched object. */
    JsonNode patch(String path, JsonNode jsonPatch);

    /** {@code DELETE path}; returns the deleted object. */
    JsonNode delete(String path);

    /** One param of an object ({@code prefix/key/params/param}), empty when unset. */
    Optional<JsonNode> param(String prefix, String key, String param, boolean aggregate);

    /** Sets one param of an object; returns the value stored. */
    JsonNode setParam(String prefix, String key, String param, Object value);

    /** Removes one param of an object; absent params are not an error. */
    void deleteParam(String prefix, String key, String param);
}
