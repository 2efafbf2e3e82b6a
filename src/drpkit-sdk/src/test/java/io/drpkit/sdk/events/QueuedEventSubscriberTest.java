package io.drpkit.sdk.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.sdk.Config;
import io.drpkit.sdk.EventSubscriber;
import io.drpkit.sdk.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueuedEventSubscriberTest {
    private static Event event(String type, String action, String key) {
        return new Event(Instant.EPOCH, type, action, key, "test", null, null);
    }

    @Test
    void aSlowObjectDoesNotHoldBackTheOthersAndEachObjectKeepsItsOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        EventSubscriber slow = new EventSubscriber() {
            @Override
            public List<String> selections(Config config) {
                return List.of("machines.*.*");
            }

            @Override
            public void onEvent(Event e) throws Exception {
                if (e.key().equals("m1") && e.action().equals("create")) {
                    assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
                }
                seen.add(e.key() + "." + e.action());
            }
        };
        try (QueuedEventSubscriber s = QueuedEventSubscriber.builder(slow).threads(2).build()) {
            assertThat(s.selections(null)).containsExactly("machines.*.*");
            long start = System.nanoTime();
            s.onEvent(event("machines", "create", "m1"));
            s.onEvent(event("machines", "delete", "m1"));
            s.onEvent(event("machines", "create", "m2"));
            s.onEvent(event("machines", "delete", "m2"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (seen.size() < 2) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(5);
            }
            assertThat(seen).containsExactly("m2.create", "m2.delete");
            release.countDown();
            assertThat(s.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(seen).containsExactly("m2.create", "m2.delete", "m1.create", "m1.delete");
            assertThat(s.stats().done()).isEqualTo(4);
        }
    }

    @Test
    void theDefaultKeyIsTheObject() {
        assertThat(QueuedEventSubscriber.objectKey(event("machines", "save", "u1"))).isEqualTo("machines/u1");
        assertThat(QueuedEventSubscriber.objectKey(event("websocket", "register", ""))).isEqualTo("websocket");
    }
}
