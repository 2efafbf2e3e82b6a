package io.drpkit.sdk.internal.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread pool that grows only on demand: a task goes to an idle thread if there is one, else
 * to a new thread up to {@code maxThreads}, else into a queue of at most {@code queueCapacity},
 * else it is rejected with {@link RejectedExecutionException}. Idle threads end after
 * {@code keepAlive}, down to none.
 *
 * <p>Why not a plain {@code ThreadPoolExecutor(max, max, ...)}: that one starts a new thread
 * for every task until {@code max} exist, even when threads sit idle, so one busy minute leaves
 * a plugin with 64 threads (and their stacks) where a handful would do. Why not core &lt; max
 * with a bounded queue: then it queues before it grows, and a slow action holds up the others.
 *
 * <p>Thread-safe (it is a {@link ThreadPoolExecutor}); threads are daemons named
 * {@code <name>-<n>}.
 */
final class RequestPool {
    private RequestPool() {
    }

    static ThreadPoolExecutor create(String name, int maxThreads, int queueCapacity, Duration keepAlive) {
        Objects.requireNonNull(name, "name == null");
        HandOff queue = new HandOff(queueCapacity);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, maxThreads, keepAlive.toMillis(), TimeUnit.MILLISECONDS,
                queue, r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, (task, executor) -> {
                    // every thread is busy and there are maxThreads of them: queue, if there is room
                    if (executor.isShutdown() || !queue.enqueue(task)) {
                        throw new RejectedExecutionException(name + ": " + maxThreads + " threads busy and "
                                + queueCapacity + " tasks queued");
                    }
                });
        return pool;
    }

    /**
     * The executor's queue. {@link #offer} succeeds only when an idle thread is waiting to take
     * the task, which makes the executor start a new thread otherwise; {@link #enqueue} is the
     * real queue, used once the pool is at its maximum.
     */
    private static final class HandOff extends LinkedTransferQueue<Runnable> {
        private final int capacity;

        HandOff(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("queue capacity is negative: " + capacity);
            }
            this.capacity = capacity;
        }

        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        /** Synchronized so the size check holds: takers only ever make the queue shorter. */
        synchronized boolean enqueue(Runnable task) {
            if (size() >= capacity) {
                return false;
            }
            return super.offer(task);
        }
    }
}
