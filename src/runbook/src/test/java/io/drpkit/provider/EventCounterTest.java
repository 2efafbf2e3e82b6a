package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.EventStreamStats;
import io.drpkit.sdk.Host;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.Event;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventCounterTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            throw new UnsupportedOperationException(m.getName());
        }));
    }

    private static Config config(Map<String, JsonNode> params, Optional<EventStreamStats> stats) {
        return Config.builder("rb-1", unused(DrpApi.class), unused(Host.class),
                        ProviderEnvironment.from(Map.of(), Path.of("/tmp")))
                .params(Params.of(params)).generation(3).eventStream(() -> stats).build();
    }

    private static Event event(String type, String action) {
        return Event.of(type, action, "k", null);
    }

    @Test
    void selectionsAreTheRunbookEventsParamOrItsDefault() {
        EventCounter counter = new EventCounter(e -> { });
        var list = JSON.arrayNode().add("machines.update.*").add("jobs.*.*");
        assertThat(counter.selections(config(Map.of(EventCounter.EVENTS, list), Optional.empty())))
                .containsExactly("machines.update.*", "jobs.*.*");
        assertThat(counter.selections(config(Map.of(), Optional.empty())))
                .containsExactly("machines.create.*", "machines.delete.*");
    }

    @Test
    void countsPerTypeAndActionSortedByName() throws Exception {
        EventCounter counter = new EventCounter(e -> { });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 1000; i++) {
            String action = i % 2 == 0 ? "delete" : "create";
            pool.execute(() -> counter.onEvent(event("machines", action)));
        }
        pool.execute(() -> counter.onEvent(event("jobs", "update")));
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(counter.counts()).containsExactly(
                Map.entry("jobs.update", 1L), Map.entry("machines.create", 500L), Map.entry("machines.delete", 500L));
    }

    @Test
    void statusIsTheProvidersStatusReportWithStreamCountersAndCountsInTheEventStreamEntry() throws Exception {
        EventCounter counter = new EventCounter(e -> { });
        counter.onEvent(event("machines", "delete"));
        counter.onEvent(event("machines", "create"));
        counter.onEvent(event("machines", "create"));
        EventStreamStats stats = new EventStreamStats(true, List.of("machines.create.*", "machines.delete.*"),
                3, 3, 0, 0, 0, 1, 0, 1000);
        Host host = new Host() {
            @Override
            public void publish(String type, String action, String key, Object object) {
            }

            @Override
            public void leaving(io.drpkit.sdk.model.DrpError reason) {
            }

            @Override
            public List<io.drpkit.sdk.model.RawModel> listObjects(String prefix) {
                return List.of(io.drpkit.sdk.model.RawModel.of("runbooks", "a"), io.drpkit.sdk.model.RawModel.of("runbooks", "b"));
            }
        };
        DrpApi api = (DrpApi) Proxy.newProxyInstance(DrpApi.class.getClassLoader(), new Class<?>[] {DrpApi.class},
                (p, m, a) -> {
                    if (m.getName().equals("list")) {
                        return List.of(JSON.objectNode().set("Params", JSON.objectNode().set("runbook/resources", JSON.objectNode())),
                                JSON.objectNode().set("Params", JSON.objectNode()));
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        Config config = Config.builder("rb-1", api, host, ProviderEnvironment.from(
                        Map.of("RS_WEBROOT", "/srv/www", "RS_FILESERVER", "http://fs"), Path.of("/tmp")))
                .generation(3).eventStream(() -> Optional.of(stats)).build();
        ActionRequest request = ActionRequest.of(ActionSpec.system("status").build(),
                new Action(null, "rb-1", "status", "", Map.of()), Params.empty(), config);

        io.drpkit.sdk.status.StatusReport report = (io.drpkit.sdk.status.StatusReport)
                new ProviderStatus(counter, new Publisher("runbook", io.drpkit.sdk.content.ContentPack.fromClasspath()),
                        io.drpkit.sdk.events.KeyedQueue.<io.drpkit.sdk.model.Event>builder("q", (k, e) -> { }).build(),
                        new RunbookActions(new RunbookCatalog(io.drpkit.sdk.content.ContentPack::fromClasspath)))
                        .report(request);
        JsonNode status = io.drpkit.sdk.internal.json.DrpJson.toTree(report);

        assertThat(status.path("Health").asText()).isEqualTo("READY");
        List<String> names = new java.util.ArrayList<>();
        status.path("Resources").forEach(r -> names.add(r.path("Name").asText()));
        assertThat(names)
                .containsExactly("configuration", "host-link", "event-stream", "runbooks", "managed-machines", "event-queue");
        JsonNode configuration = status.path("Resources").get(0).path("State");
        assertThat(configuration.path("Provider").asText()).isEqualTo("runbook");
        assertThat(configuration.path("Version").asText()).isEqualTo(BuildInfo.version());
        assertThat(configuration.path("Name").asText()).isEqualTo("rb-1");
        assertThat(configuration.path("Generation").asLong()).isEqualTo(3);
        JsonNode stream = status.path("Resources").get(2);
        assertThat(stream.path("HealthMessage").asText()).isEqualTo("connected; 3 events received, 0 dropped");
        assertThat(stream.path("State").toString()).isEqualTo("{\"Connected\":true,"
                + "\"Selections\":[\"machines.create.*\",\"machines.delete.*\"],\"Received\":3,\"Delivered\":3,"
                + "\"Failed\":0,\"Dropped\":0,\"Undecodable\":0,\"Reconnects\":1,\"Queued\":0,\"Capacity\":1000,"
                + "\"Counts\":{\"machines.create\":2,\"machines.delete\":1}}");
        assertThat(status.path("Resources").get(3).path("State").path("Count").asLong()).isEqualTo(2);
        assertThat(status.path("Resources").get(4).path("State").path("Count").asLong()).isEqualTo(1);
    }

    @Test
    void aMachineDeleteEventIsHandedOnOtherEventsAreNot() {
        List<Event> deleted = new java.util.ArrayList<>();
        EventCounter counter = new EventCounter(deleted::add);
        counter.onEvent(event("machines", "create"));
        counter.onEvent(event("machines", "delete"));
        counter.onEvent(event("jobs", "delete"));
        assertThat(deleted).extracting(Event::subject).containsExactly("machines.delete.k");
    }

    @Test
    void runbookDeclaresTheSubscriberTheParamAndTheStatusAction() {
        var def = new Runbook().definition();
        assertThat(def.eventSubscriber()).isPresent();
        assertThat(def.optionalParams()).contains(EventCounter.EVENTS);
        assertThat(def.action("status")).hasValueSatisfying(a -> assertThat(a.model()).isEmpty());
        assertThat(def.hasPublish()).isFalse();
    }
}
