package io.drpkit.provider;

import io.drpkit.sdk.Config;
import io.drpkit.sdk.EventSubscriber;
import io.drpkit.sdk.model.Event;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * runbook's event subscriber: selects what the {@value #EVENTS} param lists (default
 * {@code machines.create.*} and {@code machines.delete.*}) and counts the delivered events per
 * {@code type.action}, for the {@code status} action. Counts cover the process's lifetime,
 * across configurations. Thread-safe: the SDK delivers on one thread, {@code status} reads on
 * request threads.
 */
final class EventCounter implements EventSubscriber {
    static final String EVENTS = "runbook/events";
    /** The schema default of {@value #EVENTS}, for a configuration that lacks it. */
    static final List<String> DEFAULT_SELECTIONS = List.of("machines.create.*", "machines.delete.*");

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final java.util.function.Consumer<Event> machineDeleted;

    /** @param machineDeleted called (on the delivery thread) for every {@code machines.delete} event */
    EventCounter(java.util.function.Consumer<Event> machineDeleted) {
        this.machineDeleted = machineDeleted;
    }

    @Override
    public List<String> selections(Config config) {
        return config.params().has(EVENTS) ? config.params().strings(EVENTS) : DEFAULT_SELECTIONS;
    }

    @Override
    public void onEvent(Event event) {
        counts.computeIfAbsent(event.type() + "." + event.action(), k -> new LongAdder()).increment();
        if ("machines".equals(event.type()) && "delete".equals(event.action()) && !event.key().isEmpty()) {
            machineDeleted.accept(event);
        }
    }

    /** The counts so far by {@code type.action}, sorted by name. */
    SortedMap<String, Long> counts() {
        SortedMap<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return Collections.unmodifiableSortedMap(out);
    }
}
