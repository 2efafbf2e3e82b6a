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
    private final Consumer<Event> events;
    private final String principal;

    RestStore(Consumer<Event> events, String principal) {
        this.events = Objects.requireNonNull(events, "events == null");
        this.principal = Objects.requireNonNull(principal, "principal == null");
        for (ObjectType t : List.of(ObjectType.machines(), ObjectType.jobs(), ObjectType.plugins(),
                ObjectType.profiles())) {
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

    /** {@code GET /<prefix>}: member equality filters ({@code ?Name=x}), offset and limit. */
    synchronized ArrayNode list(String prefix, Map<String, String> query) {
        table("GET", prefix, "");
        int offset = intOption(query, "offset", 0);
        int limit = intOption(query, "limit", Integer.MAX_VALUE);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        int skipped = 0;
        for (ObjectNode o : objects.get(prefix).values()) {
            if (out.size() >= limit) {
                break;
            }
            if (matchesFilters(o, query) && skipped++ >= offset) {
                out.add(o.deepCopy());
            }
        }
        return out;
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
        ObjectNode filled = validated("CREATE", type, key, object);
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
        emit(prefix, "delete", key, old, null);
        return old.deepCopy();
    }

    /** All params of an object; with {@code aggregate}, also those of its profiles and global. */
    synchronized ObjectNode params(String prefix, String key, boolean aggregate) {
        ObjectNode own = paramsOf("GET", prefix, key);
        if (!aggregate) {
            return own.deepCopy();
        }
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        List<ObjectNode> layers = layers(prefix, key);
        for (int i = layers.size() - 1; i >= 0; i--) {
            merged.setAll(layers.get(i).deepCopy());
        }
        return merged;
    }

    /** One param: its value, JSON null when unset (aggregated: first layer that has it). */
    synchronized JsonNode param(String prefix, String key, String name, boolean aggregate) {
        List<ObjectNode> layers = aggregate ? layers(prefix, key)
                : List.of(paramsOf("GET", prefix, key));
        for (ObjectNode params : layers) {
            if (params.has(name)) {
                return params.get(name).deepCopy();
            }
        }
        return NullNode.getInstance();
    }

    /** Sets one param; returns the value stored. */
    synchronized JsonNode setParam(String prefix, String key, String name, JsonNode value) {
        ObjectNode old = existingWithParams("POST", prefix, key);
        ObjectNode changed = old.deepCopy();
        ((ObjectNode) changed.get("Params")).set(name, value.deepCopy());
        store("POST", "update", types.get(prefix), key, old, changed);
        return value.deepCopy();
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
        store("POST", "update", types.get(prefix), key, old, changed);
        return (ObjectNode) params.deepCopy();
    }

    synchronized void appendJobLog(String uuid, byte[] bytes) {
        existing("PUT", "jobs", uuid);
        jobLogs.computeIfAbsent(uuid, k -> new ByteArrayOutputStream()).writeBytes(bytes);
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
        ObjectNode filled = validated(method, type, key, object);
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
    private List<ObjectNode> layers(String prefix, String key) {
        ObjectNode object = existingWithParams("GET", prefix, key);
        List<ObjectNode> layers = new ArrayList<>();
        layers.add((ObjectNode) object.get("Params"));
        Map<String, ObjectNode> profiles = objects.get("profiles");
        for (JsonNode name : object.path("Profiles")) {
            ObjectNode p = profiles.get(name.asText());
            if (p != null && !(prefix.equals("profiles") && name.asText().equals(key))) {
                layers.add((ObjectNode) p.get("Params"));
            }
        }
        ObjectNode global = profiles.get("global");
        if (global != null && !(prefix.equals("profiles") && key.equals("global"))) {
            layers.add((ObjectNode) global.get("Params"));
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

    private static boolean matchesFilters(ObjectNode o, Map<String, String> query) {
        for (Map.Entry<String, String> f : query.entrySet()) {
            if (LIST_OPTIONS.contains(f.getKey())) {
                continue;
            }
            JsonNode v = o.get(f.getKey());
            if (v == null || !v.isValueNode() || !v.asText().equals(f.getValue())) {
                return false;
            }
        }
        return true;
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
