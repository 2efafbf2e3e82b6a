package io.drpkit.sdk.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drpkit.sdk.EventSelection;
import io.drpkit.sdk.EventStreamStats;
import io.drpkit.sdk.EventSubscriber;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.internal.api.DrpApiOptions;
import io.drpkit.sdk.internal.api.HttpDrpApi;
import io.drpkit.sdk.internal.server.LogCapture;
import io.drpkit.sdk.model.Event;
import io.drpkit.testkit.FakeDrp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event stream against the test kit's DRP websocket, in-process. */
class EventStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final EventStreamOptions FAST = EventStreamOptions.defaults()
            .withRetry(Duration.ofMillis(50), Duration.ofMillis(400))
            .withAckTimeout(Duration.ofSeconds(5));

    @TempDir
    Path tmp;

    private FakeDrp drp;
    private HttpDrpApi api;
    private final List<EventStream> streams = new ArrayList<>();
    private LogCapture logs;

    @BeforeEach
    void start() {
        drp = FakeDrp.start();
        api = session(drp.providerEnvironment());
        logs = new LogCapture();
    }

    @AfterEach
    void stop() {
        streams.forEach(s -> s.close(Duration.ofSeconds(2)));
        logs.close();
        api.close();
        drp.close();
    }

    private HttpDrpApi session(Map<String, String> env) {
        return HttpDrpApi.connect(ProviderEnvironment.from(env, tmp), DrpApiOptions.defaults());
    }

    private Dialer dialer() {
        return Dialer.of(api, Duration.ofSeconds(30));
    }

    private EventStream stream(Dialer dialer, RecordingSubscriber subscriber, EventStreamOptions options,
                               String... selections) {
        EventStream s = new EventStream(dialer, Arrays.stream(selections).map(EventSelection::parse).toList(),
                subscriber, new ReentrantLock(), options);
        streams.add(s);
        return s;
    }

    private EventStream open(RecordingSubscriber subscriber, String... selections) {
        EventStream s = stream(dialer(), subscriber, FAST, selections);
        s.open();
        return s;
    }

    private static Event event(String type, String action, String key) {
        return new Event(Instant.now(), type, action, key, "test", null, null);
    }

    private static void await(String what, BooleanSupplier done, Supplier<Object> seen) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what
                        + "; seen: " + seen.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private static void awaitDelivered(RecordingSubscriber subscriber, int count) {
        await(count + " delivered events", () -> subscriber.events.size() >= count, subscriber::keys);
    }

    // ---------------------------------------------------------------- registering

    @Test
    void openRegistersEachDistinctSelectionOnceAndEventsRightAfterArrive() {
        RecordingSubscriber subscriber = new RecordingSubscriber();
        EventStream s = open(subscriber, "machines.create.*", "jobs.update.*", "machines.create.*");

        assertThat(drp.websocketMessages()).containsExactly("register machines.create.*", "register jobs.update.*");
        assertThat(drp.websocketRegistrations()).containsExactly(List.of("machines.create.*", "jobs.update.*"));
        // acknowledged, so registered: the very next event is not missed
        drp.emit(event("machines", "create", "m1"));
        awaitDelivered(subscriber, 1);
        assertThat(subscriber.keys()).containsExactly("m1");
        assertThat(s.stats().connected()).isTrue();
        assertThat(s.stats().selections()).containsExactly("machines.create.*", "jobs.update.*");
    }

    @Test
    void openWaitsForTheAcknowledgementsAndFailsWithoutThem() {
        TappedDialer tap = new TappedDialer(dialer()).hide(text -> text.contains("\"Type\":\"websocket\""));
        EventStream s = stream(tap, new RecordingSubscriber(), FAST.withAckTimeout(Duration.ofMillis(300)),
                "machines.create.*", "machines.delete.*");
        long start = System.nanoTime();
        assertThatThrownBy(s::open)
                .isInstanceOf(EventStreamException.class)
                .hasMessageContaining("2 of 2 register frames")
                .hasMessageContaining("/api/v3/ws")
                .hasMessageContaining("no acknowledgement within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(s.stats().connected()).isFalse();
    }

    @Test
    void aRefusedConnectionFailsOpenWithDrpsAnswer() {
        Map<String, String> env = new HashMap<>(drp.providerEnvironment());
        env.put("RS_TOKEN", "wrong");
        try (HttpDrpApi bad = session(env)) {
            EventStream s = stream(Dialer.of(bad, Duration.ofSeconds(30)), new RecordingSubscriber(), FAST,
                    "machines.*.*");
            assertThatThrownBy(s::open)
                    .isInstanceOf(EventStreamException.class)
                    .hasMessageContaining("cannot open the event stream to wss://127.0.0.1:")
                    .hasMessageContaining("answered the websocket request with 401");
        }
    }

    @Test
    void theSchemeIsForcedToWss() {
        Map<String, String> env = new HashMap<>(drp.providerEnvironment());
        env.put("RS_ENDPOINT", drp.endpoint().toString().replace("https://", "http://"));
        try (HttpDrpApi plain = session(env)) {
            Dialer d = Dialer.of(plain, Duration.ofSeconds(30));
            assertThat(d.url()).startsWith("wss://127.0.0.1:").endsWith("/api/v3/ws");
            // the fake only speaks TLS: opening works only because the scheme was forced
            EventStream s = stream(d, new RecordingSubscriber(), FAST, "machines.*.*");
            s.open();
            assertThat(s.stats().connected()).isTrue();
        }
    }

    // ---------------------------------------------------------------- matching

    @Test
    void acknowledgementsReachTheSubscriberOnlyWhenSelected() {
        RecordingSubscriber narrow = new RecordingSubscriber();
        open(narrow, "machines.create.*");
        RecordingSubscriber everything = new RecordingSubscriber();
        open(everything, "*.*.*");

        drp.emit(event("machines", "create", "m1"));
        awaitDelivered(narrow, 1);
        awaitDelivered(everything, 2);
        assertThat(narrow.events).extracting(Event::type).containsExactly("machines");
        assertThat(everything.events).extracting(Event::subject)
                .containsExactly("websocket.register.*.*.*", "machines.create.m1");
    }

    @Test
    void eventsAreMatchedOnTheClientSideWithListsAndEscapes() {
        RecordingSubscriber subscriber = new RecordingSubscriber();
        TappedDialer tap = new TappedDialer(dialer());
        EventStream s = stream(tap, subscriber, FAST,
                "machines,jobs.create,delete.*", "profiles.save.rack1\\1dc\\2b");
        s.open();

        // frames the server would not have sent are still checked here
        tap.inject(json(event("machines", "update", "no-1")));
        tap.inject(json(event("profiles", "save", "rack1")));
        tap.inject(json(event("params", "create", "no-2")));
        tap.inject(json(event("jobs", "delete", "j1")));
        tap.inject(json(event("profiles", "save", "rack1.dc,b")));
        tap.inject(json(event("machines", "create", "m1")));
        awaitDelivered(subscriber, 3);
        drp.emit(event("machines", "delete", "last"));
        awaitDelivered(subscriber, 4);

        assertThat(subscriber.keys()).containsExactly("j1", "rack1.dc,b", "m1", "last");
        assertThat(s.stats().received()).isEqualTo(4);
    }

    // ---------------------------------------------------------------- delivery

    @Test
    void eventsAreDeliveredInArrivalOrderOnOneThread() {
        RecordingSubscriber subscriber = new RecordingSubscriber();
        EventStream s = open(subscriber, "machines.*.*");
        int n = 500;
        int sent = drp.emitMany(n, i -> event("machines", "update", Integer.toString(i)));
        assertThat(sent).isEqualTo(n);
        awaitDelivered(subscriber, n);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(Integer.toString(i));
        }
        assertThat(subscriber.keys()).isEqualTo(expected);
        assertThat(subscriber.threads).containsOnly("drpkit-events-delivery");
        assertThat(subscriber.overlapped()).isFalse();
        EventStreamStats stats = s.stats();
        assertThat(stats.received()).isEqualTo(n);
        assertThat(stats.delivered()).isEqualTo(n);
        assertThat(stats.dropped()).isZero();
    }

    @Test
    void aFullBufferDropsAndCountsEveryEventAndWarnsWithTheCount() {
        RecordingSubscriber subscriber = new RecordingSubscriber().slow(Duration.ofMillis(2));
        EventStream s = stream(dialer(), subscriber, FAST.withBufferSize(10), "machines.*.*");
        s.open();
        int n = 2_000;
        int sent = drp.emitMany(n, i -> event("machines", "update", Integer.toString(i)));
        assertThat(sent).isEqualTo(n);
        await("every event delivered or dropped", () -> {
            EventStreamStats st = s.stats();
            return st.delivered() + st.dropped() == n;
        }, s::stats);

        EventStreamStats stats = s.stats();
        assertThat(stats.received()).isEqualTo(n);
        assertThat(stats.dropped()).isPositive();
        assertThat(stats.delivered()).isEqualTo(subscriber.events.size());
        assertThat(stats.delivered() + stats.dropped()).isEqualTo(n);
        // delivered ones are still in order, with gaps where events were dropped
        List<Integer> keys = subscriber.keys().stream().map(Integer::valueOf).toList();
        assertThat(keys).isSorted();
        List<String> warnings = logs.warnings().stream().filter(w -> w.contains("Event buffer full")).toList();
        assertThat(warnings).isNotEmpty();
        assertThat(warnings.get(0)).contains("(10 events)").contains("1 events dropped so far");
        assertThat((long) warnings.size()).as("rate-limited").isLessThan(stats.dropped());
    }

    @Test
    void aThrowingSubscriberIsLoggedWithItsStackAndDeliveryGoesOn() {
        RecordingSubscriber subscriber = new RecordingSubscriber().throwingOn(e -> e.key().equals("bad"));
        EventStream s = open(subscriber, "machines.*.*");
        drp.emit(event("machines", "update", "before"));
        drp.emit(event("machines", "update", "bad"));
        drp.emit(event("machines", "update", "after"));
        awaitDelivered(subscriber, 2);

        assertThat(subscriber.keys()).containsExactly("before", "after");
        assertThat(s.stats().failed()).isEqualTo(1);
        assertThat(s.stats().delivered()).isEqualTo(3);
        assertThat(logs.warnings()).anySatisfy(w -> assertThat(w)
                .contains("Event subscriber failed on machines.update.bad")
                .contains("java.lang.IllegalStateException: subscriber exploded on bad"));
    }

    @Test
    void framesThatAreNotEventsAreSkippedNeverDeliveredEmpty() {
        RecordingSubscriber subscriber = new RecordingSubscriber();
        TappedDialer tap = new TappedDialer(dialer());
        EventStream s = stream(tap, subscriber, FAST, "*.*.*");
        s.open();
        awaitDelivered(subscriber, 1); // the register acknowledgement

        tap.inject("{}");
        tap.inject("null");
        tap.inject("not json at all");
        tap.inject("{\"Type\":\"\",\"Action\":\"create\"}");
        tap.inject("{\"Type\":\"machines\",\"Action\":\"create\",\"Key\":\"x\",\"Time\":\"yesterday\"}");
        tap.inject("[1,2]");
        drp.emit(event("machines", "create", "good"));
        awaitDelivered(subscriber, 2);

        assertThat(subscriber.events).extracting(Event::subject)
                .containsExactly("websocket.register.*.*.*", "machines.create.good");
        assertThat(s.stats().undecodable()).isEqualTo(6);
        assertThat(logs.warnings()).anySatisfy(w -> assertThat(w)
                .contains("Skipped a websocket frame that is not a DRP event").contains("1 frames skipped so far"));
    }

    // ---------------------------------------------------------------- reconnecting

    @Test
    void reconnectsAfterEachDropReRegistersAndReceivesLaterEvents() {
        RecordingSubscriber subscriber = new RecordingSubscriber();
        EventStream s = open(subscriber, "machines.create.*", "machines.delete.*");
        for (int cut = 1; cut <= 3; cut++) {
            drp.dropWebsockets();
            int connects = cut + 1;
            await("reconnection " + cut, () -> drp.websocketConnectCount() == connects
                    && drp.websocketRegistrations().equals(List.of(List.of("machines.create.*", "machines.delete.*")))
                    && s.stats().connected(), drp::websocketRegistrations);
            drp.emit(event("machines", "create", "after-" + cut));
            awaitDelivered(subscriber, cut);
        }

        assertThat(subscriber.keys()).containsExactly("after-1", "after-2", "after-3");
        assertThat(subscriber.events).allSatisfy(e -> assertThat(e.type()).isNotEmpty());
        assertThat(s.stats().reconnects()).isEqualTo(3);
        assertThat(drp.websocketMessages()).filteredOn(m -> m.equals("register machines.create.*")).hasSize(4);
        assertThat(logs.warnings()).filteredOn(w -> w.contains("Event stream to wss://") && w.contains("lost"))
                .hasSize(3);
    }

    @Test
    void keepsRetryingWhileDrpIsAwayAndResumesWhenItAnswers() {
        RecordingSubscriber subscriber = new RecordingSubscriber();
        TappedDialer tap = new TappedDialer(dialer());
        EventStream s = stream(tap, subscriber, FAST.withAckTimeout(Duration.ofMillis(200)), "machines.*.*");
        s.open();
        // DRP stops acknowledging: every reconnection attempt fails until it does again
        tap.hide(text -> text.contains("\"Type\":\"websocket\""));
        drp.dropWebsockets();
        await("failed reconnection attempts", () -> logs.warnings().stream()
                .filter(w -> w.contains("reconnection attempt")).count() >= 2, logs::warnings);
        assertThat(s.stats().connected()).isFalse();
        tap.hide(text -> false);
        await("reconnected", () -> s.stats().connected(), s::stats);
        drp.emit(event("machines", "create", "back"));
        awaitDelivered(subscriber, 1);
        assertThat(s.stats().reconnects()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- closing

    @Test
    void closeDeregistersWaitsForTheAcknowledgementsAndClosesNormally() {
        RecordingSubscriber subscriber = new RecordingSubscriber();
        TappedDialer tap = new TappedDialer(dialer());
        EventStream s = stream(tap, subscriber, FAST, "machines.create.*", "jobs.*.*");
        s.open();
        s.close(Duration.ofSeconds(5));

        assertThat(drp.websocketMessages()).containsExactly("register machines.create.*", "register jobs.*.*",
                "deregister machines.create.*", "deregister jobs.*.*");
        assertThat(tap.closeCodes).containsExactly(1000);
        await("the server side closed", () -> drp.websocketRegistrations().isEmpty(), drp::websocketRegistrations);
        assertThat(s.stats().connected()).isFalse();
        assertThat(logs.warnings()).isEmpty();
        int connects = drp.websocketConnectCount();
        s.close(Duration.ofSeconds(1)); // idempotent
        assertThat(drp.websocketConnectCount()).as("no reconnection after close").isEqualTo(connects);
    }

    @Test
    void closeDeliversWhatIsQueuedWithinTheTimeout() {
        RecordingSubscriber subscriber = new RecordingSubscriber().slow(Duration.ofMillis(5));
        EventStream s = open(subscriber, "machines.*.*");
        drp.emitMany(50, i -> event("machines", "update", Integer.toString(i)));
        await("all received", () -> s.stats().received() == 50, s::stats);
        s.close(Duration.ofSeconds(10));
        assertThat(subscriber.events).hasSize(50);
        assertThat(s.stats().dropped()).isZero();
    }

    @Test
    void closeIsBoundedWhenTheSubscriberHangsAndCountsWhatWasLeft() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        EventSubscriber stuck = new EventSubscriberAdapter(e -> release.await());
        EventStream s = new EventStream(dialer(), List.of(EventSelection.parse("machines.*.*")), stuck,
                new ReentrantLock(), FAST);
        streams.add(s);
        s.open();
        drp.emitMany(20, i -> event("machines", "update", Integer.toString(i)));
        await("all received", () -> s.stats().received() == 20, s::stats);

        long start = System.nanoTime();
        s.close(Duration.ofMillis(300));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        // the one in the subscriber was interrupted (and counts as failed); the queued rest were dropped
        await("the interrupted subscriber returned", () -> s.stats().delivered() == 1, s::stats);
        EventStreamStats stats = s.stats();
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.dropped()).isEqualTo(19);
        assertThat(logs.warnings()).anySatisfy(w -> assertThat(w).contains("19 events were not delivered"));
        release.countDown();
    }

    @Test
    void streamsSharingALockNeverCallTheSubscriberConcurrently() {
        RecordingSubscriber subscriber = new RecordingSubscriber().slow(Duration.ofMillis(1));
        ReentrantLock shared = new ReentrantLock();
        EventStream first = new EventStream(dialer(), List.of(EventSelection.parse("machines.*.*")), subscriber,
                shared, FAST);
        EventStream second = new EventStream(dialer(), List.of(EventSelection.parse("machines.*.*")), subscriber,
                shared, FAST);
        streams.add(first);
        streams.add(second);
        first.open();
        second.open();
        drp.emitMany(200, i -> event("machines", "update", Integer.toString(i)));
        awaitDelivered(subscriber, 400);
        assertThat(subscriber.overlapped()).isFalse();
    }

    /** A subscriber from a lambda, for one-off behaviours. */
    private record EventSubscriberAdapter(Handler handler) implements EventSubscriber {
        interface Handler {
            void handle(Event e) throws Exception;
        }

        @Override
        public List<String> selections(io.drpkit.sdk.Config config) {
            return List.of();
        }

        @Override
        public void onEvent(Event event) throws Exception {
            handler.handle(event);
        }
    }

    private static String json(Event e) {
        return io.drpkit.sdk.internal.json.DrpJson.write(e);
    }
}
