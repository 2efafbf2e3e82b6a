package io.drpkit.sdk.status;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A point-in-time health report: the entries for each resource, an overall health with a message
 * for humans, when it was generated, and whether it reflects checks made against the resources
 * themselves ({@code External}, as in Waypoint) rather than the provider's own bookkeeping.
 * Immutable and thread-safe.
 *
 * <p>JSON shape, members always present and in this order ({@code GeneratedTime} in RFC 3339):
 * <pre>{@code
 * {"Resources":[{"Name":"dir",...},...],"Health":"PARTIAL",
 *  "HealthMessage":"1 READY (directory), 1 MISSING (file)","GeneratedTime":"2024-05-01T10:00:00Z","External":true}
 * }</pre>
 *
 * <p>Most reports come from {@link #summarize(List, Instant)}:
 * <pre>{@code
 * StatusReport report = StatusReport.summarize(List.of(dir, file), clock.instant());
 * }</pre>
 *
 * @since 0.1
 */
@JsonPropertyOrder({"Resources", "Health", "HealthMessage", "GeneratedTime", "External"})
public final class StatusReport {
    @JsonProperty("Resources")
    private final List<ResourceStatus> resources;
    @JsonProperty("Health")
    private final Health health;
    @JsonProperty("HealthMessage")
    private final String healthMessage;
    @JsonProperty("GeneratedTime")
    private final Instant generatedTime;
    @JsonProperty("External")
    private final boolean external;

    private StatusReport(Builder b) {
        this.resources = List.copyOf(b.resources);
        this.health = b.health;
        this.healthMessage = b.healthMessage;
        this.generatedTime = b.generatedTime;
        this.external = b.external;
    }

    @JsonCreator
    static StatusReport fromJson(@JsonProperty("Resources") List<ResourceStatus> resources,
                                 @JsonProperty("Health") Health health,
                                 @JsonProperty("HealthMessage") String healthMessage,
                                 @JsonProperty("GeneratedTime") Instant generatedTime,
                                 @JsonProperty("External") boolean external) {
        return builder(health == null ? Health.UNKNOWN : health,
                        generatedTime == null ? Instant.EPOCH : generatedTime)
                .resources(resources == null ? List.of() : resources)
                .healthMessage(healthMessage == null ? "" : healthMessage)
                .external(external)
                .build();
    }

    /**
     * Starts a report with an explicit overall {@code health}; no resources, an empty message
     * and {@code External=false} until set. Prefer {@link #summarize} unless the overall health
     * is decided some other way.
     */
    public static Builder builder(Health health, Instant generatedTime) {
        return new Builder(health, generatedTime);
    }

    /**
     * A report over {@code resources} (kept in the given order) generated at {@code now}, with
     * {@code External=false}, whose overall health follows the summary rule:
     * <ul>
     *   <li>no resources: {@link Health#UNKNOWN}, "No resources to report";</li>
     *   <li>one resource: its health, "1 resource is reporting READY (directory)";</li>
     *   <li>all resources with the same health: that health,
     *       "All 3 resources are reporting READY (directory, file, param)";</li>
     *   <li>otherwise: {@link Health#PARTIAL} with the count of each health present, ordered by
     *       {@link Health#code()} ascending whatever the input order, e.g.
     *       "2 READY (directory, file), 1 DOWN (param), 1 MISSING (file)".</li>
     * </ul>
     * Each count names, in parentheses, the types of the resources with that health (the name
     * of a resource without a type), sorted and without repeats.
     */
    public static StatusReport summarize(List<ResourceStatus> resources, Instant now) {
        Objects.requireNonNull(resources, "resources == null");
        HealthSummary summary = HealthSummary.of(List.copyOf(resources));
        return builder(summary.health(), now)
                .healthMessage(summary.message())
                .resources(resources)
                .build();
    }

    /** The entries, in the order they were given. */
    public List<ResourceStatus> resources() {
        return resources;
    }

    /** The overall health. */
    public Health health() {
        return health;
    }

    public String healthMessage() {
        return healthMessage;
    }

    public Instant generatedTime() {
        return generatedTime;
    }

    /** Whether the report reflects checks against the resources themselves. */
    public boolean external() {
        return external;
    }

    public Builder toBuilder() {
        return new Builder(health, generatedTime).resources(resources)
                .healthMessage(healthMessage).external(external);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusReport r && resources.equals(r.resources) && health == r.health
                && healthMessage.equals(r.healthMessage) && generatedTime.equals(r.generatedTime)
                && external == r.external;
    }

    @Override
    public int hashCode() {
        return Objects.hash(resources, health, healthMessage, generatedTime, external);
    }

    @Override
    public String toString() {
        return health + ": " + healthMessage + " (" + resources.size() + " resources at "
                + generatedTime + ")";
    }

    /** Builds a {@link StatusReport}. Not thread-safe. */
    public static final class Builder {
        private final Health health;
        private final Instant generatedTime;
        private final List<ResourceStatus> resources = new ArrayList<>();
        private String healthMessage = "";
        private boolean external;

        private Builder(Health health, Instant generatedTime) {
            this.health = Objects.requireNonNull(health, "health == null");
            this.generatedTime = Objects.requireNonNull(generatedTime, "generatedTime == null");
        }

        public Builder resource(ResourceStatus resource) {
            resources.add(Objects.requireNonNull(resource, "resource == null"));
            return this;
        }

        /** Appends {@code resources} in order. */
        public Builder resources(List<ResourceStatus> resources) {
            Objects.requireNonNull(resources, "resources == null").forEach(this::resource);
            return this;
        }

        public Builder healthMessage(String healthMessage) {
            this.healthMessage = Objects.requireNonNull(healthMessage, "healthMessage == null");
            return this;
        }

        public Builder external(boolean external) {
            this.external = external;
            return this;
        }

        public StatusReport build() {
            return new StatusReport(this);
        }
    }
}
