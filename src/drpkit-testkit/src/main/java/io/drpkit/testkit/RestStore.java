package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.InvalidJsonPatchException;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import io.drpkit.sdk.model.Event;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The fake API's objects: one map per {@link ObjectType}, in insertion order, plus job logs.
 *
 * <p>Every change goes out as a {@code models.Event} (create, save for PUT, update for PATCH and
 * param changes, delete) through the event sink, <em>while the store lock is held</em>, so events
 * leave in the order the changes were made; the sink must not block. Objects are copied in and
 * out. Thread-safe (one lock).
 */
final class RestStore {
    /** Query parameters of DRP's list API that are not member filters. */
    private static final Set<String> LIST_OPTIONS = Set.of("aggregate", "slim", "decode", "params",
            "offset", "limit", "sort", "reverse", "expand", "commented", "reduced");

    private final Map<String, ObjectType> types = new LinkedHashMap<>();
    private final Map<String, Map<String, ObjectNode>> objects = new LinkedHashMap<>();
    private final Map<String, ByteArrayOutputStream> jobLogs = new LinkedHashMap<>();
    private final SecureParamKeys secure = new SecureParamKeys();
    private final Consumer<Event> events;
    private final String principal;

    RestStore(Consumer<Event> events, String principal) {
        this.events = Objects.requireNonNull(events, "events == null");
        this.principal = Objects.requireNonNull(principal, "principal == null");
        for (ObjectType t : List.of(ObjectType.machines(), ObjectType.jobs(), ObjectType.plugins(),
                ObjectType.profiles(), ObjectType.params(), ObjectType.tasks(), ObjectType.stages(),
                ObjectType.workflows(), ObjectType.subnets(), ObjectType.reservations())) {
            register(t);
        }
        ObjectNode global = JsonNodeFactory.instance.objectNode().put("Name", "global")
                .put("Description", "Global profile attached automatically to all machines.");
        objects.get("profiles").put("global", ObjectType.profiles().fill(global));
    }

    synchronized void register(ObjectType type) {
        types.putIfAbsent(type.prefix(), type);
        objects.putIfAbsent(type.prefix(), new LinkedHashMap<>());
    }

    synchronized boolean knows(String prefix) {
        return types.containsKey(prefix);
    }

    /** Whether {@code prefix} is a provider's {@code StoreObjects} type (RawModel objects). */
    synchronized boolean isStoreObjects(String prefix) {
        ObjectType t = types.get(prefix);
        return t != null && t.isStoreObjects();
    }

    /**
     * {@code GET /<prefix>}: index filters ({@link ListFilter}), then {@code sort} (by an index;
     * default: creation order) and {@code reverse}, then {@code offset} and {@code limit};
     * {@code decode=true} decrypts secure params.
     */
    synchronized ArrayNode list(String prefix, Map<String, String> query) {
        table("GET", prefix, "");
        int offset = intOption(query, "offset", 0);
        int limit = intOption(query, "limit", Integer.MAX_VALUE);
        List<ListFilter> filters = new ArrayList<>();
        for (Map.Entry<String, String> q : query.entrySet()) {
            if (!LIST_OPTIONS.contains(q.getKey())) {
                filters.add(ListFilter.parse(prefix, q));
            }
        }
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode o : objects.get(prefix).values()) {
            if (filters.stream().allMatch(f -> f.matches(o))) {
                matching.add(o);
            }
        }
        String sort = query.get("sort");
        if (sort != null) {
            matching.sort((a, b) -> ListFilter.compare(a.path(sort).asText(""), b.path(sort).asText("")));
        }
        if ("true".equals(query.get("reverse"))) {
            java.util.Collections.reverse(matching);
        }
        boolean decode = "true".equals(query.get("decode"));
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int i = offset; i < matching.size() && out.size() < limit; i++) {
            out.add(decode ? decodedObject(prefix, matching.get(i)) : matching.get(i).deepCopy());
        }
        return out;
    }

    /** {@code GET /<prefix>/<key>/pubkey}: the object's curve25519 public key, base64. */
    synchronized String publicKey(String prefix, String key) {
        existingWithParams("GET", prefix, key);
        return secure.publicKeyBase64(prefix, key);
    }

    /** {@code GET /<prefix>/<key>?decode=true}: secure params decrypted. */
    synchronized ObjectNode get(String prefix, String key, boolean decode) {
        ObjectNode o = existing("GET", prefix, key);
        return decode ? decodedObject(prefix, o) : o.deepCopy();
    }

    synchronized ObjectNode get(String prefix, String key) {
        return existing("GET", prefix, key).deepCopy();
    }

    /** {@code POST /<prefix>}: fills the object, assigns a UUID key where DRP would. */
    synchronized ObjectNode create(String prefix, JsonNode body) {
        ObjectType type = typeOf("CREATE", prefix, "");
        ObjectNode object = objectBody("CREATE", prefix, "", body);
        String key = type.keyOf(object);
        if (key.isEmpty() && type.generatesKey()) {
            key = UUID.randomUUID().toString();
            object.put(type.keyMember(), key);
        }
        ObjectNode filled = sealSecureParams(type, key, validated("CREATE", type, key, object));
        if (objects.get(prefix).containsKey(key)) {
            throw ApiException.of(409, "CREATE", prefix, key, "already exists");
        }
        objects.get(prefix).put(key, filled);
        emit(prefix, "create", key, filled, null);
        return filled.deepCopy();
    }

    /** {@code PUT /<prefix>/<key>}: replaces the whole object. */
    synchronized ObjectNode replace(String prefix, String key, JsonNode body) {
        ObjectType type = typeOf("PUT", prefix, key);
        ObjectNode old = existing("PUT", prefix, key);
        ObjectNode object = objectBody("PUT", prefix, key, body);
        if (type.keyOf(object).isEmpty()) {
            object.put(type.keyMember(), key);
        }
        return store("PUT", "save", type, key, old, object);
    }

    /** {@code PATCH /<prefix>/<key>}: RFC 6902; a failing {@code test} op is a 409. */
    synchronized ObjectNode patch(String prefix, String key, JsonNode patch) {
        ObjectType type = typeOf("PATCH", prefix, key);
        ObjectNode old = existing("PATCH", prefix, key);
        JsonNode patched;
        try {
            JsonPatch.validate(patch);
            patched = JsonPatch.apply(patch, old);
        } catch (InvalidJsonPatchException e) {
            throw ApiException.of(400, "PATCH", prefix, key, "Invalid JSON patch: " + e.getMessage());
        } catch (JsonPatchApplicationException e) {
            throw ApiException.of(409, "PATCH", prefix, key, "Patch error: " + e.getMessage());
        }
        if (!patched.isObject()) {
            throw ApiException.of(422, "PATCH", prefix, key, "patch result is not an object");
        }
        return store("PATCH", "update", type, key, old, (ObjectNode) patched);
    }

    synchronized ObjectNode delete(String prefix, String key) {
        ObjectNode old = existing("DELETE", prefix, key);
        objects.get(prefix).remove(key);
        jobLogs.remove(key);
        secure.forget(prefix, key);
        emit(prefix, "delete", key, old, null);
        return old.deepCopy();
    }

    /** All params of an object; with {@code aggregate}, also those of its profiles and global. */
    synchronized ObjectNode params(String prefix, String key, boolean aggregate) {
        return params(prefix, key, aggregate, false);
    }

    /** All params; {@code aggregate} adds the profiles' and global's, {@code decode} decrypts secure ones. */
    synchronized ObjectNode params(String prefix, String key, boolean aggregate, boolean decode) {
        List<Layer> layers = aggregate ? layers(prefix, key)
                : List.of(new Layer(prefix, key, paramsOf("GET", prefix, key)));
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            l.params().fields().forEachRemaining(e -> merged.set(e.getKey(),
                    decode ? decoded(l, e.getKey(), e.getValue()) : e.getValue().deepCopy()));
        }
        return merged;
    }

    /** One param: its value, JSON null when unset (aggregated: first layer that has it). */
    synchronized JsonNode param(String prefix, String key, String name, boolean aggregate) {
        return param(prefix, key, name, aggregate, false);
    }

    /** One param, {@code decode}: a secure value decrypted (DRP's {@code ?decode=true}). */
    synchronized JsonNode param(String prefix, String key, String name, boolean aggregate, boolean decode) {
        List<Layer> layers = aggregate ? layers(prefix, key)
                : List.of(new Layer(prefix, key, paramsOf("GET", prefix, key)));
        for (Layer l : layers) {
            if (l.params().has(name)) {
                JsonNode v = l.params().get(name);
                return decode ? decoded(l, name, v) : v.deepCopy();
            }
        }
        return NullNode.getInstance();
    }

    /** Whether param {@code name} is defined ({@code params/<name>}) with {@code Secure: true}. */
    synchronized boolean isSecure(String name) {
        ObjectNode p = objects.get("params").get(name);
        return p != null && p.path("Secure").asBoolean(false);
    }

    private JsonNode decoded(Layer l, String name, JsonNode value) {
        if (!isSecure(name)) {
            return value.deepCopy();
        }
        return secure.decoded(l.prefix(), l.key(), value).orElseThrow(() -> ApiException.of(500, "GET", l.prefix(), l.key(),
                "param " + name + ": SecureData corrupted"));
    }

    private ObjectNode decodedObject(String prefix, ObjectNode o) {
        ObjectNode copy = o.deepCopy();
        JsonNode params = copy.get("Params");
        if (params instanceof ObjectNode p) {
            Layer l = new Layer(prefix, types.get(prefix).keyOf(o), p);
            List<String> names = new ArrayList<>();
            p.fieldNames().forEachRemaining(names::add);
            names.forEach(n -> p.set(n, decoded(l, n, p.get(n))));
        }
        return copy;
    }

    /** Secure params as DRP stores them: sealed for the object's key unless already SecureData. */
    private ObjectNode sealSecureParams(ObjectType type, String key, ObjectNode filled) {
        JsonNode params = filled.get("Params");
        if (type.hasParams() && params instanceof ObjectNode p) {
            List<String> names = new ArrayList<>();
            p.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (isSecure(n)) {
                    p.set(n, secure.stored(type.prefix(), key, p.get(n)));
                }
            }
        }
        return filled;
    }

    /** One layer of an aggregated read: whose params they are. */
    private record Layer(String prefix, String key, ObjectNode params) {
    }

    /** Sets one param; returns the value stored. */
    synchronized JsonNode setParam(String prefix, String key, String name, JsonNode value) {
        ObjectNode old = existingWithParams("POST", prefix, key);
        ObjectNode changed = old.deepCopy();
        ((ObjectNode) changed.get("Params")).set(name, value.deepCopy());
        ObjectNode stored = store("POST", "update", types.get(prefix), key, old, changed);
        return stored.get("Params").get(name).deepCopy();
    }

    /** Removes one param; returns its old value (JSON null if it was unset). */
    synchronized JsonNode deleteParam(String prefix, String key, String name) {
        ObjectNode old = existingWithParams("DELETE", prefix, key);
        JsonNode was = old.get("Params").get(name);
        if (was == null) {
            return NullNode.getInstance();
        }
        ObjectNode changed = old.deepCopy();
        ((ObjectNode) changed.get("Params")).remove(name);
        store("DELETE", "update", types.get(prefix), key, old, changed);
        return was.deepCopy();
    }

    /** Replaces all params of an object; returns them. */
    synchronized ObjectNode replaceParams(String prefix, String key, JsonNode params) {
        ObjectNode old = existingWithParams("POST", prefix, key);
        if (!params.isObject()) {
            throw ApiException.of(400, "POST", prefix, key, "params must be a JSON object");
        }
        ObjectNode changed = old.deepCopy();
        changed.set("Params", params.deepCopy());
        return (ObjectNode) store("POST", "update", types.get(prefix), key, old, changed).get("Params").deepCopy();
    }

    synchronized void appendJobLog(String uuid, byte[] bytes) {
        existing("PUT", "jobs", uuid);
        jobLogs.computeIfAbsent(uuid, k -> new ByteArrayOutputStream()).writeBytes(bytes);
        notifyAll();
    }

    /** Waits (on this store's monitor, woken by every append) until the job's log satisfies {@code done}. */
    synchronized boolean awaitJobLog(String uuid, java.util.function.Predicate<String> done, long timeoutNanos)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!done.test(new String(jobLog(uuid), java.nio.charset.StandardCharsets.UTF_8))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    synchronized byte[] jobLog(String uuid) {
        existing("GET", "jobs", uuid);
        ByteArrayOutputStream log = jobLogs.get(uuid);
        return log == null ? new byte[0] : log.toByteArray();
    }

    private ObjectNode store(String method, String action, ObjectType type, String key,
                             ObjectNode old, ObjectNode object) {
        String newKey = type.keyOf(object);
        if (!newKey.equals(key)) {
            throw ApiException.of(422, method, type.prefix(), key,
                    "Cannot change " + type.keyMember() + " from " + key + " to " + newKey);
        }
        ObjectNode filled = sealSecureParams(type, key, validated(method, type, key, object));
        objects.get(type.prefix()).put(key, filled);
        emit(type.prefix(), action, key, filled, old);
        return filled.deepCopy();
    }

    /** DRP's own checks (ValidationError, 422): a key, a Name for machines, a Provider for plugins. */
    private ObjectNode validated(String method, ObjectType type, String key, ObjectNode object) {
        ObjectNode filled = type.fill(object);
        List<String> problems = new ArrayList<>();
        if (key.isEmpty()) {
            problems.add(type.keyMember() + " must be set");
        }
        if (type.prefix().equals("machines") && filled.path("Name").asText().isEmpty()) {
            problems.add("Name must be set");
        }
        if (type.prefix().equals("plugins") && filled.path("Provider").asText().isEmpty()) {
            problems.add("Provider must be set");
        }
        if (type.hasParams() && !filled.path("Params").isObject()) {
            problems.add("Params must be a JSON object");
        }
        if (!problems.isEmpty()) {
            throw new ApiException(io.drpkit.sdk.model.DrpError.builder(422, "ValidationError")
                    .model(type.prefix()).key(key).messages(problems).build());
        }
        return filled;
    }

    private void emit(String prefix, String action, String key, ObjectNode object, ObjectNode original) {
        events.accept(new Event(Instant.now(), prefix, action, key, principal, object, original));
    }

    /** The params objects consulted by an aggregated read: own, each profile in order, global. */
    private List<Layer> layers(String prefix, String key) {
        ObjectNode object = existingWithParams("GET", prefix, key);
        List<Layer> layers = new ArrayList<>();
        layers.add(new Layer(prefix, key, (ObjectNode) object.get("Params")));
        Map<String, ObjectNode> profiles = objects.get("profiles");
        for (JsonNode name : object.path("Profiles")) {
            ObjectNode p = profiles.get(name.asText());
            if (p != null && !(prefix.equals("profiles") && name.asText().equals(key))) {
                layers.add(new Layer("profiles", name.asText(), (ObjectNode) p.get("Params")));
            }
        }
        ObjectNode global = profiles.get("global");
        if (global != null && !(prefix.equals("profiles") && key.equals("global"))) {
            layers.add(new Layer("profiles", "global", (ObjectNode) global.get("Params")));
        }
        return layers;
    }

    private ObjectNode paramsOf(String method, String prefix, String key) {
        return (ObjectNode) existingWithParams(method, prefix, key).get("Params");
    }

    private ObjectNode existingWithParams(String method, String prefix, String key) {
        ObjectType type = typeOf(method, prefix, key);
        if (!type.hasParams()) {
            throw ApiException.of(404, method, prefix, key, prefix + " have no params");
        }
        return existing(method, prefix, key);
    }

    private ObjectNode existing(String method, String prefix, String key) {
        ObjectNode o = table(method, prefix, key).get(key);
        if (o == null) {
            throw ApiException.notFound(method, prefix, key);
        }
        return o;
    }

    private Map<String, ObjectNode> table(String method, String prefix, String key) {
        typeOf(method, prefix, key);
        return objects.get(prefix);
    }

    private ObjectType typeOf(String method, String prefix, String key) {
        ObjectType type = types.get(prefix);
        if (type == null) {
            throw ApiException.of(404, method, prefix, key, "No such object type: " + prefix);
        }
        return type;
    }

    private static ObjectNode objectBody(String method, String prefix, String key, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.of(400, method, prefix, key, "body must be a JSON object");
        }
        return (ObjectNode) body.deepCopy();
    }

    private static int intOption(Map<String, String> query, String name, int otherwise) {
        String v = query.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            return Math.max(0, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            throw ApiException.of(400, "GET", "", "", name + ": expected an integer, got \"" + v + "\"");
        }
    }
}
