package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.EventStreamStats;
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
    private final String name;
    private final EventCounter events;

    ProviderStatus(String name, EventCounter events) {
        this.name = name;
        this.events = events;
    }

    /** The action handler. */
    Object report(ActionRequest request) {
        Config config = request.config();
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.set("Provider", provider());
        status.set("Plugin", plugin(config));
        status.set("Events", events(config.eventStream()));
        return status;
    }

    private JsonNode provider() {
        return JsonNodeFactory.instance.objectNode().put("Name", name).put("Version", BuildInfo.version());
    }

    private static JsonNode plugin(Config config) {
        return JsonNodeFactory.instance.objectNode().put("Name", config.name()).put("Generation", config.generation());
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
