package io.drpkit.sdk.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * One operation at a time per target, concurrent across targets. Timing is observed with
 * latches, barriers and the JDK's record of what a parked thread waits on; nothing sleeps.
 */
class ResourceManagerConcurrencyTest {
    private static final long TIMEOUT_S = 20;

    record Thing(String name) {
    }

    private final MemoryStore store = new MemoryStore();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private Resource<Thing> thing(String name) {
        return Resource.builder(name, Thing.class)
                .create(ctx -> {
                    events.add(ctx.targetKey() + " create " + name);
                    return new Thing(name);
                })
                .destroy(ctx -> events.add(ctx.targetKey() + " destroy " + name))
                .build();
    }

    /** A resource whose create signals {@code entered} and then waits for {@code release}. */
    private Resource<Thing> gate(CountDownLatch entered, CountDownLatch release) {
        return Resource.builder("gate", Thing.class)
                .create(ctx -> {
                    events.add(ctx.targetKey() + " create gate");
                    entered.countDown();
                    if (!release.await(TIMEOUT_S, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("test never released the gate");
                    }
                    return new Thing("gate");
                })
                .destroy(ctx -> events.add(ctx.targetKey() + " destroy gate"))
                .build();
    }

    private ResourceManager<String> manager(Resource<?>... resources) {
        ResourceManager.Builder<String> b = ResourceManager.builder().store(store);
        for (Resource<?> r : resources) {
            b.resource(r);
        }
        return b.build();
    }

    @Test
    void destroyAllOnATargetWaitsForItsRunningCreateAll() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ResourceManager<String> m = manager(thing("a"), gate(entered, release), thing("z"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<List<String>> destroyed = new AtomicReference<>();

        Thread creator = start(() -> m.createAll("m1"), failure);
        assertThat(entered.await(TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
        Thread destroyer = start(() -> destroyed.set(m.destroyAll("m1")), failure);
        awaitParkedOnTargetLock(destroyer);

        assertThat(events).containsExactly("m1 create a", "m1 create gate");
        release.countDown();
        join(creator, destroyer);

        assertThat(failure.get()).isNull();
        assertThat(events).containsExactly("m1 create a", "m1 create gate", "m1 create z",
                "m1 destroy z", "m1 destroy gate", "m1 destroy a");
        assertThat(destroyed.get()).containsExactly("z", "gate", "a");
        assertThat(m.lockedTargets()).isZero();
    }

    @Test
    void aSecondCreateAllOnTheSameTargetWaitsThenFindsItCreated() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ResourceManager<String> m = manager(gate(entered, release), thing("z"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Throwable> second = new AtomicReference<>();

        Thread first = start(() -> m.createAll("m1"), failure);
        assertThat(entered.await(TIMEOUT_S, TimeUnit.SECONDS)).isTrue();
        Thread other = start(() -> m.createAll("m1"), second);
        awaitParkedOnTargetLock(other);
        release.countDown();
        join(first, other);

        assertThat(failure.get()).isNull();
        assertThat(second.get()).isInstanceOfSatisfying(ResourceException.class,
                e -> assertThat(e.error().code()).isEqualTo(409));
        assertThat(events).containsExactly("m1 create gate", "m1 create z");
    }

    @Test
    void operationsOnDifferentTargetsOverlap() throws Exception {
        // Each create waits at the barrier for the other target's create: if the manager ran
        // them one after the other, the first would time out there and its createAll would fail.
        CyclicBarrier bothInside = new CyclicBarrier(2);
        Resource<Thing> meet = Resource.builder("meet", Thing.class)
                .create(ctx -> {
                    bothInside.await(TIMEOUT_S, TimeUnit.SECONDS);
                    return new Thing("meet");
                })
                .destroy(ctx -> { }).build();
        ResourceManager<String> m = manager(meet);
        AtomicReference<Throwable> failure = new AtomicReference<>();

        Thread one = start(() -> m.createAll("m1"), failure);
        Thread two = start(() -> m.createAll("m2"), failure);
        join(one, two);

        assertThat(failure.get()).isNull();
        assertThat(store.load("m1")).isPresent();
        assertThat(store.load("m2")).isPresent();
        assertThat(m.lockedTargets()).isZero();
    }

    @Test
    void underContentionEachTargetSeesWholeOperationsOnlyAndLocksAreCleanedUp() throws Exception {
        ResourceManager<String> m = manager(thing("a"), thing("b"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            String key = "m" + (t % 2);
            threads.add(start(() -> {
                for (int i = 0; i < 40; i++) {
                    try {
                        m.createAll(key);
                    } catch (ResourceException e) {
                        if (e.error().code() != 409) {
                            throw e;
                        }
                    }
                    m.destroyAll(key);
                }
            }, failure));
        }
        join(threads.toArray(new Thread[0]));

        assertThat(failure.get()).isNull();
        Map<String, List<String>> perTarget = new ConcurrentHashMap<>();
        synchronized (events) {
            for (String event : events) {
                String[] parts = event.split(" ", 2);
                perTarget.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
            }
        }
        assertThat(perTarget).containsOnlyKeys("m0", "m1");
        perTarget.forEach((key, list) -> {
            assertThat(list.size() % 4).as(key).isZero();
            for (int i = 0; i < list.size(); i += 4) {
                assertThat(list.subList(i, i + 4)).as(key + " at " + i)
                        .containsExactly("create a", "create b", "destroy b", "destroy a");
            }
        });
        assertThat(m.lockedTargets()).isZero();
    }

    private static Thread start(ThrowingRunnable body, AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread... threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
            assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
        }
    }

    /** Waits until {@code t} is parked on a ReentrantLock: the target lock, the only one it takes. */
    private static void awaitParkedOnTargetLock(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (true) {
            Object blocker = LockSupport.getBlocker(t);
            if (blocker != null && blocker.getClass().getEnclosingClass() == ReentrantLock.class) {
                return;
            }
            if (!t.isAlive() || System.nanoTime() > deadline) {
                fail("thread did not wait for the target lock; state " + t.getState());
            }
            Thread.yield();
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
