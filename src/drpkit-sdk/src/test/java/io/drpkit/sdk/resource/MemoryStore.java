package io.drpkit.sdk.resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A store in memory that remembers every save, and can be told to fail some of them. */
final class MemoryStore implements StateStore {
    private final Map<String, ManagerState> states = new ConcurrentHashMap<>();
    final List<ManagerState> saves = Collections.synchronizedList(new ArrayList<>());
    volatile Predicate<ManagerState> failSave = s -> false;

    @Override
    public Optional<ManagerState> load(String targetKey) {
        return Optional.ofNullable(states.get(targetKey));
    }

    @Override
    public void save(String targetKey, ManagerState state) {
        if (failSave.test(state)) {
            throw new UncheckedIOException(new IOException("disk full"));
        }
        saves.add(state);
        states.put(targetKey, state);
    }

    @Override
    public void delete(String targetKey) {
        states.remove(targetKey);
    }

    /** {@code a:created b:creating} for the target's current state; empty when none. */
    String phases(String targetKey) {
        return load(targetKey).map(MemoryStore::phases).orElse("");
    }

    static String phases(ManagerState state) {
        return state.resources().stream()
                .map(r -> r.name() + ":" + r.phase().name().toLowerCase())
                .collect(Collectors.joining(" "));
    }

    /** The phases of every save so far, in order. */
    List<String> history() {
        synchronized (saves) {
            return saves.stream().map(MemoryStore::phases).toList();
        }
    }
}
