package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.Objects;

/**
 * DRP's {@code models.Event} (spec §5.3): something happened to an object. Immutable;
 * {@link #object()} and {@link #original()} are defensive copies. Thread-safe.
 *
 * @param time      when it happened
 * @param type      object prefix ({@code machines}, {@code jobs}, ...)
 * @param action    {@code create}, {@code save}, {@code update}, {@code delete}, ...
 * @param key       the object's key
 * @param principal who caused it
 * @param object    the object, or JSON null
 * @param original  the object before the change, or JSON null
 * @since 0.1
 */
@JsonPropertyOrder({"Time", "Type", "Action", "Key", "Principal", "Object", "Original"})
public record Event(
        @JsonProperty("Time") Instant time,
        @JsonProperty("Type") String type,
        @JsonProperty("Action") String action,
        @JsonProperty("Key") String key,
        @JsonProperty("Principal") String principal,
        @JsonProperty("Object") JsonNode object,
        @JsonProperty("Original") JsonNode original) {

    @JsonCreator
    public Event {
        time = time == null ? Instant.EPOCH : time;
        type = type == null ? "" : type;
        action = action == null ? "" : action;
        key = key == null ? "" : key;
        principal = principal == null ? "" : principal;
        object = object == null ? NullNode.getInstance() : object.deepCopy();
        original = original == null ? NullNode.getInstance() : original.deepCopy();
    }

    /** An event stamped now, with no principal and no original. */
    public static Event of(String type, String action, String key, JsonNode object) {
        return new Event(Instant.now(), Objects.requireNonNull(type, "type == null"),
                Objects.requireNonNull(action, "action == null"),
                Objects.requireNonNull(key, "key == null"), "", object, null);
    }

    /** {@code type.action.key}, the form selections match against (spec §7.4). */
    public String subject() {
        return type + "." + action + "." + key;
    }

    /** Defensive copy: callers may not change this event. */
    @Override
    public JsonNode object() {
        return object.deepCopy();
    }

    @Override
    public JsonNode original() {
        return original.deepCopy();
    }
}
