package io.drpkit.sdk.events;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A bounded work queue that handles items concurrently across keys and strictly in order per
 * key (the per-id queues of DRP's callback and netbox plugins): items of one key are handled one
 * at a time, in the order they were submitted; items of different keys run at once on a fixed
 * pool of threads. Keys take turns: a key with more waiting goes behind the other ready keys
 * after each item, so one busy key cannot starve the rest.
 *
 * <p><b>Never blocks the submitter.</b> {@link #submit} returns at once, so the thread reading
 * DRP's event stream is never stalled by a slow handler. The bounds are kept by dropping the
 * <em>oldest waiting</em> item, counted in {@link QueueStats#dropped()} and reported to the
 * {@link DropListener} (by default a warning, at most one per second, carrying the count):
 * <ul>
 *   <li>when the key already has {@code perKeyCapacity} items waiting, its own oldest waiting
 *       item is dropped (for DRP objects the newer event describes the newer state; with a
 *       per-key capacity of 1 only the latest event of each key is kept);</li>
 *   <li>else, when {@code capacity} items are waiting in all, the oldest waiting item of any key
 *       is dropped.</li>
 * </ul>
 * An item already running is never dropped.
 *
 * <p><b>Failures.</b> An exception from the handler is logged with its stack, counted in
 * {@link QueueStats#failed()}, and the key's next item runs. An {@link Error} other than a
 * {@link VirtualMachineError} is treated the same way.
 *
 * <p><b>Threads</b> are started on the first {@link #submit} (so a provider's {@code define}
 * starts none), are daemons, and are named {@code <name>-1} ... {@code <name>-n}. The handler
 * runs with the SLF4J MDC the submitting thread had (so lines logged while handling an event
 * are marked as DRP's event thread marks them). Thread-safe.
 *
 * <p><b>Stopping.</b> {@link #close(Duration)} refuses new items (counted as dropped), lets what
 * is waiting and running finish within the timeout, then discards what still waits (dropped),
 * interrupts handlers still running and returns. Idempotent.
 *
 * <pre>{@code
 * KeyedQueue<Event> queue = KeyedQueue.builder("machine-events", (String uuid, Event e) -> cleanUp(e))
 *     .threads(4).capacity(1_000).perKeyCapacity(16).build();
 * queue.submit(event.key(), event);          // from EventSubscriber.onEvent: returns at once
 * QueueStats stats = queue.stats();          // for a status action
 * queue.close(Duration.ofSeconds(10));       // from the stop hook
 * }</pre>
 *
 * @param <T> the item type
 * @since 0.2
 */
public final class KeyedQueue<T> implements AutoCloseable {
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long INTERRUPT_GRACE_MILLIS = 200;

    /**
     * Handles one item, on one of the queue's threads; never called concurrently for one key.
     *
     * @param <T> the item type
     * @since 0.2
     */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(String key, T item) throws Exception;
    }

    /**
     * Told about every item that is dropped, on the thread that dropped it (the submitter, or
     * the closing thread), while the queue's lock is <em>not</em> held. Must not block.
     *
     * @param <T> the item type
     * @since 0.2
     */
    @FunctionalInterface
    public interface DropListener<T> {
        void dropped(String key, T item, DropReason reason, long droppedSoFar);
    }

    /** Why an item was dropped. @since 0.2 */
    public enum DropReason {
        /** Its key already had {@code perKeyCapacity} items waiting; it was the oldest. */
        KEY_FULL,
        /** {@code capacity} items were waiting in all; it was the oldest. */
        QUEUE_FULL,
        /** Submitted after {@link #close} began, or still waiting when the close timeout passed. */
        CLOSED
    }

    private enum State { OPEN, CLOSING, CLOSED }

    /** One waiting item, linked in submission order across all keys. */
    private static final class Node<T> {
        final T item;
        final Lane<T> lane;
        final Map<String, String> mdc;
        Node<T> prev;
        Node<T> next;

        Node(T item, Lane<T> lane, Map<String, String> mdc) {
            this.item = item;
            this.lane = lane;
            this.mdc = mdc;
        }
    }

    /** A key with items waiting or running. */
    private static final class Lane<T> {
        final String key;
        final ArrayDeque<Node<T>> waiting = new ArrayDeque<>();
        boolean running;

        Lane(String key) {
            this.key = key;
        }
    }

    private record Dropped<T>(String key, T item, DropReason reason) {
    }

    private final String name;
    private final Handler<T> handler;
    private final DropListener<T> dropListener;
    private final int threads;
    private final int capacity;
    private final int perKeyCapacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Condition idle = lock.newCondition();
    // all guarded by lock
    private final Map<String, Lane<T>> lanes = new HashMap<>();
    private final ArrayDeque<Lane<T>> readyLanes = new ArrayDeque<>();
    private final List<Thread> workers = new ArrayList<>();
    private Node<T> oldest;
    private Node<T> newest;
    private State state = State.OPEN;
    private long submitted;
    private int queued;
    private int running;
    private long done;
    private long failed;
    private long dropped;
    private long lastWarning;
    private boolean warned;

    private KeyedQueue(Builder<T> b) {
        this.name = b.name;
        this.handler = b.handler;
        this.threads = b.threads;
        this.capacity = b.capacity;
        this.perKeyCapacity = b.perKeyCapacity;
        this.dropListener = b.dropListener != null ? b.dropListener : this::warnDropped;
    }

    /**
     * Starts a queue called {@code name} (its threads' name prefix) handing items to
     * {@code handler}. Defaults: 4 threads, capacity 1,000, 100 per key.
     */
    public static <T> Builder<T> builder(String name, Handler<T> handler) {
        return new Builder<>(name, handler);
    }

    /**
     * Queues {@code item} under {@code key}; returns at once. Keeps the bounds by dropping the
     * oldest waiting item as described above.
     *
     * @return false if the queue is closing or closed (the item is dropped and counted), else true
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public boolean submit(String key, T item) {
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(item, "item == null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key is empty");
        }
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        Dropped<T> out = null;
        long droppedSoFar;
        lock.lock();
        try {
            submitted++;
            if (state != State.OPEN) {
                dropped++;
                out = new Dropped<>(key, item, DropReason.CLOSED);
            } else {
                Lane<T> existing = lanes.get(key);
                if (existing != null && existing.waiting.size() >= perKeyCapacity) {
                    out = dropOldestOf(existing, DropReason.KEY_FULL);
                } else if (queued >= capacity) {
                    out = dropOldestOf(oldest.lane, DropReason.QUEUE_FULL);
                }
                // after the drop, which may have retired the key's lane
                Lane<T> lane = lanes.computeIfAbsent(key, Lane::new);
                Node<T> node = new Node<>(item, lane, mdc);
                link(node);
                lane.waiting.addLast(node);
                queued++;
                if (!lane.running && lane.waiting.size() == 1) {
                    readyLanes.addLast(lane);
                    ready.signal();
                }
                startWorkers();
            }
            droppedSoFar = dropped;
        } finally {
            lock.unlock();
        }
        if (out != null) {
            report(out, droppedSoFar);
        }
        return out == null || out.reason() != DropReason.CLOSED;
    }

    /** The counters now. */
    public QueueStats stats() {
        lock.lock();
        try {
            return new QueueStats(submitted, queued, running, done, failed, dropped, lanes.size(), capacity,
                    perKeyCapacity, threads);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until nothing is waiting or running, at most {@code timeout}.
     *
     * @return whether the queue became idle
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (queued > 0 || running > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the queue: new items are refused; what waits and runs gets {@code timeout} to
     * finish; then what still waits is discarded (dropped) and running handlers are interrupted
     * and given 200 ms more. Idempotent; a second call returns at once.
     *
     * @return whether everything submitted before the close was handled
     */
    public boolean close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout == null");
        List<Dropped<T>> discarded = new ArrayList<>();
        List<Thread> toStop;
        boolean drained;
        long droppedSoFar;
        lock.lock();
        try {
            if (state != State.OPEN) {
                return queued == 0 && running == 0;
            }
            state = State.CLOSING;
            long nanos = timeout.toNanos();
            try {
                while ((queued > 0 || running > 0) && nanos > 0) {
                    nanos = idle.awaitNanos(nanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drained = queued == 0 && running == 0;
            state = State.CLOSED;
            while (oldest != null) {
                discarded.add(dropOldestOf(oldest.lane, DropReason.CLOSED));
            }
            ready.signalAll();
            toStop = List.copyOf(workers);
            droppedSoFar = dropped;
        } finally {
            lock.unlock();
        }
        discarded.forEach(d -> report(d, droppedSoFar));
        for (Thread t : toStop) {
            if (t.isAlive()) {
                t.interrupt();
            }
        }
        for (Thread t : toStop) {
            try {
                t.join(INTERRUPT_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!discarded.isEmpty() || !drained) {
            log().warn("Queue {} closed before it was done: {} items discarded, {} still running when interrupted",
                    name, discarded.size(), stats().running());
        }
        return drained;
    }

    /** {@link #close(Duration)} with 10 seconds. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    @Override
    public String toString() {
        return "KeyedQueue[" + name + " " + stats() + "]";
    }

    /** Looked up on use, so building a queue (e.g. during {@code define}) loads no logging. */
    private static Logger log() {
        return LoggerFactory.getLogger(KeyedQueue.class);
    }

    // ---------------------------------------------------------------- workers

    private void startWorkers() {
        if (!workers.isEmpty()) {
            return;
        }
        for (int i = 1; i <= threads; i++) {
            Thread t = new Thread(this::work, name + "-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    private void work() {
        while (true) {
            Node<T> node;
            lock.lock();
            try {
                while (readyLanes.isEmpty()) {
                    if (state == State.CLOSED) {
                        return;
                    }
                    ready.await();
                }
                Lane<T> lane = readyLanes.pollFirst();
                node = lane.waiting.pollFirst();
                unlink(node);
                queued--;
                lane.running = true;
                running++;
            } catch (InterruptedException e) {
                return; // close() gave up waiting
            } finally {
                lock.unlock();
            }
            boolean ok = handle(node);
            lock.lock();
            try {
                if (ok) {
                    done++;
                } else {
                    failed++;
                }
                Lane<T> lane = node.lane;
                lane.running = false;
                running--;
                if (!lane.waiting.isEmpty()) {
                    readyLanes.addLast(lane);
                    ready.signal();
                } else {
                    lanes.remove(lane.key);
                }
                if (queued == 0 && running == 0) {
                    idle.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Runs the handler; true if it returned. */
    private boolean handle(Node<T> node) {
        if (node.mdc != null) {
            MDC.setContextMap(node.mdc);
        }
        try {
            handler.handle(node.lane.key, node.item);
            return true;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log().error("Queue {}: handler failed on key {}: {}", name, node.lane.key, e.toString(), e);
            return false;
        } finally {
            MDC.clear();
            Thread.interrupted(); // an interrupt meant for this item must not end the next one
        }
    }

    // ---------------------------------------------------------------- bookkeeping (lock held)

    private Dropped<T> dropOldestOf(Lane<T> lane, DropReason reason) {
        Node<T> victim = lane.waiting.pollFirst();
        unlink(victim);
        queued--;
        dropped++;
        if (lane.waiting.isEmpty()) {
            readyLanes.remove(lane);
            if (!lane.running) {
                lanes.remove(lane.key);
            }
        }
        if (queued == 0 && running == 0) {
            idle.signalAll();
        }
        return new Dropped<>(lane.key, victim.item, reason);
    }

    private void link(Node<T> node) {
        node.prev = newest;
        if (newest == null) {
            oldest = node;
        } else {
            newest.next = node;
        }
        newest = node;
    }

    private void unlink(Node<T> node) {
        if (node.prev == null) {
            oldest = node.next;
        } else {
            node.prev.next = node.next;
        }
        if (node.next == null) {
            newest = node.prev;
        } else {
            node.next.prev = node.prev;
        }
        node.prev = null;
        node.next = null;
    }

    private void report(Dropped<T> d, long droppedSoFar) {
        try {
            dropListener.dropped(d.key(), d.item(), d.reason(), droppedSoFar);
        } catch (RuntimeException e) {
            log().warn("Queue {}: drop listener failed: {}", name, e.toString());
        }
    }

    private void warnDropped(String key, T item, DropReason reason, long droppedSoFar) {
        long now = System.nanoTime();
        synchronized (this) {
            if (warned && now - lastWarning < WARN_EVERY_NANOS) {
                return;
            }
            warned = true;
            lastWarning = now;
        }
        log().warn("Queue {}: dropped an item of key {} ({}); {} dropped so far", name, key, reason, droppedSoFar);
    }

    /**
     * Builds a {@link KeyedQueue}. Not thread-safe.
     *
     * @param <T> the item type
     * @since 0.2
     */
    public static final class Builder<T> {
        private final String name;
        private final Handler<T> handler;
        private int threads = 4;
        private int capacity = 1_000;
        private int perKeyCapacity = 100;
        private DropListener<T> dropListener;

        private Builder(String name, Handler<T> handler) {
            this.name = Objects.requireNonNull(name, "name == null");
            this.handler = Objects.requireNonNull(handler, "handler == null");
        }

        /** How many items of different keys run at once (default 4). */
        public Builder<T> threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** The bound on waiting items in all (default 1,000). */
        public Builder<T> capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /** The bound on waiting items of one key (default 100; 1 keeps only each key's latest). */
        public Builder<T> perKeyCapacity(int perKeyCapacity) {
            this.perKeyCapacity = perKeyCapacity;
            return this;
        }

        /** Told about each dropped item instead of the default rate-limited warning. */
        public Builder<T> onDrop(DropListener<T> listener) {
            this.dropListener = Objects.requireNonNull(listener, "listener == null");
            return this;
        }

        /**
         * @throws IllegalArgumentException if the name is blank, threads is not 1..256, capacity
         *     is below 1, or perKeyCapacity is below 1 or above capacity
         */
        public KeyedQueue<T> build() {
            if (name.isBlank()) {
                throw new IllegalArgumentException("queue name is blank");
            }
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("queue " + name + ": threads must be 1..256, got " + threads);
            }
            if (capacity < 1) {
                throw new IllegalArgumentException("queue " + name + ": capacity must be at least 1, got " + capacity);
            }
            if (perKeyCapacity < 1 || perKeyCapacity > capacity) {
                throw new IllegalArgumentException("queue " + name + ": perKeyCapacity must be 1.." + capacity
                        + ", got " + perKeyCapacity);
            }
            return new KeyedQueue<>(this);
        }
    }
}
