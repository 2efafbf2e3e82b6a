package io.drpkit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.api.SecureParams;
import io.drpkit.sdk.internal.api.Waits;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.DrpObject;
import io.drpkit.sdk.model.Job;
import io.drpkit.sdk.model.Machine;
import io.drpkit.sdk.model.Param;
import io.drpkit.sdk.model.Profile;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
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

    /**
     * {@code GET path?query}, empty on 404. Sessions that cannot send a query string support
     * only an empty {@code query}.
     *
     * @throws UnsupportedOperationException for a non-empty query on such a session
     * @since 0.2
     */
    default Optional<JsonNode> find(String path, Map<String, String> query) {
        Objects.requireNonNull(query, "query == null");
        if (!query.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot send the query " + query.keySet());
        }
        return find(path);
    }

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

    // ------------------------------------------------------------------ typed objects (0.2)

    /**
     * {@code GET <prefix>/<key>} as a typed view, e.g. {@code read(Machine.class, uuid)}.
     *
     * @throws PluginException 404 (DRP's {@code Error}) when it does not exist
     * @since 0.2
     */
    default <T extends DrpObject> T read(Class<T> type, String key) {
        return DrpObject.of(type, get(DrpObject.prefixOf(type) + "/" + segment(key)));
    }

    /** {@code GET <prefix>/<key>} as a typed view, empty on 404. @since 0.2 */
    default <T extends DrpObject> Optional<T> find(Class<T> type, String key) {
        return find(DrpObject.prefixOf(type) + "/" + segment(key)).map(o -> DrpObject.of(type, o));
    }

    /**
     * {@code GET <prefix>?<query>} as typed views, in DRP's order, e.g.
     * {@code list(Machine.class, ListQuery.builder().eq("Stage", "complete").build())}.
     *
     * @since 0.2
     */
    default <T extends DrpObject> List<T> list(Class<T> type, ListQuery query) {
        Objects.requireNonNull(query, "query == null");
        return list(DrpObject.prefixOf(type), query.parameters()).stream().map(o -> DrpObject.of(type, o)).toList();
    }

    /** {@code GET machines/<uuid>}. @throws PluginException 404 when absent. @since 0.2 */
    default Machine machine(String uuid) {
        return read(Machine.class, uuid);
    }

    /** {@code GET jobs/<uuid>}. @throws PluginException 404 when absent. @since 0.2 */
    default Job job(String uuid) {
        return read(Job.class, uuid);
    }

    /** {@code GET profiles/<name>}. @throws PluginException 404 when absent. @since 0.2 */
    default Profile profile(String name) {
        return read(Profile.class, name);
    }

    /** {@code GET params/<name>}: the Param object (schema, {@code Secure}), empty when not defined. @since 0.2 */
    default Optional<Param> paramDefinition(String name) {
        Objects.requireNonNull(name, "name == null");
        return find("params/" + name).map(Param::of);
    }

    /** {@code POST <prefix>} with the object; returns what DRP stored (key filled in). @since 0.2 */
    default <T extends DrpObject> T create(T object) {
        Objects.requireNonNull(object, "object == null");
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) object.getClass();
        return DrpObject.of(type, create(object.prefix(), object.json()));
    }

    /**
     * {@code PUT <prefix>/<key>} with the whole object (every member it carries, unknown ones
     * included); returns what DRP stored. Prefer {@link #update(DrpObject, UnaryOperator)} when
     * others may change the object concurrently.
     *
     * @since 0.2
     */
    default <T extends DrpObject> T save(T object) {
        Objects.requireNonNull(object, "object == null");
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) object.getClass();
        return DrpObject.of(type, put(object.prefix() + "/" + segment(object.key()), object.json()));
    }

    /**
     * Typed {@link #update(String, UnaryOperator)}: reads the object afresh, applies {@code change}
     * to the typed view and sends only the difference as a guarded JSON Patch, so members
     * {@code change} did not touch — including ones DRP added that this SDK does not know — are
     * left as they are. May run {@code change} more than once (on 409).
     *
     * <pre>{@code
     * Machine m = api.update(machine, m -> m.withStage("discover").withRunnable(true));
     * }</pre>
     *
     * @since 0.2
     */
    default <T extends DrpObject> T update(T object, UnaryOperator<T> change) {
        Objects.requireNonNull(object, "object == null");
        Objects.requireNonNull(change, "change == null");
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) object.getClass();
        JsonNode updated = update(object.prefix() + "/" + segment(object.key()),
                json -> Objects.requireNonNull(change.apply(DrpObject.of(type, json)), "change returned null").json());
        return DrpObject.of(type, updated);
    }

    /**
     * Waits until {@code condition} holds for the current state of {@code object} (the Go
     * client's {@code EventStream.WaitFor}). In order: subscribes to the object's events
     * ({@code <prefix>.*.<key>}), reads the object and checks it, then checks the object each
     * event carries until one satisfies {@code condition}, which is then returned. The condition
     * runs on an SDK thread and must not block.
     *
     * <p>This default has no event stream: it reads the object every 250 ms. Sessions made by
     * the SDK use DRP's websocket instead.
     *
     * @throws PluginException 408 {@code WaitTimeout} naming the object and the timeout when the
     *     condition did not hold in time; 404 when the object does not exist or is deleted while
     *     waiting; whatever the reads throw
     * @since 0.2
     */
    default <T extends DrpObject> T waitFor(T object, Predicate<? super T> condition, Duration timeout) {
        return Waits.polling(this, object, condition, timeout, Duration.ofMillis(250));
    }

    // ------------------------------------------------------------------ params, decoded and secure (0.2)

    /**
     * One param with secure values decrypted: {@code GET <prefix>/<key>/params/<param>?decode=true}
     * (plus {@code &aggregate=true}: the first of the object, its profiles, {@code global} that
     * has it). DRP decrypts only for a token with the {@code getSecure} claim: without it DRP
     * answers 403, thrown as a {@link PluginException} (Code 403) whose first message names the
     * read and the missing claim. Empty when unset. A plain param reads as with {@link #param}.
     * Sessions made by the SDK remember the value as a secret: it is masked in every log line,
     * job-log line and error the provider process writes from then on.
     *
     * @since 0.2
     */
    default Optional<JsonNode> decodedParam(String prefix, String key, String param, boolean aggregate) {
        Objects.requireNonNull(prefix, "prefix == null");
        Objects.requireNonNull(param, "param == null");
        Map<String, String> query = new LinkedHashMap<>();
        if (aggregate) {
            query.put("aggregate", "true");
        }
        query.put("decode", "true");
        String path = prefix + "/" + segment(key) + "/params/" + param;
        try {
            return find(path, query).filter(v -> !v.isNull() && !v.isMissingNode());
        } catch (PluginException e) {
            throw SecureParams.decodeFailure(e, path);
        }
    }

    /**
     * All params of an object: {@code GET <prefix>/<key>/params} with {@code aggregate} (its
     * profiles' and {@code global}'s too, the object's own winning) and {@code decode} (secure
     * values decrypted, needs the {@code getSecure} claim). Without {@code decode}, secure values
     * are DRP's {@code SecureData} objects ({@code Key}, {@code Nonce}, {@code Payload}). With
     * {@code decode}, sessions made by the SDK also read the params without it, once, to learn which
     * values are secure, and remember those as secrets (masked in every line the process writes).
     *
     * @throws PluginException 404 when the object does not exist; 403 naming the missing
     *     {@code getSecure} claim when DRP refuses to decode
     * @since 0.2
     */
    default Map<String, JsonNode> params(String prefix, String key, boolean aggregate, boolean decode) {
        Objects.requireNonNull(prefix, "prefix == null");
        Map<String, String> query = new LinkedHashMap<>();
        if (aggregate) {
            query.put("aggregate", "true");
        }
        if (decode) {
            query.put("decode", "true");
        }
        String path = prefix + "/" + segment(key) + "/params";
        Optional<JsonNode> found;
        try {
            found = find(path, query);
        } catch (PluginException e) {
            throw decode ? SecureParams.decodeFailure(e, path) : e;
        }
        JsonNode all = found.orElseThrow(() -> new PluginException(
                io.drpkit.sdk.model.DrpError.builder(404, "GET").model(prefix).key(key).message("Not Found").build()));
        Map<String, JsonNode> out = new LinkedHashMap<>();
        all.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * Sets a secure param the way DRP's own clients do: reads the object's public key
     * ({@code GET <prefix>/<key>/pubkey}), seals the JSON of {@code value} for it with NaCl's box
     * (curve25519, xsalsa20, poly1305; a fresh ephemeral key pair and nonce per call) and sends the
     * resulting {@code SecureData} ({@code POST <prefix>/<key>/params/<param>}), so the value never
     * leaves this process in the clear. Neither the value nor the sealed form is logged, and
     * failures never name the value; sessions made by the SDK remember the value as a secret
     * (masked in every line the process writes).
     *
     * @throws PluginException DRP's error (404 for a missing object ...), or 502 when the public
     *     key is not 32 bytes of base64
     * @since 0.2
     */
    default void setSecureParam(String prefix, String key, String param, Object value) {
        Objects.requireNonNull(prefix, "prefix == null");
        Objects.requireNonNull(param, "param == null");
        Objects.requireNonNull(value, "value == null (to remove a param use deleteParam)");
        String object = prefix + "/" + segment(key);
        JsonNode pubkey = get(object + "/pubkey");
        setParam(prefix, key, param, SecureParams.seal(object, pubkey, DrpJson.writeBytes(value)));
    }

    private static String segment(String key) {
        Objects.requireNonNull(key, "key == null");
        if (key.isEmpty() || key.contains("/")) {
            throw new IllegalArgumentException("key must be one non-empty path segment, got '" + key + "'");
        }
        return key;
    }
}
