package io.drpkit.sdk.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestPoolTest {
    private ThreadPoolExecutor pool;

    @AfterEach
    void shutdown() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void sequentialTasksReuseOneIdleThreadInsteadOfStartingNewOnes() throws Exception {
        pool = RequestPool.create("t", 64, 16, Duration.ofSeconds(30));
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 50; i++) {
            pool.submit(() -> names.add(Thread.currentThread().getName())).get(5, TimeUnit.SECONDS);
            awaitIdle(pool);
        }
        assertThat(names).hasSize(1);
        assertThat(pool.getLargestPoolSize()).isEqualTo(1);
    }

    @Test
    void blockedTasksEachGetAThreadUpToTheMaximumThenQueueThenAreRejected() throws Exception {
        pool = RequestPool.create("t", 3, 2, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            pool.execute(() -> {
                running.countDown();
                await(release);
            });
        }
        assertThat(running.await(10, TimeUnit.SECONDS)).as("three tasks run at once").isTrue();
        CountDownLatch queuedRan = new CountDownLatch(2);
        pool.execute(queuedRan::countDown);
        pool.execute(queuedRan::countDown);
        assertThat(pool.getPoolSize()).isEqualTo(3);
        assertThat(pool.getQueue()).hasSize(2);
        assertThatThrownBy(() -> pool.execute(() -> { }))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessage("t: 3 threads busy and 2 tasks queued");
        release.countDown();
        assertThat(queuedRan.await(10, TimeUnit.SECONDS)).as("queued tasks run once threads free up").isTrue();
    }

    @Test
    void idleThreadsEndAfterTheKeepAliveAndAreNamedAfterThePool() throws Exception {
        pool = RequestPool.create("drpkit-x", 4, 4, Duration.ofMillis(50));
        String name = pool.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
        assertThat(name).isEqualTo("drpkit-x-1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.getPoolSize() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pool.getPoolSize()).isZero();
    }

    @Test
    void aShutDownPoolRejects() {
        pool = RequestPool.create("t", 2, 2, Duration.ofSeconds(1));
        pool.shutdown();
        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    private static void awaitIdle(ThreadPoolExecutor pool) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        // idle = back in the queue waiting for a task, not merely done with the last one
        var queue = (java.util.concurrent.LinkedTransferQueue<Runnable>) pool.getQueue();
        while (!queue.hasWaitingConsumer() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
