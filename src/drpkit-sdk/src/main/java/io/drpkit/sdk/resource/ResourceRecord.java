package io.drpkit.sdk.resource;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link StateStore} keeps about one resource of one target: where it is in its
 * lifecycle, its state as JSON, when its create completed and the last error. Immutable and
 * thread-safe: the {@link #state()} tree is copied on the way in and on the way out.
 *
 * <p>JSON shape (part of {@link ManagerState}; members always present, in this order):
 * <pre>{@code
 * {"Name":"dir","Type":"directory","Phase":"created","State":{"path":"/srv/m1"},
 *  "CreatedTime":"2024-05-01T10:00:00Z","Error":""}
 * }</pre>
 * {@code State} is {@code null} when none was recorded; {@code CreatedTime} is {@code null}
 * until the resource's create has returned, so it also tells whether {@code State} is complete.
 *
 * @since 0.1
 */
@JsonPropertyOrder({"Name", "Type", "Phase", "State", "CreatedTime", "Error"})
public final class ResourceRecord {
    /**
     * A resource's place in its lifecycle. Written in lower case on the wire
     * ({@code "creating"}).
     *
     * @since 0.1
     */
    public enum Phase {
        /** Create was started and has not returned: running, or the provider stopped. */
        CREATING,
        /** Create returned; {@code State} is what it returned. */
        CREATED,
        /** The last create or destroy threw; {@code Error} says which and why. */
        FAILED,
        /** Destroy was started and has not returned: running, or the provider stopped. */
        DESTROYING,
        /** Destroy returned; the resource is gone and is skipped from now on. */
        DESTROYED;

        @JsonValue
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static Phase fromWire(String name) {
            return valueOf(Objects.requireNonNull(name, "Phase == null").toUpperCase(Locale.ROOT));
        }
    }

    @JsonProperty("Name")
    private final String name;
    @JsonProperty("Type")
    private final String type;
    @JsonProperty("Phase")
    private final Phase phase;
    @JsonProperty("State")
    private final JsonNode state;
    @JsonProperty("CreatedTime")
    private final Instant createdTime;
    @JsonProperty("Error")
    private final String error;

    private ResourceRecord(Builder b) {
        this.name = b.name;
        this.type = b.type;
        this.phase = b.phase;
        this.state = b.state.deepCopy();
        this.createdTime = b.createdTime;
        this.error = b.error;
    }

    @JsonCreator
    static ResourceRecord fromJson(@JsonProperty("Name") String name,
                                   @JsonProperty("Type") String type,
                                   @JsonProperty("Phase") Phase phase,
                                   @JsonProperty("State") JsonNode state,
                                   @JsonProperty("CreatedTime") Instant createdTime,
                                   @JsonProperty("Error") String error) {
        return new Builder(name == null ? "" : name, phase == null ? Phase.CREATING : phase)
                .type(type == null ? "" : type)
                .state(state == null ? NullNode.instance : state)
                .createdTime(createdTime)
                .error(error == null ? "" : error)
                .build();
    }

    /** Starts a record of resource {@code name} in {@code phase}. */
    public static Builder builder(String name, Phase phase) {
        return new Builder(name, phase);
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public Phase phase() {
        return phase;
    }

    /** A copy of the recorded state; a {@link NullNode} when none was recorded. */
    public JsonNode state() {
        return state.deepCopy();
    }

    /** When the resource's create returned; empty while the state is partial or absent. */
    public Optional<Instant> createdTime() {
        return Optional.ofNullable(createdTime);
    }

    /** The last failure, e.g. {@code destroy failed: IOException: busy}; empty when none. */
    public String error() {
        return error;
    }

    /** Whether the resource still needs a destroy (anything but {@link Phase#DESTROYED}). */
    public boolean isLive() {
        return phase != Phase.DESTROYED;
    }

    public Builder toBuilder() {
        return new Builder(name, phase).type(type).state(state).createdTime(createdTime).error(error);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceRecord r && name.equals(r.name) && type.equals(r.type)
                && phase == r.phase && state.equals(r.state)
                && Objects.equals(createdTime, r.createdTime) && error.equals(r.error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, phase, state, createdTime, error);
    }

    @Override
    public String toString() {
        return name + " " + phase.wireName() + (error.isEmpty() ? "" : " (" + error + ")");
    }

    /** Builds a {@link ResourceRecord}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private Phase phase;
        private String type = "";
        private JsonNode state = NullNode.instance;
        private Instant createdTime;
        private String error = "";

        private Builder(String name, Phase phase) {
            this.name = Objects.requireNonNull(name, "name == null");
            this.phase = Objects.requireNonNull(phase, "phase == null");
        }

        public Builder phase(Phase phase) {
            this.phase = Objects.requireNonNull(phase, "phase == null");
            return this;
        }

        public Builder type(String type) {
            this.type = Objects.requireNonNull(type, "type == null");
            return this;
        }

        /** The state as JSON (copied); a {@link NullNode} for none. */
        public Builder state(JsonNode state) {
            this.state = Objects.requireNonNull(state, "state == null");
            return this;
        }

        /** When create returned, or {@code null} while it has not. */
        public Builder createdTime(Instant createdTime) {
            this.createdTime = createdTime;
            return this;
        }

        public Builder error(String error) {
            this.error = Objects.requireNonNull(error, "error == null");
            return this;
        }

        /** @throws IllegalArgumentException if the name is blank */
        public ResourceRecord build() {
            if (name.isBlank()) {
                throw new IllegalArgumentException("resource record name is blank");
            }
            return new ResourceRecord(this);
        }
    }
}
