package io.drpkit.sdk.resource;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The working copy of one target's records during one operation, and the only writer to the
 * store for it. The in-memory copy is authoritative for the operation (a rollback uses it even
 * when the store failed); the store copy is written after every change. Synchronized because a
 * create function may call {@code save} from a thread of its own.
 */
final class Journal {
    private final String target;
    private final StateStore store;
    private final Clock clock;
    private final List<ResourceRecord> records;

    Journal(String target, StateStore store, Clock clock, List<ResourceRecord> records) {
        this.target = target;
        this.store = store;
        this.clock = clock;
        this.records = new ArrayList<>(records);
    }

    String target() {
        return target;
    }

    synchronized int append(ResourceRecord record) {
        records.add(record);
        return records.size() - 1;
    }

    synchronized void removeLast() {
        records.remove(records.size() - 1);
    }

    synchronized ResourceRecord get(int index) {
        return records.get(index);
    }

    /** Replaces record {@code index} with {@code change} of it, atomically. */
    synchronized void update(int index, UnaryOperator<ResourceRecord> change) {
        records.set(index, Objects.requireNonNull(change.apply(records.get(index))));
    }

    synchronized void set(int index, ResourceRecord record) {
        records.set(index, Objects.requireNonNull(record));
    }

    /** Puts the records in {@code order}'s order (stable); records it does not know go last. */
    synchronized void sortBy(java.util.List<String> order) {
        records.sort(java.util.Comparator.comparingInt(r -> {
            int i = order.indexOf(r.name());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
    }

    /** The index of the live record of {@code name}, or -1. */
    synchronized int indexOfLive(String name) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).name().equals(name) && records.get(i).isLive()) {
                return i;
            }
        }
        return -1;
    }

    synchronized int size() {
        return records.size();
    }

    synchronized ResourceRecord find(String name) {
        for (ResourceRecord r : records) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    synchronized List<String> live() {
        return snapshot().live();
    }

    synchronized ManagerState snapshot() {
        return ManagerState.of(target, records, clock.instant());
    }

    /** Writes the records through the store; throws what the store throws. */
    synchronized void save() {
        store.save(target, snapshot());
    }

    /** {@link #save()}, returning the failure instead of throwing it. */
    RuntimeException trySave() {
        try {
            save();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /**
     * Writes the final outcome: the state when anything is live, nothing at all otherwise.
     * Returns the store's failure, if any.
     */
    synchronized RuntimeException persist() {
        try {
            if (live().isEmpty()) {
                store.delete(target);
            } else {
                save();
            }
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
