package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.Host;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.events.QueueStats;
import io.drpkit.sdk.model.RawModel;
import io.drpkit.sdk.status.Health;
import io.drpkit.sdk.status.ResourceStatus;
import io.drpkit.sdk.status.StatusReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The provider's own {@link StatusReport}, for the system-level {@code status} action: one entry
 * per thing the provider needs or keeps, always these six, in this order:
 * <ol>
 *   <li>{@value #CONFIGURATION}: READY when a configuration is in force and the environment has
 *       what {@code publish} needs; DOWN naming what is not set; MISSING before the first
 *       {@code /config};</li>
 *   <li>{@value #HOST_LINK}: the dial socket to dr-provision; READY when the host answered,
 *       DOWN when it could not be reached;</li>
 *   <li>{@value #EVENT_STREAM}: the websocket the event subscriber reads, as its owner reports it;</li>
 *   <li>{@value #RUNBOOKS}: how many runbooks the host holds ({@code State.Count});</li>
 *   <li>{@value #MANAGED_MACHINES}: how many machines hold published resources
 *       ({@code State.Count});</li>
 *   <li>{@value #EVENT_QUEUE}: the queue the clean-ups of deleted machines wait in, off the
 *       event stream ({@code State}: its counters); READY while nothing failed or was dropped,
 *       DOWN after.</li>
 * </ol>
 * A fact the caller did not supply is reported UNKNOWN, "not checked"; a count that could not be
 * taken is UNKNOWN with the reason. The overall health follows {@link StatusReport#summarize};
 * {@code External} is false (these are the provider's own checks).
 *
 * <pre>{@code
 * StatusReport report = ProviderStatusReport.builder()
 *     .configuration(config)
 *     .checkHost(config.host())                 // host link and runbook count, one call
 *     .eventStream(Health.READY, "connected, 12 events received", stats)
 *     .managedMachines(() -> publisher.managedMachines(config.api()))
 *     .build(clock.instant());
 * }</pre>
 *
 * Builders are not thread-safe; reports are immutable.
 */
final class ProviderStatusReport {
    static final String CONFIGURATION = "configuration";
    static final String HOST_LINK = "host-link";
    static final String EVENT_STREAM = "event-stream";
    static final String RUNBOOKS = "runbooks";
    static final String MANAGED_MACHINES = "managed-machines";
    static final String EVENT_QUEUE = "event-queue";
    /** The {@code StoreObjects} prefix runbooks are kept under. */
    static final String RUNBOOKS_PREFIX = "runbooks";

    private ProviderStatusReport() {
    }

    static Builder builder() {
        return new Builder();
    }

    /** Something that counts and may fail, e.g. a DRP list. */
    @FunctionalInterface
    interface Count {
        long count() throws Exception;
    }

    /** Collects the entries; each setter replaces the entry of the same name. */
    static final class Builder {
        private final Map<String, ResourceStatus> entries = new LinkedHashMap<>();

        private Builder() {
            for (String name : List.of(CONFIGURATION, HOST_LINK, EVENT_STREAM, RUNBOOKS, MANAGED_MACHINES,
                    EVENT_QUEUE)) {
                entries.put(name, ResourceStatus.builder(name, Health.UNKNOWN).healthMessage("not checked").build());
            }
        }

        /** The configuration in force, or null before the first accepted {@code /config}. */
        Builder configuration(Config config) {
            if (config == null) {
                return put(entry(CONFIGURATION, "config", Health.MISSING, "no /config accepted yet"));
            }
            ObjectNode state = JsonNodeFactory.instance.objectNode()
                    .put("Provider", Runbook.NAME).put("Version", BuildInfo.version())
                    .put("Name", config.name()).put("Generation", config.generation())
                    .put("WebRoot", config.environment().webRoot().map(Object::toString).orElse(""))
                    .put("FileServer", config.environment().fileServer().orElse(""));
            List<String> unset = new ArrayList<>();
            if (config.environment().webRoot().isEmpty()) {
                unset.add("RS_WEBROOT");
            }
            if (config.environment().fileServer().isEmpty()) {
                unset.add("RS_FILESERVER");
            }
            String configured = "configured as " + config.name() + " (generation " + config.generation() + ")";
            return put(unset.isEmpty()
                    ? entry(CONFIGURATION, "config", Health.READY, configured).state(state).build()
                    : entry(CONFIGURATION, "config", Health.DOWN, configured + "; publish cannot work: not set: "
                            + String.join(", ", unset)).state(state).build());
        }

        /** The host link as checked by the caller. */
        Builder hostLink(Health health, String message) {
            return put(entry(HOST_LINK, "socket", health, message));
        }

        /**
         * Asks the host for its runbooks ({@code GET objects/runbooks} on the dial socket), which
         * checks the link and counts the runbooks in one call. No answer (Code 502 from the SDK's
         * host client) is a DOWN link and an unknown count; an error answer is a live link and
         * an unknown count saying what the host answered.
         */
        Builder checkHost(Host host) {
            Objects.requireNonNull(host, "host == null");
            List<RawModel> runbooks;
            try {
                runbooks = host.listObjects(RUNBOOKS_PREFIX);
            } catch (PluginException e) {
                String why = String.join("; ", e.error().messages());
                if (e.error().code() == 502) {
                    hostLink(Health.DOWN, why);
                    return put(entry(RUNBOOKS, "count", Health.UNKNOWN, "the host cannot be reached"));
                }
                hostLink(Health.READY, "the host answered (" + e.error().code() + ")");
                return put(entry(RUNBOOKS, "count", Health.UNKNOWN, "the host did not list "
                        + RUNBOOKS_PREFIX + ": " + why));
            }
            hostLink(Health.READY, "the host answered");
            return runbooks(runbooks.size());
        }

        /** The event stream as its owner reports it; {@code state} may carry counters, or be null. */
        Builder eventStream(Health health, String message, JsonNode state) {
            return put(entry(EVENT_STREAM, "websocket", health, message)
                    .state(state == null ? NullNode.getInstance() : state).build());
        }

        Builder runbooks(long count) {
            return put(counted(RUNBOOKS, count, count == 1 ? "1 runbook" : count + " runbooks"));
        }

        /** Takes the count of machines holding published resources; a failure is UNKNOWN with the reason. */
        Builder managedMachines(Count count) {
            long n;
            try {
                n = count.count();
            } catch (Exception e) {
                String why = e instanceof PluginException p ? String.join("; ", p.error().messages()) : e.toString();
                return put(entry(MANAGED_MACHINES, "count", Health.UNKNOWN, "cannot count: " + why));
            }
            return put(counted(MANAGED_MACHINES, n, n == 1 ? "1 machine holds published resources"
                    : n + " machines hold published resources"));
        }

        /**
         * The machine-deletion queue's counters; {@code extra} members (e.g. what the clean-ups
         * did) are added to its {@code State}.
         */
        Builder eventQueue(QueueStats stats, ObjectNode extra) {
            ObjectNode state = JsonNodeFactory.instance.objectNode()
                    .put("Submitted", stats.submitted()).put("Queued", stats.queued())
                    .put("Running", stats.running()).put("Done", stats.done()).put("Failed", stats.failed())
                    .put("Dropped", stats.dropped()).put("Keys", stats.keys()).put("Capacity", stats.capacity())
                    .put("PerKeyCapacity", stats.perKeyCapacity()).put("Threads", stats.threads());
            if (extra != null) {
                state.setAll(extra);
            }
            String message = stats.done() + " done, " + stats.failed() + " failed, " + stats.dropped()
                    + " dropped; " + stats.queued() + " queued, " + stats.running() + " running";
            Health health = stats.failed() == 0 && stats.dropped() == 0 ? Health.READY : Health.DOWN;
            return put(entry(EVENT_QUEUE, "queue", health, message).state(state).build());
        }

        /** The report, generated at {@code now}. */
        StatusReport build(Instant now) {
            return StatusReport.summarize(List.copyOf(entries.values()), now);
        }

        private Builder put(ResourceStatus status) {
            entries.put(status.name(), status);
            return this;
        }

        private Builder put(ResourceStatus.Builder status) {
            return put(status.build());
        }

        private static ResourceStatus.Builder entry(String name, String type, Health health, String message) {
            return ResourceStatus.builder(name, health).type(type).healthMessage(message);
        }

        private static ResourceStatus counted(String name, long count, String message) {
            return entry(name, "count", Health.READY, message)
                    .state(JsonNodeFactory.instance.objectNode().put("Count", count)).build();
        }
    }
}
