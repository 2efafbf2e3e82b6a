package io.drpkit.sdk.status;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The health of one resource inside a {@link StatusReport}. Immutable and thread-safe: the
 * {@link #state()} tree is copied on the way in and on the way out.
 *
 * <p>JSON shape, members always present and in this order:
 * <pre>{@code
 * {"Name":"dir","Type":"directory","Health":"READY","HealthMessage":"present",
 *  "State":{"path":"/srv/m1"},"CreatedTime":"2024-05-01T10:00:00Z"}
 * }</pre>
 * {@code State} is {@code null} when there is none and {@code CreatedTime} is {@code null} when
 * unknown. {@code Health} is the {@link Health} name.
 *
 * <pre>{@code
 * ResourceStatus s = ResourceStatus.builder("dir", Health.READY)
 *     .type("directory").healthMessage("present").build();
 * }</pre>
 *
 * @since 0.1
 */
@JsonPropertyOrder({"Name", "Type", "Health", "HealthMessage", "State", "CreatedTime"})
public final class ResourceStatus {
    @JsonProperty("Name")
    private final String name;
    @JsonProperty("Type")
    private final String type;
    @JsonProperty("Health")
    private final Health health;
    @JsonProperty("HealthMessage")
    private final String healthMessage;
    @JsonProperty("State")
    private final JsonNode state;
    @JsonProperty("CreatedTime")
    private final Instant createdTime;

    private ResourceStatus(Builder b) {
        this.name = b.name;
        this.type = b.type;
        this.health = b.health;
        this.healthMessage = b.healthMessage;
        this.state = b.state.deepCopy();
        this.createdTime = b.createdTime;
    }

    @JsonCreator
    static ResourceStatus fromJson(@JsonProperty("Name") String name,
                                   @JsonProperty("Type") String type,
                                   @JsonProperty("Health") Health health,
                                   @JsonProperty("HealthMessage") String healthMessage,
                                   @JsonProperty("State") JsonNode state,
                                   @JsonProperty("CreatedTime") Instant createdTime) {
        Builder b = builder(name == null ? "" : name, health == null ? Health.UNKNOWN : health)
                .type(type == null ? "" : type)
                .healthMessage(healthMessage == null ? "" : healthMessage)
                .state(state == null ? NullNode.instance : state);
        if (createdTime != null) {
            b.createdTime(createdTime);
        }
        return b.build();
    }

    /**
     * Starts an entry for the resource {@code name} with {@code health}; type and message
     * default to empty, state to JSON {@code null}, created time to unknown.
     */
    public static Builder builder(String name, Health health) {
        return new Builder(name, health);
    }

    /** The resource's name, unique within its report by convention. */
    public String name() {
        return name;
    }

    /** What kind of resource this is (e.g. {@code directory}); empty when not set. */
    public String type() {
        return type;
    }

    public Health health() {
        return health;
    }

    /** Why the resource has this health, for humans; empty when not set. */
    public String healthMessage() {
        return healthMessage;
    }

    /** A copy of the resource's state as JSON; a {@link NullNode} when there is none. */
    public JsonNode state() {
        return state.deepCopy();
    }

    /** When the resource was created, if known. */
    public Optional<Instant> createdTime() {
        return Optional.ofNullable(createdTime);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, health).type(type).healthMessage(healthMessage).state(state);
        b.createdTime = createdTime;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceStatus s && name.equals(s.name) && type.equals(s.type)
                && health == s.health && healthMessage.equals(s.healthMessage)
                && state.equals(s.state) && Objects.equals(createdTime, s.createdTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, health, healthMessage, state, createdTime);
    }

    @Override
    public String toString() {
        return name + " " + health + (healthMessage.isEmpty() ? "" : ": " + healthMessage);
    }

    /** Builds a {@link ResourceStatus}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Health health;
        private String type = "";
        private String healthMessage = "";
        private JsonNode state = NullNode.instance;
        private Instant createdTime;

        private Builder(String name, Health health) {
            this.name = Objects.requireNonNull(name, "name == null");
            this.health = Objects.requireNonNull(health, "health == null");
        }

        public Builder type(String type) {
            this.type = Objects.requireNonNull(type, "type == null");
            return this;
        }

        public Builder healthMessage(String healthMessage) {
            this.healthMessage = Objects.requireNonNull(healthMessage, "healthMessage == null");
            return this;
        }

        /** The resource's state as JSON (copied); pass a {@link NullNode} to leave it out. */
        public Builder state(JsonNode state) {
            this.state = Objects.requireNonNull(state, "state == null");
            return this;
        }

        public Builder createdTime(Instant createdTime) {
            this.createdTime = Objects.requireNonNull(createdTime, "createdTime == null");
            return this;
        }

        /** @throws IllegalArgumentException if the name is blank */
        public ResourceStatus build() {
            if (name.isBlank()) {
                throw new IllegalArgumentException("resource status name is blank");
            }
            return new ResourceStatus(this);
        }
    }
}
