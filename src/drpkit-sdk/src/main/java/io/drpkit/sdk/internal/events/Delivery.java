package io.drpkit.sdk.internal.events;

import io.drpkit.sdk.EventSubscriber;
import io.drpkit.sdk.internal.logging.Logging;
import io.drpkit.sdk.model.Event;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Hands events to an {@link EventSubscriber} on one thread, in the order they were offered
 * (spec §7.5), without ever making the offering thread — the socket reader — wait: a bounded
 * buffer sits in between, and an event that does not fit is dropped, counted and reported
 * (rate-limited). An exception from the subscriber is logged with its stack and delivery goes on.
 *
 * <p>Each call of the subscriber holds {@code subscriberLock}, which the streams of successive
 * configurations share, so the subscriber is never called concurrently with itself even while
 * an old stream finishes. Thread-safe.
 */
final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    /** Ends the delivery thread; compared by identity. */
    private static final Event STOP = Event.of("drpkit", "stop", "", null);
    /** How long an interrupted subscriber gets to return, past the close timeout. */
    private static final long INTERRUPT_GRACE_MILLIS = 200;

    private final EventSubscriber subscriber;
    private final Lock subscriberLock;
    private final int capacity;
    private final BlockingQueue<Event> queue;
    private final WarningThrottle drops;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping; // written by finish() only, which the stream calls once
    private volatile boolean abandoned; // finish() stopped waiting: discard instead of delivering

    Delivery(EventSubscriber subscriber, Lock subscriberLock, int capacity, Duration warnEvery, String threadName) {
        this.subscriber = Objects.requireNonNull(subscriber, "subscriber == null");
        this.subscriberLock = Objects.requireNonNull(subscriberLock, "subscriberLock == null");
        this.capacity = capacity;
        // one extra slot so that STOP always fits behind a full buffer
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.drops = new WarningThrottle(warnEvery);
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Queues {@code event} for delivery, or drops and counts it when the buffer is full or the
     * delivery is stopping. Never blocks.
     */
    void offer(Event event) {
        received.incrementAndGet();
        if (stopping) {
            discarded.incrementAndGet(); // reported by finish()
            return;
        }
        // the size check keeps STOP's slot free; offer() alone would take it
        if (queue.size() >= capacity || !queue.offer(event)) {
            drops.occurred(total -> NoRepublish.log(() -> LOG.warn(
                    "Event buffer full ({} events): dropped {}; {} events dropped so far", capacity, event.subject(), total)));
        }
    }

    /**
     * Stops delivery: events queued now are still delivered within {@code timeout}; what is left
     * after it is discarded (counted as dropped, logged), and a subscriber still running is
     * interrupted and given {@value #INTERRUPT_GRACE_MILLIS} ms more to return. Idempotent.
     */
    void finish(Duration timeout) {
        if (stopping) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        stopping = true;
        queue.offer(STOP); // the spare slot leaves room for it
        if (thread.getState() == Thread.State.NEW) {
            discardQueued();
        } else if (thread.isAlive()) {
            awaitEnd(deadline, timeout);
        }
        reportDrops();
        long late = discarded.get();
        if (late > 0) {
            LOG.warn("Event stream closed: {} events were not delivered", late);
        }
    }

    private void awaitEnd(long deadline, Duration timeout) {
        try {
            thread.join(Math.max(1, remainingMillis(deadline)));
            if (thread.isAlive()) {
                abandoned = true; // from now on the thread delivers nothing more
                discardQueued();
                thread.interrupt();
                queue.offer(STOP);
                thread.join(INTERRUPT_GRACE_MILLIS);
                if (thread.isAlive()) {
                    LOG.warn("Event subscriber still busy {} ms after its stream began closing; "
                            + "the next stream's deliveries wait for it", timeout.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long received() {
        return received.get();
    }

    long delivered() {
        return delivered.get();
    }

    long failed() {
        return failed.get();
    }

    long dropped() {
        return drops.count() + discarded.get();
    }

    int queued() {
        int n = queue.size();
        return stopping && n > 0 && queue.contains(STOP) ? n - 1 : n;
    }

    int capacity() {
        return capacity;
    }

    private void run() {
        // what a subscriber logs is not re-published as an event (spec §7.5: no-republish logger)
        MDC.put(Logging.MDC_IGNORE_PUBLISH, "true");
        try {
            while (true) {
                Event event = queue.take();
                if (event == STOP) {
                    return;
                }
                if (abandoned) {
                    discarded.incrementAndGet();
                    continue;
                }
                deliver(event);
            }
        } catch (InterruptedException e) {
            // finish() gave up waiting; what is left was discarded there
        } finally {
            MDC.clear();
        }
    }

    private void deliver(Event event) {
        subscriberLock.lock();
        try {
            subscriber.onEvent(event);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            failed.incrementAndGet();
            LOG.error("Event subscriber failed on {}: {}", event.subject(), e.toString(), e);
        } finally {
            subscriberLock.unlock();
            delivered.incrementAndGet();
        }
    }

    private void discardQueued() {
        int n = 0;
        for (Event e; (e = queue.poll()) != null; ) {
            if (e != STOP) {
                n++;
            }
        }
        discarded.addAndGet(n);
    }

    private void reportDrops() {
        drops.flush(total -> LOG.warn("Event buffer full ({} events): {} events dropped in all", capacity, total));
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }
}
