package io.drpkit.sdk.resource;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link ResourceManager} records for one target: its resources in the order their
 * creates were started (so destroy order is this list reversed). This is what a
 * {@link StateStore} persists; the shape is stable and versioned. Immutable and thread-safe.
 *
 * <p>JSON shape, members always present and in this order:
 * <pre>{@code
 * {"Version":1,"Target":"m1",
 *  "Resources":[
 *    {"Name":"dir","Type":"directory","Phase":"created","State":{"path":"/srv/m1"},
 *     "CreatedTime":"2024-05-01T10:00:00Z","Error":""},
 *    {"Name":"file","Type":"file","Phase":"creating","State":null,"CreatedTime":null,"Error":""}],
 *  "UpdatedTime":"2024-05-01T10:00:01Z"}
 * }</pre>
 * A missing {@code Version} reads as {@value #VERSION}; readers refuse versions they do not know.
 *
 * @since 0.1
 */
@JsonPropertyOrder({"Version", "Target", "Resources", "UpdatedTime"})
public final class ManagerState {
    /** The version of the JSON shape written by this SDK. */
    public static final int VERSION = 1;

    @JsonProperty("Version")
    private final int version;
    @JsonProperty("Target")
    private final String target;
    @JsonProperty("Resources")
    private final List<ResourceRecord> resources;
    @JsonProperty("UpdatedTime")
    private final Instant updatedTime;

    private ManagerState(int version, String target, List<ResourceRecord> resources,
                         Instant updatedTime) {
        this.version = version;
        this.target = target;
        this.resources = List.copyOf(resources);
        this.updatedTime = updatedTime;
    }

    @JsonCreator
    static ManagerState fromJson(@JsonProperty("Version") Integer version,
                                 @JsonProperty("Target") String target,
                                 @JsonProperty("Resources") List<ResourceRecord> resources,
                                 @JsonProperty("UpdatedTime") Instant updatedTime) {
        return new ManagerState(version == null ? VERSION : version,
                target == null ? "" : target,
                resources == null ? List.of() : resources,
                updatedTime == null ? Instant.EPOCH : updatedTime);
    }

    /** A state of the current {@link #VERSION} for target {@code target}, written at {@code updatedTime}. */
    public static ManagerState of(String target, List<ResourceRecord> resources, Instant updatedTime) {
        return new ManagerState(VERSION, Objects.requireNonNull(target, "target == null"),
                Objects.requireNonNull(resources, "resources == null"),
                Objects.requireNonNull(updatedTime, "updatedTime == null"));
    }

    /** The version of the JSON shape this was read from or will be written as. */
    public int version() {
        return version;
    }

    /** The key of the target these resources belong to. */
    public String target() {
        return target;
    }

    /** The records in the order their creates were started. */
    public List<ResourceRecord> resources() {
        return resources;
    }

    /** The record of resource {@code name}, if there is one. */
    public Optional<ResourceRecord> resource(String name) {
        Objects.requireNonNull(name, "name == null");
        return resources.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Names of the resources not yet destroyed, in creation order. */
    public List<String> live() {
        List<String> live = new ArrayList<>();
        for (ResourceRecord r : resources) {
            if (r.isLive()) {
                live.add(r.name());
            }
        }
        return List.copyOf(live);
    }

    /** When the manager last wrote this state. */
    public Instant updatedTime() {
        return updatedTime;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManagerState s && version == s.version && target.equals(s.target)
                && resources.equals(s.resources) && updatedTime.equals(s.updatedTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, target, resources, updatedTime);
    }

    @Override
    public String toString() {
        return "ManagerState{target=" + target + ", resources=" + resources + "}";
    }
}
