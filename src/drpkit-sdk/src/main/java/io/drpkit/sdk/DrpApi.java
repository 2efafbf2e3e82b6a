package io.drpkit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.json.DrpJson;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A session on DRP's REST API (spec §2.2): {@code RS_ENDPOINT/api/v3}, authenticated with
 * {@code Authorization: Bearer RS_TOKEN}. Paths are relative to {@code /api/v3}
 * (e.g. {@code machines/<uuid>}). Every call has a timeout and retries transport failures for
 * a bounded time; a DRP error answer throws {@link PluginException} carrying DRP's
 * {@code Error} body. Thread-safe.
 *
 * <p>Path arguments are plain text, not URL-encoded: each character that is not allowed in a
 * URL path is percent-encoded by the session, while {@code /} stays a separator (DRP routes
 * {@code params/*key}, so the param {@code incrementer/step} is written
 * {@code .../params/incrementer/step}, as the Go client does). Segments {@code .} and
 * {@code ..} are refused with {@link IllegalArgumentException}.
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

    /**
     * Appends {@code text} (UTF-8) to a job's log: {@code PUT jobs/<uuid>/log} with an
     * {@code application/octet-stream} body (spec §5.11), as the DRP agent streams task output.
     * Nothing is added; include a trailing newline if lines should stay separate.
     *
     * @since 0.1
     */
    void appendJobLog(String jobUuid, String text);

    /**
     * Read-modify-write of one object. In order: {@code GET path}; {@code change} is applied to a
     * copy of the answer; the difference is sent as an RFC 6902 patch ({@code PATCH path}) that
     * starts each replaced or removed value with a {@code test} of its old value, so DRP refuses
     * the patch if someone changed those members in between; the patched object is returned.
     * When {@code change} changes nothing, no patch is sent and the current object is returned.
     * When DRP refuses the patch with 409 Conflict the whole sequence is repeated a few times,
     * so {@code change} may run more than once and must have no side effects.
     *
     * @param change receives a private copy it may modify; returns the wanted object (the same
     *               node or a new one), never null
     * @since 0.1
     */
    JsonNode update(String path, UnaryOperator<JsonNode> change);

    /**
     * {@link #list(String, Map) list(prefix, {})} with each object bound to {@code type} through
     * the wire mapping (DRP member names, case-insensitive, unknown members ignored): a typed view
     * of a provider's {@code StoreObjects} type, or of any DRP object type.
     *
     * @throws IllegalArgumentException if an object does not bind to {@code type}
     * @since 0.1
     */
    default <T> List<T> objects(String prefix, Class<T> type) {
        Objects.requireNonNull(type, "type == null");
        return list(prefix, Map.of()).stream().map(o -> DrpJson.convert(o, type)).toList();
    }
}
