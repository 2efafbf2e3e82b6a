package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.EventStreamStats;
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

    ProviderStatus(EventCounter events, Publisher publisher) {
        this.events = events;
        this.publisher = publisher;
    }

    /**
     * The system-level {@code status} action: the provider's own {@link StatusReport}
     * (see {@link ProviderStatusReport}); the event stream's counters and the counts per
     * {@code type.action} are the {@code event-stream} entry's {@code State}.
     */
    Object report(ActionRequest request) {
        Config config = request.config();
        Optional<EventStreamStats> stream = config.eventStream();
        Health health;
        String message;
        if (stream.isEmpty()) {
            health = Health.UNKNOWN;
            message = "no event stream for this configuration";
        } else if (stream.get().connected()) {
            health = Health.READY;
            message = "connected; " + stream.get().received() + " events received, " + stream.get().dropped() + " dropped";
        } else {
            health = Health.DOWN;
            message = "disconnected, reconnecting (" + stream.get().reconnects() + " reconnects so far)";
        }
        return ProviderStatusReport.builder()
                .configuration(config)
                .checkHost(config.host())
                .eventStream(health, message, events(stream))
                .managedMachines(() -> publisher.managedMachines(config.api()))
                .build(Instant.now());
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
