package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MachineLocksTest {
    private final MachineLocks locks = new MachineLocks();

    @Test
    void callsOnOneMachineNeverOverlapAndTheLockIsDroppedAfterwards() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<?> f : pool.invokeAll(java.util.Collections.nCopies(8, () -> locks.call("m", () -> {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                Thread.sleep(10);
                inside.decrementAndGet();
                return null;
            })))) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most).hasValue(1);
        assertThat(locks.size()).isZero();
    }

    @Test
    void differentMachinesDoNotWaitForEachOther() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> a = pool.submit(() -> locks.call("a", () -> {
                both.countDown();
                return both.await(5, TimeUnit.SECONDS);
            }));
            Future<Boolean> b = pool.submit(() -> locks.call("b", () -> {
                both.countDown();
                return both.await(5, TimeUnit.SECONDS);
            }));
            assertThat(a.get()).isTrue();
            assertThat(b.get()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
