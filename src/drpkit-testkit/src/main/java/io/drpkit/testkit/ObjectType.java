package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.internal.json.Rfc3339;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One kind of object the fake API stores: its prefix, the member holding its key, whether the
 * server assigns missing keys (UUIDs), whether it carries {@code Params}, and its members in DRP's
 * declaration order with their zero values (spec §0.1, §5). Immutable and thread-safe.
 */
final class ObjectType {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Supplier<JsonNode> EMPTY_ARRAY = JSON::arrayNode;
    private static final Supplier<JsonNode> EMPTY_OBJECT = JSON::objectNode;
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private final String prefix;
    private final String keyMember;
    private final boolean generatesKey;
    private final boolean hasParams;
    private final boolean storeObjects;
    private final Map<String, Supplier<JsonNode>> members;

    private ObjectType(String prefix, String keyMember, boolean generatesKey, boolean hasParams,
                       boolean storeObjects, Map<String, Supplier<JsonNode>> members) {
        this.prefix = prefix;
        this.keyMember = keyMember;
        this.generatesKey = generatesKey;
        this.hasParams = hasParams;
        this.storeObjects = storeObjects;
        this.members = members;
    }

    /** {@code machines}, keyed by {@code Uuid}; members as listed in spec §5.7. */
    static ObjectType machines() {
        return new ObjectType("machines", "Uuid", true, true, false, members(true,
                "Partial", false, "Name", "", "Description", "", "Uuid", "",
                "CurrentJob", "", "Address", "", "Stage", "none", "BootEnv", "local",
                "Profiles", EMPTY_ARRAY, "Params", EMPTY_OBJECT, "Tasks", EMPTY_ARRAY,
                "CurrentTask", -1, "RetryTaskAttempt", 0, "TaskErrorStacks", EMPTY_ARRAY,
                "Runnable", true,
                "Secret", (Supplier<JsonNode>) () -> JSON.textNode(
                        UUID.randomUUID().toString().replace("-", "")),
                "OS", "", "HardwareAddrs", EMPTY_ARRAY, "Workflow", "", "Arch", "amd64",
                "Locked", false, "Context", "", "Fingerprint", EMPTY_OBJECT, "Pool", "default",
                "PoolAllocated", false, "PoolStatus", "Free", "WorkflowComplete", false));
    }

    /** {@code jobs}, keyed by {@code Uuid} (spec §5.11). */
    static ObjectType jobs() {
        return new ObjectType("jobs", "Uuid", true, false, false, members(true,
                "Uuid", "", "Previous", "", "Machine", "", "Task", "", "Stage", "",
                "Context", "", "State", "created", "ExitState", "",
                "StartTime", (Supplier<JsonNode>) () -> JSON.textNode(Rfc3339.format(Instant.now())),
                "EndTime", ZERO_TIME, "Archived", false, "Current", true, "CurrentIndex", 0,
                "NextIndex", 0, "Workflow", "", "BootEnv", ""));
    }

    /** {@code plugins} (instances), keyed by {@code Name} (spec §5.8). */
    static ObjectType plugins() {
        return new ObjectType("plugins", "Name", false, true, false, members(true,
                "Partial", false, "Name", "", "Description", "", "Documentation", "",
                "Params", EMPTY_OBJECT, "Provider", "", "PluginErrors", EMPTY_ARRAY));
    }

    /** {@code profiles}, keyed by {@code Name}; {@code global} is where aggregation ends. */
    static ObjectType profiles() {
        return new ObjectType("profiles", "Name", false, true, false, members(true,
                "Partial", false, "Name", "", "Description", "", "Documentation", "",
                "Params", EMPTY_OBJECT, "Profiles", EMPTY_ARRAY));
    }

    /** {@code params} (content Param definitions), keyed by {@code Name} (spec §5.10). */
    static ObjectType params() {
        return new ObjectType("params", "Name", false, false, false, members(true,
                "Name", "", "Description", "", "Documentation", "", "Secure", false, "Schema", EMPTY_OBJECT));
    }

    /** {@code tasks}, keyed by {@code Name} (models/task.go). */
    static ObjectType tasks() {
        return new ObjectType("tasks", "Name", false, false, false, members(true,
                "Name", "", "Description", "", "Documentation", "", "Templates", EMPTY_ARRAY,
                "RequiredParams", EMPTY_ARRAY, "OptionalParams", EMPTY_ARRAY, "Prerequisites", EMPTY_ARRAY));
    }

    /** {@code stages}, keyed by {@code Name} (models/stage.go). */
    static ObjectType stages() {
        return new ObjectType("stages", "Name", false, true, false, members(true,
                "Name", "", "Description", "", "Documentation", "", "Templates", EMPTY_ARRAY,
                "RequiredParams", EMPTY_ARRAY, "OptionalParams", EMPTY_ARRAY, "Params", EMPTY_OBJECT,
                "BootEnv", "", "Tasks", EMPTY_ARRAY, "Profiles", EMPTY_ARRAY, "Reboot", false, "RunnerWait", false));
    }

    /** {@code workflows}, keyed by {@code Name} (models/workflow.go). */
    static ObjectType workflows() {
        return new ObjectType("workflows", "Name", false, false, false, members(true,
                "Name", "", "Description", "", "Documentation", "", "Stages", EMPTY_ARRAY));
    }

    /** {@code subnets}, keyed by {@code Name} (models/subnet.go). */
    static ObjectType subnets() {
        return new ObjectType("subnets", "Name", false, false, false, members(true,
                "Name", "", "Description", "", "Documentation", "", "Enabled", false, "Proxy", false,
                "Unmanaged", false, "Subnet", "", "NextServer", "", "ActiveStart", "", "ActiveEnd", "",
                "ActiveLeaseTime", 60, "ReservedLeaseTime", 7200, "OnlyReservations", false,
                "Options", EMPTY_ARRAY, "Strategy", "MAC", "Pickers", EMPTY_ARRAY));
    }

    /** {@code reservations}, keyed by {@code Addr} (models/reservation.go). */
    static ObjectType reservations() {
        return new ObjectType("reservations", "Addr", false, false, false, members(true,
                "Addr", "", "Token", "", "Subnet", "", "NextServer", "", "Options", EMPTY_ARRAY,
                "Strategy", "MAC", "Scoped", false, "Duration", 0, "Description", ""));
    }

    /** A provider's {@code StoreObjects} type: RawModel keyed by {@code Id} (spec §5.9). */
    static ObjectType raw(String prefix) {
        Map<String, Supplier<JsonNode>> m = new LinkedHashMap<>();
        m.put("Id", () -> JSON.textNode(""));
        m.put("Type", () -> JSON.textNode(prefix));
        m.putAll(members(false, "Params", EMPTY_OBJECT, "Documentation", "", "Description", ""));
        return new ObjectType(prefix, "Id", false, true, true, m);
    }

    String prefix() {
        return prefix;
    }

    String keyMember() {
        return keyMember;
    }

    boolean generatesKey() {
        return generatesKey;
    }

    boolean hasParams() {
        return hasParams;
    }

    /** A provider's {@code StoreObjects} type, listed on the dial socket's {@code objects/}. */
    boolean isStoreObjects() {
        return storeObjects;
    }

    /** The key of {@code object}, or empty string. */
    String keyOf(JsonNode object) {
        JsonNode k = object.get(keyMember);
        return k == null || !k.isTextual() ? "" : k.asText();
    }

    /**
     * {@code object} as DRP would store it: every declared member present (the given value, or
     * its zero value when absent or null), in declaration order, then any other members as given.
     */
    ObjectNode fill(ObjectNode object) {
        ObjectNode filled = JSON.objectNode();
        members.forEach((name, zero) -> {
            JsonNode given = object.get(name);
            filled.set(name, given == null || given.isNull() ? zero.get() : given);
        });
        object.fields().forEachRemaining(e -> {
            if (!filled.has(e.getKey())) {
                filled.set(e.getKey(), e.getValue());
            }
        });
        if (storeObjects) {
            filled.put("Type", prefix); // a RawModel's Type is always its prefix
        }
        return filled;
    }

    /**
     * The embedded models every DRP object starts with ({@code Validated, Available, Errors,
     * ReadOnly, Meta, Endpoint, Bundle}), then {@code pairs} of member name and zero value.
     */
    private static Map<String, Supplier<JsonNode>> members(boolean validated, Object... pairs) {
        Map<String, Supplier<JsonNode>> m = new LinkedHashMap<>();
        m.put("Validated", () -> JSON.booleanNode(validated));
        m.put("Available", () -> JSON.booleanNode(validated));
        m.put("Errors", EMPTY_ARRAY);
        m.put("ReadOnly", () -> JSON.booleanNode(false));
        m.put("Meta", EMPTY_OBJECT);
        m.put("Endpoint", () -> JSON.textNode(""));
        m.put("Bundle", () -> JSON.textNode(""));
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], zero(pairs[i + 1]));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Supplier<JsonNode> zero(Object value) {
        if (value instanceof Supplier<?> s) {
            return (Supplier<JsonNode>) s;
        }
        if (value instanceof Boolean b) {
            return () -> JSON.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return () -> JSON.numberNode(i);
        }
        String text = (String) value;
        return () -> JSON.textNode(text);
    }
}
