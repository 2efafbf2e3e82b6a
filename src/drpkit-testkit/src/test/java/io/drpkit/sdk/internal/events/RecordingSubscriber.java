package io.drpkit.sdk.internal.events;

import io.drpkit.sdk.Config;
import io.drpkit.sdk.EventSubscriber;
import io.drpkit.sdk.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Records what it is given; can be made slow or to throw. Thread-safe. */
final class RecordingSubscriber implements EventSubscriber {
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean overlapped;
    private volatile Duration delay = Duration.ZERO;
    private volatile Predicate<Event> explode = e -> false;

    RecordingSubscriber slow(Duration perEvent) {
        this.delay = perEvent;
        return this;
    }

    RecordingSubscriber throwingOn(Predicate<Event> which) {
        this.explode = which;
        return this;
    }

    @Override
    public List<String> selections(Config config) {
        throw new UnsupportedOperationException("the stream is given its selections");
    }

    @Override
    public void onEvent(Event event) throws Exception {
        if (running.incrementAndGet() > 1) {
            overlapped = true;
        }
        try {
            threads.add(Thread.currentThread().getName());
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
            }
            if (explode.test(event)) {
                throw new IllegalStateException("subscriber exploded on " + event.key());
            }
            events.add(event);
        } finally {
            running.decrementAndGet();
        }
    }

    boolean overlapped() {
        return overlapped;
    }

    List<String> keys() {
        return events.stream().map(Event::key).toList();
    }
}
