package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.EventStreamStats;
import io.drpkit.sdk.events.KeyedQueue;
import io.drpkit.sdk.status.Health;
import io.drpkit.sdk.status.StatusReport;
import java.time.Instant;
import java.util.Optional;

/**
 * The system-level {@code status} action's answer: one JSON object with a member per part of the
 * provider, in a fixed order, so answers can be compared:
 *
 * <pre>{@code
 * {"Provider": {"Name": "runbook", "Version": "0.1.0"},
 *  "Plugin":   {"Name": "runbook", "Generation": 1},
 *  "Events":   {"Connected": true, "Selections": [...], "Received": 3, "Delivered": 3, "Failed": 0,
 *               "Dropped": 0, "Undecodable": 0, "Reconnects": 0, "Queued": 0, "Capacity": 1000,
 *               "Counts": {"machines.create": 2, "machines.delete": 1}}}
 * }</pre>
 *
 * A part that grows (runbooks, resources) adds its own member here. Thread-safe.
 */
final class ProviderStatus {
    private final EventCounter events;
    private final Publisher publisher;
    private final KeyedQueue<?> deletions;
    private final RunbookActions runbooks;

    ProviderStatus(EventCounter events, Publisher publisher, KeyedQueue<?> deletions, RunbookActions runbooks) {
        this.events = events;
        this.publisher = publisher;
        this.deletions = deletions;
        this.runbooks = runbooks;
    }

    /**
     * The system-level {@code status} action: the provider's own {@link StatusReport}
     * (see {@link ProviderStatusReport}); the event stream's counters and the counts per
     * {@code type.action} are the {@code event-stream} entry's {@code State}.
     */
    Object report(ActionRequest request) {
        Config config = request.config();
        Optional<EventStreamStats> stream = config.eventStream();
        Health health = streamHealth(stream);
        String message = streamMessage(stream);
        return ProviderStatusReport.builder()
                .configuration(config)
                .checkHost(config.host())
                .eventStream(health, message, events(stream))
                .managedMachines(() -> publisher.managedMachines(config.api()))
                .eventQueue(deletions.stats(), runbooksState())
                .build(Instant.now());
    }

    /**
     * What the provider publishes onto its Plugin object ({@link io.drpkit.sdk.status.HealthPublisher}):
     * the {@link #report} entries that tell health — configuration, host link, event stream,
     * runbooks, event queue — without the count of managed machines, which lists every machine.
     */
    StatusReport health(Config config) {
        Optional<EventStreamStats> stream = config.eventStream();
        StatusReport full = ProviderStatusReport.builder()
                .configuration(config)
                .checkHost(config.host())
                .eventStream(streamHealth(stream), streamMessage(stream), events(stream))
                .eventQueue(deletions.stats(), runbooksState())
                .build(Instant.now());
        return StatusReport.summarize(full.resources().stream()
                .filter(r -> !r.name().equals(ProviderStatusReport.MANAGED_MACHINES)).toList(), full.generatedTime());
    }

    private static Health streamHealth(Optional<EventStreamStats> stream) {
        return stream.isEmpty() ? Health.UNKNOWN : stream.get().connected() ? Health.READY : Health.DOWN;
    }

    private static String streamMessage(Optional<EventStreamStats> stream) {
        if (stream.isEmpty()) {
            return "no event stream for this configuration";
        }
        EventStreamStats s = stream.get();
        return s.connected() ? "connected; " + s.received() + " events received, " + s.dropped() + " dropped"
                : "disconnected, reconnecting (" + s.reconnects() + " reconnects so far)";
    }

    private ObjectNode runbooksState() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("Runbooks", runbooks.machineDeletions());
        return out;
    }

    private JsonNode events(Optional<EventStreamStats> stream) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        stream.ifPresent(s -> {
            out.put("Connected", s.connected());
            s.selections().forEach(out.putArray("Selections")::add);
            out.put("Received", s.received());
            out.put("Delivered", s.delivered());
            out.put("Failed", s.failed());
            out.put("Dropped", s.dropped());
            out.put("Undecodable", s.undecodable());
            out.put("Reconnects", s.reconnects());
            out.put("Queued", s.queued());
            out.put("Capacity", s.capacity());
        });
        ObjectNode counts = out.putObject("Counts");
        events.counts().forEach(counts::put);
        return out;
    }
}
