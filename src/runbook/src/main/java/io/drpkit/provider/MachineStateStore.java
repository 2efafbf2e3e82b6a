package io.drpkit.provider;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.drpkit.sdk.resource.ManagerState;
import io.drpkit.sdk.resource.StateStore;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The publish resources' {@link StateStore}: each machine's state lives in a param on the machine
 * (normally a {@link io.drpkit.sdk.resource.ParamStateStore}), so it survives provider restarts
 * and is visible in DRP. A machine that was deleted has no params left to read, so its last state
 * (from the delete event's object) is <em>detached</em>: held here in memory, read and updated
 * instead of the param, until it is released. Thread-safe.
 */
final class MachineStateStore implements StateStore {
    private static final ObjectReader STATE_READER = new ObjectMapper()
            .registerModule(new SimpleModule("instants").addDeserializer(Instant.class, new InstantReader()))
            .readerFor(ManagerState.class);

    private final StateStore machines;
    private final Map<String, ManagerState> detached = new ConcurrentHashMap<>();

    MachineStateStore(StateStore machines) {
        this.machines = Objects.requireNonNull(machines, "machines == null");
    }

    /**
     * Holds {@code state} (the JSON of the state param) for {@code uuid}, in place of the
     * machine's param, until {@link #release}.
     *
     * @throws IllegalArgumentException if the JSON is not a resource manager state
     */
    void detach(String uuid, JsonNode state) {
        Objects.requireNonNull(uuid, "uuid == null");
        ManagerState parsed;
        try {
            parsed = STATE_READER.readValue(Objects.requireNonNull(state, "state == null"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the state recorded on deleted machine " + uuid
                    + " is not a resource manager state: " + e.getMessage(), e);
        }
        detached.put(uuid, parsed);
    }

    /** Forgets what {@link #detach} held for {@code uuid}, if anything. */
    void release(String uuid) {
        detached.remove(uuid);
    }

    @Override
    public Optional<ManagerState> load(String targetKey) {
        ManagerState d = detached.get(targetKey);
        return d != null ? Optional.of(d) : machines.load(targetKey);
    }

    @Override
    public void save(String targetKey, ManagerState state) {
        if (detached.computeIfPresent(targetKey, (k, old) -> state) == null) {
            machines.save(targetKey, state);
        }
    }

    @Override
    public void delete(String targetKey) {
        if (detached.remove(targetKey) == null) {
            machines.delete(targetKey);
        }
    }

    @Override
    public String toString() {
        return "MachineStateStore{" + machines + ", detached " + detached.keySet() + "}";
    }

    /** RFC 3339 times as the SDK writes them. */
    private static final class InstantReader extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Instant.parse(p.getValueAsString());
        }
    }
}
