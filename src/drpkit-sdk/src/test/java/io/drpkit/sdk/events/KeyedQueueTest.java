package io.drpkit.sdk.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class KeyedQueueTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
    private final List<KeyedQueue<?>> queues = new ArrayList<>();

    @AfterEach
    void closeAll() {
        queues.forEach(q -> q.close(Duration.ofSeconds(1)));
    }

    private <T> KeyedQueue<T> track(KeyedQueue<T> q) {
        queues.add(q);
        return q;
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("latch").isTrue();
    }

    @Test
    void itemsOfOneKeyRunInOrderWhileOtherKeysRunAlongside() throws Exception {
        CountDownLatch aBlocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        KeyedQueue<String> q = track(KeyedQueue.<String>builder("t", (key, item) -> {
            if (item.equals("a1")) {
                aBlocked.countDown();
                await(release);
            }
            handled.add(item);
        }).threads(2).build());

        q.submit("a", "a1");
        await(aBlocked);
        q.submit("a", "a2");
        q.submit("a", "a3");
        for (int i = 1; i <= 5; i++) {
            q.submit("b", "b" + i);
        }
        // key b is handled on the other thread while a1 is still running
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (q.stats().done() < 5) {
            assertThat(System.nanoTime()).as("b handled while a blocked").isLessThan(deadline);
            Thread.sleep(5);
        }
        assertThat(handled).containsExactly("b1", "b2", "b3", "b4", "b5");
        assertThat(q.stats().running()).isEqualTo(1);
        assertThat(q.stats().queued()).isEqualTo(2);

        release.countDown();
        assertThat(q.awaitIdle(WAIT)).isTrue();
        assertThat(handled.subList(5, 8)).containsExactly("a1", "a2", "a3");
        assertThat(q.stats()).isEqualTo(new QueueStats(8, 0, 0, 8, 0, 0, 0, 1_000, 100, 2));
    }

    @Test
    void oneKeyNeverRunsTwiceAtOnce() throws Exception {
        Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        KeyedQueue<Integer> q = track(KeyedQueue.<Integer>builder("t", (key, item) -> {
            if (active.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.onSpinWait();
            handled.add(key + ":" + item);
            active.get(key).decrementAndGet();
        }).threads(4).build());
        for (int i = 0; i < 400; i++) {
            q.submit("k" + (i % 5), i);
        }
        assertThat(q.awaitIdle(WAIT)).isTrue();
        assertThat(overlaps).hasValue(0);
        for (int k = 0; k < 5; k++) {
            String prefix = "k" + k + ":";
            List<Integer> order = handled.stream().filter(s -> s.startsWith(prefix))
                    .map(s -> Integer.parseInt(s.substring(prefix.length()))).toList();
            assertThat(order).hasSize(80).isSorted();
        }
    }

    @Test
    void aFullKeyDropsItsOwnOldestWaitingItem() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> drops = Collections.synchronizedList(new ArrayList<>());
        KeyedQueue<String> q = track(KeyedQueue.<String>builder("t", (key, item) -> {
            if (item.equals("x1")) {
                running.countDown();
                await(release);
            }
            handled.add(item);
        }).threads(1).perKeyCapacity(2).onDrop((key, item, reason, n) -> drops.add(item + " " + reason + " " + n))
                .build());

        q.submit("x", "x1");
        await(running);
        q.submit("x", "x2");
        q.submit("y", "y1");
        q.submit("x", "x3");
        assertThat(q.submit("x", "x4")).isTrue(); // accepted; x2 goes

        assertThat(drops).containsExactly("x2 KEY_FULL 1");
        assertThat(q.stats().dropped()).isEqualTo(1);
        assertThat(q.stats().queued()).isEqualTo(3);
        release.countDown();
        assertThat(q.awaitIdle(WAIT)).isTrue();
        assertThat(handled).containsExactly("x1", "y1", "x3", "x4");
    }

    @Test
    void aFullQueueDropsTheOldestWaitingItemOfAnyKey() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> drops = Collections.synchronizedList(new ArrayList<>());
        KeyedQueue<String> q = track(KeyedQueue.<String>builder("t", (key, item) -> {
            if (item.equals("b0")) {
                running.countDown();
                await(release);
            }
            handled.add(item);
        }).threads(1).capacity(2).perKeyCapacity(2).onDrop((key, item, reason, n) -> drops.add(item + " " + reason))
                .build());

        q.submit("b", "b0"); // running, not waiting
        await(running);
        q.submit("a", "a1");
        q.submit("c", "c1");
        q.submit("d", "d1"); // two waiting: a1, the oldest, goes
        q.submit("c", "c2"); // c1 goes

        assertThat(drops).containsExactly("a1 QUEUE_FULL", "c1 QUEUE_FULL");
        release.countDown();
        assertThat(q.awaitIdle(WAIT)).isTrue();
        assertThat(handled).containsExactly("b0", "d1", "c2");
        QueueStats s = q.stats();
        assertThat(s.submitted()).isEqualTo(s.queued() + s.running() + s.done() + s.failed() + s.dropped());
        assertThat(s.dropped()).isEqualTo(2);
        assertThat(s.keys()).isZero();
    }

    @Test
    void aFailingHandlerIsCountedAndTheKeysNextItemStillRuns() throws Exception {
        KeyedQueue<String> q = track(KeyedQueue.<String>builder("t", (key, item) -> {
            if (item.equals("bad")) {
                throw new IllegalStateException("boom");
            }
            handled.add(item);
        }).threads(1).build());
        q.submit("k", "bad");
        q.submit("k", "good");
        assertThat(q.awaitIdle(WAIT)).isTrue();
        assertThat(handled).containsExactly("good");
        assertThat(q.stats().failed()).isEqualTo(1);
        assertThat(q.stats().done()).isEqualTo(1);
    }

    @Test
    void closeLetsWaitingItemsFinishThenRefusesNewOnes() throws Exception {
        KeyedQueue<String> q = KeyedQueue.<String>builder("t", (key, item) -> handled.add(item)).threads(2).build();
        for (int i = 0; i < 50; i++) {
            q.submit("k" + (i % 3), "i" + i);
        }
        assertThat(q.close(WAIT)).isTrue();
        assertThat(handled).hasSize(50);
        assertThat(q.submit("k", "late")).isFalse();
        QueueStats s = q.stats();
        assertThat(s.done()).isEqualTo(50);
        assertThat(s.dropped()).isEqualTo(1);
        assertThat(s.submitted()).isEqualTo(51);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("t-") && t.isAlive()
                && t.getName().length() <= 4);
    }

    @Test
    void closeAfterItsTimeoutDiscardsWhatWaitsAndInterruptsWhatRuns() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        KeyedQueue<String> q = KeyedQueue.<String>builder("stuck", (key, item) -> {
            running.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        }).threads(1).build();
        q.submit("k", "slow");
        await(running);
        q.submit("k", "waiting1");
        q.submit("j", "waiting2");

        assertThat(q.close(Duration.ofMillis(100))).isFalse();
        await(interrupted);
        assertThat(q.awaitIdle(WAIT)).isTrue();
        QueueStats s = q.stats();
        assertThat(s.dropped()).isEqualTo(2);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.queued()).isZero();
        assertThat(s.running()).isZero();
    }

    @Test
    void noThreadStartsBeforeTheFirstItem() throws Exception {
        KeyedQueue<String> q = track(KeyedQueue.<String>builder("lazy-queue", (key, item) -> handled.add(item))
                .threads(3).build());
        assertThat(threadsNamed("lazy-queue-")).isZero();
        q.submit("k", "one");
        assertThat(q.awaitIdle(WAIT)).isTrue();
        assertThat(threadsNamed("lazy-queue-")).isEqualTo(3);
    }

    @Test
    void theHandlerSeesTheSubmittersMdc() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        KeyedQueue<String> q = track(KeyedQueue.<String>builder("t", (key, item) -> seen.add(
                String.valueOf(MDC.get("drpkit.ignorePublish")))).threads(1).build());
        MDC.put("drpkit.ignorePublish", "true");
        try {
            q.submit("k", "one");
        } finally {
            MDC.clear();
        }
        q.submit("k", "two");
        assertThat(q.awaitIdle(WAIT)).isTrue();
        assertThat(seen).containsExactly("true", "null");
    }

    @Test
    void theBuilderRefusesNonsense() {
        KeyedQueue.Handler<String> h = (k, i) -> { };
        assertThatThrownBy(() -> KeyedQueue.builder(" ", h).build()).hasMessageContaining("name is blank");
        assertThatThrownBy(() -> KeyedQueue.builder("q", h).threads(0).build()).hasMessageContaining("threads must be 1..256");
        assertThatThrownBy(() -> KeyedQueue.builder("q", h).capacity(0).build()).hasMessageContaining("capacity must be");
        assertThatThrownBy(() -> KeyedQueue.builder("q", h).capacity(5).perKeyCapacity(6).build())
                .hasMessageContaining("perKeyCapacity must be 1..5, got 6");
        KeyedQueue<String> q = track(KeyedQueue.builder("q", h).build());
        assertThatThrownBy(() -> q.submit("", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }
}
