package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.Event;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * runbook's event subscription, run as dr-provision runs it: the built {@code target/runbook},
 * the test kit's DRP, the websocket in between, and the {@code status} action as the window.
 */
class EventsIT {
    private static final Path EXE = Path.of(System.getProperty("drpkit.executable", "target/runbook"));
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> DEFAULT = List.of("machines.create.*", "machines.delete.*");

    private FakeDrp drp;
    private ProviderProcess provider;

    @BeforeEach
    void start() {
        drp = FakeDrp.start();
    }

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
        drp.close();
    }

    /** Starts {@code runbook listen} against the fake, with {@code env} added to what DRP sets. */
    private void launch(Map<String, String> env) {
        ProviderProcess.Builder b = ProviderProcess.builder(EXE);
        env.forEach(b::environment);
        provider = b.build();
        provider.listen(drp);
    }

    private void configure(Map<String, Object> params) {
        if (provider == null) {
            launch(Map.of());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", "runbook");
        body.putAll(params);
        ProviderProcess.Response r = provider.config(body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    private JsonNode status() {
        ProviderProcess.Response r = provider.action(new Action(NullNode.getInstance(), "runbook", "status", "", Map.of()));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private JsonNode awaitStatus(String what, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = status();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what
                        + "; last status: " + last + "\nprovider stderr: " + provider.stderr());
            }
            pause(20);
            last = status();
        }
        return last;
    }

    private void awaitRegistrations(String what, int connects, List<String> selections) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(drp.websocketConnectCount() == connects
                && drp.websocketRegistrations().equals(List.of(selections)))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ": connects " + drp.websocketConnectCount()
                        + ", registrations " + drp.websocketRegistrations());
            }
            pause(10);
        }
    }

    private static long count(JsonNode status, String typeAction) {
        return events(status).path("Counts").path(typeAction).asLong(0);
    }

    /** The State of the status report's entry {@code name}. */
    private static JsonNode entry(JsonNode status, String name) {
        for (JsonNode r : status.path("Resources")) {
            if (r.path("Name").asText().equals(name)) {
                return r.path("State");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The event stream's counters: the State of the status report's event-stream entry. */
    private static JsonNode events(JsonNode status) {
        for (JsonNode r : status.path("Resources")) {
            if (r.path("Name").asText().equals("event-stream")) {
                return r.path("State");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static Event event(String type, String action, String key) {
        return new Event(Instant.now(), type, action, key, "test", null, null);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    @Test
    void aMachineCreatedInDrpReachesTheSubscriberAndShowsInStatus() {
        configure(Map.of());
        awaitRegistrations("the default selections", 1, DEFAULT);

        String uuid = drp.createMachine("m1");
        awaitStatus("the create counted", s -> count(s, "machines.create") == 1);
        drp.deleteMachine(uuid);
        // counted inside the handler, which queues the machine's clean-up and returns
        JsonNode status = awaitStatus("the delete handled", s -> count(s, "machines.delete") == 1
                && events(s).path("Delivered").asLong() == 2);

        JsonNode configuration = status.path("Resources").get(0).path("State");
        assertThat(configuration.path("Provider").asText()).isEqualTo("runbook");
        assertThat(configuration.path("Version").asText()).isNotEmpty();
        assertThat(configuration.path("Name").asText()).isEqualTo("runbook");
        assertThat(configuration.path("Generation").asLong()).isEqualTo(1);
        JsonNode events = events(status);
        assertThat(events.path("Connected").asBoolean()).isTrue();
        assertThat(events.path("Selections")).extracting(JsonNode::asText).containsExactlyElementsOf(DEFAULT);
        assertThat(events.path("Delivered").asLong()).isEqualTo(2);
        assertThat(events.path("Counts").size()).isEqualTo(2);
        assertThat(provider.stdoutExtra()).isEmpty();
    }

    @Test
    void tenThousandEventsAtFullSpeedAreDeliveredOrCountedAsDropped() {
        fullSpeed("the default buffer");
    }

    @Test
    void withATinyBufferDropsAreCountedNotLost() {
        launch(Map.of("DRPKIT_EVENT_BUFFER", "2"));
        JsonNode events = fullSpeed("a buffer of 2");
        assertThat(events.path("Capacity").asInt()).isEqualTo(2);
    }

    /** Emits 10,000 events as fast as the fake can and checks each was delivered or counted as dropped. */
    private JsonNode fullSpeed(String buffer) {
        configure(Map.of());
        awaitRegistrations("the default selections", 1, DEFAULT);

        int sent = drp.emitMany(10_000, i -> event("machines", "create", "m-" + i));
        assertThat(sent).isEqualTo(10_000);
        JsonNode status = awaitStatus("every event delivered or dropped", s -> {
            JsonNode e = events(s);
            return e.path("Delivered").asLong() + e.path("Dropped").asLong() == sent;
        });

        JsonNode events = events(status);
        // the figures for the record (surefire keeps no JUnit report entries)
        System.err.printf("EventsIT: %d events at full speed with %s: %d delivered, %d dropped%n",
                sent, buffer, events.path("Delivered").asLong(), events.path("Dropped").asLong());
        assertThat(events.path("Received").asLong()).isEqualTo(sent);
        assertThat(count(status, "machines.create")).isEqualTo(events.path("Delivered").asLong());
        assertThat(events.path("Undecodable").asLong()).isZero();
        assertThat(events.path("Queued").asLong()).isZero();
        return events;
    }

    @Test
    void theStreamSurvivesThreeCutsMidStreamAndNeverCountsAnEmptyEvent() throws Exception {
        configure(Map.of());
        awaitRegistrations("the default selections", 1, DEFAULT);

        AtomicBoolean emitting = new AtomicBoolean(true);
        AtomicInteger emitted = new AtomicInteger();
        Thread emitter = new Thread(() -> {
            while (emitting.get()) {
                emitted.addAndGet(drp.emit(event("machines", "create", "m-" + emitted.get())));
                pause(1);
            }
        }, "emitter");
        emitter.start();
        try {
            for (int cut = 1; cut <= 3; cut++) {
                int before = emitted.get();
                while (emitted.get() < before + 50) {
                    pause(5); // let events flow on this connection first
                }
                drp.dropWebsockets();
                awaitRegistrations("re-registration after cut " + cut, cut + 1, DEFAULT);
            }
        } finally {
            emitting.set(false);
            emitter.join();
        }

        for (int i = 0; i < 100; i++) {
            drp.emit(event("machines", "delete", "after-" + i));
        }
        JsonNode status = awaitStatus("the events after the cuts", s -> count(s, "machines.delete") == 100
                && events(s).path("Reconnects").asLong() == 3);

        JsonNode events = events(status);
        assertThat(events.path("Connected").asBoolean()).isTrue();
        assertThat(events.path("Undecodable").asLong()).isZero();
        List<String> counted = new ArrayList<>();
        events.path("Counts").fieldNames().forEachRemaining(counted::add);
        assertThat(counted).as("no empty event was ever counted").containsExactly("machines.create", "machines.delete");
        assertThat(count(status, "machines.create")).isPositive().isLessThanOrEqualTo(emitted.get());
        assertThat(drp.websocketMessages()).filteredOn("register machines.create.*"::equals).hasSize(4);
        // the counters can be ahead of the log queue: wait for the lines, then check there are no more
        drp.awaitLogLines(l -> l.message().contains("Event stream") && l.message().contains("lost"), 3, WAIT);
        drp.awaitLogLines(l -> l.message().contains("reconnected"), 3, WAIT);
        assertThat(drp.logLines()).filteredOn(l -> l.message().contains("Event stream") && l.message().contains("lost"))
                .hasSize(3);
        assertThat(drp.logLines()).filteredOn(l -> l.message().contains("reconnected")).hasSize(3);
    }

    @Test
    void aNewConfigRegistersExactlyTheNewSelections() {
        configure(Map.of());
        awaitRegistrations("the default selections", 1, DEFAULT);

        configure(Map.of("runbook/events", List.of("machines.update.*")));
        awaitRegistrations("the new selections only", 2, List.of("machines.update.*"));
        assertThat(drp.websocketMessages()).containsExactly(
                "register machines.create.*", "register machines.delete.*",
                "deregister machines.create.*", "deregister machines.delete.*",
                "register machines.update.*");

        String uuid = drp.createMachine("m1");
        drp.setMachineParam(uuid, "incrementer/touched", 1);
        JsonNode status = awaitStatus("the update counted", s -> count(s, "machines.update") == 1);
        assertThat(count(status, "machines.create")).isZero();
        assertThat(status.path("Resources").get(0).path("State").path("Generation").asLong()).isEqualTo(2);
        assertThat(events(status).path("Selections")).extracting(JsonNode::asText)
                .containsExactly("machines.update.*");
    }

    @Test
    void stopDeregistersAndClosesTheStream() {
        configure(Map.of());
        awaitRegistrations("the default selections", 1, DEFAULT);

        assertThat(provider.stop()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(provider.waitForExit(Duration.ofSeconds(20))).isTrue();
        assertThat(provider.exitCode()).hasValue(0);
        assertThat(drp.websocketMessages()).endsWith("deregister machines.create.*", "deregister machines.delete.*");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!drp.websocketRegistrations().isEmpty() && System.nanoTime() < deadline) {
            pause(10);
        }
        assertThat(drp.websocketRegistrations()).isEmpty();
    }

    @Test
    void runbookAnswers404OnTheLegacyPublishRoute() {
        configure(Map.of());
        byte[] event = io.drpkit.sdk.internal.json.DrpJson.writeBytes(event("machines", "create", "u1"));
        ProviderProcess.Response r = provider.post(ProviderProcess.API + "/publish", "application/json", event);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).contains("\"Code\":404");
    }

    @Test
    void defineLoadsNoLoggingHttpOrServerClasses() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RS_TOKEN", "catalog");
        env.put("DRPKIT_NO_CDS", "1");
        env.put("DRPKIT_JAVA_OPTS", "-Xlog:class+load=info:stderr");
        ProviderProcess.Result r = ProviderProcess.builder(EXE).captureBytes(16 << 20).build().define(env);

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.json().path("Name").asText()).isEqualTo("runbook");
        assertThat(r.stderr()).contains("io.drpkit.provider.EventCounter");
        List<String> heavy = r.stderr().lines()
                .filter(l -> l.contains(" ch.qos.logback.") || l.contains(" okhttp3.") || l.contains(" io.undertow.")
                        || l.contains(" org.xnio."))
                .toList();
        assertThat(heavy).isEmpty();
        assertThat(r.stdout()).endsWith("}\n");
    }

    @Test
    void aSubscriberThatThrowsNeitherKillsTheProviderNorStopsTheStream() {
        configure(Map.of());
        awaitRegistrations("the default selections", 1, DEFAULT);

        // runbook's machines.delete handler reads the machine's published state from the event's
        // object: a state that is not one makes the handler throw
        com.fasterxml.jackson.databind.node.ObjectNode machine = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        machine.put("Uuid", "0b4c6f8e-0000-4000-8000-000000000001");
        machine.putObject("Params").put("runbook/resources", "not a resource state");
        drp.emit(new Event(Instant.now(), "machines", "delete", "0b4c6f8e-0000-4000-8000-000000000001", "test", machine, null));

        // the clean-up runs off the stream, in the machine-deletion queue, which counts the failure
        JsonNode status = awaitStatus("the failed handling counted", s -> entry(s, "event-queue").path("Failed").asLong() == 1);
        assertThat(events(status).path("Failed").asLong()).as("the stream's own delivery did not fail").isZero();
        assertThat(count(status, "machines.delete")).isEqualTo(1);
        assertThat(provider.isAlive()).isTrue();

        drp.createMachine("after-the-failure");
        awaitStatus("a later event delivered", s -> count(s, "machines.create") == 1);
        assertThat(provider.stdoutExtra()).isEmpty();
    }
}
