package io.drpkit.sdk.events;

import io.drpkit.sdk.Config;
import io.drpkit.sdk.EventSubscriber;
import io.drpkit.sdk.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An {@link EventSubscriber} that hands each event to a {@link KeyedQueue} instead of handling
 * it on the SDK's delivery thread, so a slow handler never stalls DRP's event stream: events of
 * one object (by default the same {@code Type} and {@code Key}) are handled one at a time in the
 * order DRP sent them; events of different objects run at once. The bounds and drop policy are
 * the queue's (oldest waiting event dropped and counted, never blocking the stream).
 *
 * <p>It wraps a plain subscriber: its {@link EventSubscriber#selections} are used as they are,
 * and its {@link EventSubscriber#onEvent} is called on the queue's threads, so <b>unlike a
 * plain subscriber it runs concurrently for different keys</b> and must be thread-safe.
 *
 * <pre>{@code
 * QueuedEventSubscriber events = QueuedEventSubscriber.builder(new MySubscriber())
 *     .threads(4).perKeyCapacity(8).build();
 * ProviderDefinition.builder("netbox", "1.0.0")
 *     .eventSubscriber(events)
 *     .onStop(() -> events.close(Duration.ofSeconds(10)))
 *     ...
 * }</pre>
 *
 * Thread-safe.
 *
 * @since 0.2
 */
public final class QueuedEventSubscriber implements EventSubscriber, AutoCloseable {
    private final EventSubscriber delegate;
    private final Function<Event, String> keyBy;
    private final KeyedQueue<Event> queue;

    private QueuedEventSubscriber(Builder b) {
        this.delegate = b.delegate;
        this.keyBy = b.keyBy;
        this.queue = b.queue.build();
    }

    /** Wraps {@code delegate}; queue defaults as {@link KeyedQueue#builder}, named {@code events}. */
    public static Builder builder(EventSubscriber delegate) {
        return new Builder(delegate);
    }

    /** The default key: {@code <Type>/<Key>}, or the type alone for events without a key. */
    public static String objectKey(Event event) {
        return event.key().isEmpty() ? event.type() : event.type() + "/" + event.key();
    }

    @Override
    public List<String> selections(Config config) {
        return delegate.selections(config);
    }

    /** Queues {@code event}; returns at once. */
    @Override
    public void onEvent(Event event) {
        String key = keyBy.apply(event);
        queue.submit(key == null || key.isEmpty() ? "-" : key, event);
    }

    /** The queue's counters now. */
    public QueueStats stats() {
        return queue.stats();
    }

    /** See {@link KeyedQueue#awaitIdle}. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return queue.awaitIdle(timeout);
    }

    /** See {@link KeyedQueue#close(Duration)}. */
    public boolean close(Duration timeout) {
        return queue.close(timeout);
    }

    @Override
    public void close() {
        queue.close();
    }

    /** Builds a {@link QueuedEventSubscriber}. Not thread-safe. @since 0.2 */
    public static final class Builder {
        private final EventSubscriber delegate;
        private final KeyedQueue.Builder<Event> queue;
        private Function<Event, String> keyBy = QueuedEventSubscriber::objectKey;

        private Builder(EventSubscriber delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate == null");
            EventSubscriber d = delegate;
            this.queue = KeyedQueue.builder("events", (String key, Event e) -> d.onEvent(e));
        }

        /** What orders events: same key, one at a time in order (default {@link #objectKey}). */
        public Builder keyBy(Function<Event, String> keyBy) {
            this.keyBy = Objects.requireNonNull(keyBy, "keyBy == null");
            return this;
        }

        public Builder threads(int threads) {
            queue.threads(threads);
            return this;
        }

        public Builder capacity(int capacity) {
            queue.capacity(capacity);
            return this;
        }

        public Builder perKeyCapacity(int perKeyCapacity) {
            queue.perKeyCapacity(perKeyCapacity);
            return this;
        }

        public Builder onDrop(KeyedQueue.DropListener<Event> listener) {
            queue.onDrop(listener);
            return this;
        }

        /** @throws IllegalArgumentException as {@link KeyedQueue.Builder#build} */
        public QueuedEventSubscriber build() {
            return new QueuedEventSubscriber(this);
        }
    }
}
