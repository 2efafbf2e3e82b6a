package io.drpkit.sdk.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.EventStreamStats;
import io.drpkit.sdk.EventSubscriber;
import io.drpkit.sdk.Host;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.config.ParamSpec;
import io.drpkit.sdk.internal.api.DrpApiOptions;
import io.drpkit.sdk.internal.api.HttpDrpApi;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.internal.server.LogCapture;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.Event;
import io.drpkit.sdk.model.RawModel;
import io.drpkit.testkit.FakeDrp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /config} and {@code /stop} with an event subscriber (spec §3.4 steps 5–8, §7.5), against the fake DRP. */
class ProviderRuntimeEventsTest {
    private static final String EVENTS = "demo/events";

    @TempDir
    Path tmp;

    private FakeDrp drp;
    private LogCapture logs;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Event> received = new CopyOnWriteArrayList<>();
    private volatile RuntimeException selectionsFailure;

    @BeforeEach
    void start() {
        drp = FakeDrp.start();
        logs = new LogCapture();
    }

    @AfterEach
    void stop() {
        logs.close();
        drp.close();
    }

    private final EventSubscriber subscriber = new EventSubscriber() {
        @Override
        public List<String> selections(Config config) {
            calls.add("selections " + config.generation());
            if (selectionsFailure != null) {
                throw selectionsFailure;
            }
            return config.params().strings(EVENTS);
        }

        @Override
        public void onEvent(Event event) {
            received.add(event);
        }
    };

    private ProviderRuntime runtime(ProviderDefinition definition) {
        ProviderEnvironment env = ProviderEnvironment.from(drp.providerEnvironment(), tmp);
        return new ProviderRuntime(() -> definition, definition, env, new NoHost(),
                e -> HttpDrpApi.connect(e, DrpApiOptions.defaults()), ParamCheckers.forDefinition(definition),
                EventLinks.factory(definition, Map.of()));
    }

    private ProviderDefinition withSubscriber() {
        return ProviderDefinition.builder("demo", "1")
                .param(ParamSpec.of(EVENTS, schema()))
                .optionalParams(EVENTS)
                .eventSubscriber(subscriber)
                .build();
    }

    private static JsonNode schema() {
        var s = JsonNodeFactory.instance.objectNode().put("type", "array");
        s.putObject("items").put("type", "string");
        s.putArray("default").add("machines.create.*");
        return s;
    }

    private static Map<String, JsonNode> config(String... selections) {
        Map<String, JsonNode> body = new LinkedHashMap<>();
        body.put("Name", JsonNodeFactory.instance.textNode("demo-1"));
        if (selections.length > 0) {
            body.put(EVENTS, DrpJson.toTree(List.of(selections)));
        }
        return body;
    }

    private static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void configOpensTheStreamAfterConfigureWithTheSelectionsOfTheNewParams() {
        ProviderDefinition def = withSubscriber();
        ProviderRuntime rt = new ProviderRuntime(new io.drpkit.sdk.Provider() {
            @Override
            public ProviderDefinition definition() {
                return def;
            }

            @Override
            public void configure(Config config) {
                calls.add("configure " + config.generation());
            }
        }, def, ProviderEnvironment.from(drp.providerEnvironment(), tmp), new NoHost(),
                e -> HttpDrpApi.connect(e, DrpApiOptions.defaults()), ParamCheckers.forDefinition(def),
                EventLinks.factory(def, Map.of()));
        try {
            Reply reply = rt.config(config("machines.update.*"));
            assertThat(reply.status()).isEqualTo(200);
            assertThat(calls).containsExactly("configure 1", "selections 1");
            assertThat(drp.websocketRegistrations()).containsExactly(List.of("machines.update.*"));

            String uuid = drp.createMachine("m1");
            drp.setMachineParam(uuid, "x", 1);
            await("the update event", () -> received.size() == 1);
            assertThat(received.get(0).subject()).isEqualTo("machines.update." + uuid);
            EventStreamStats stats = rt.currentConfig().orElseThrow().eventStream().orElseThrow();
            assertThat(stats.connected()).isTrue();
            assertThat(stats.selections()).containsExactly("machines.update.*");
            assertThat(stats.delivered()).isEqualTo(1);
        } finally {
            rt.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void theSchemaDefaultSelectsWhenTheParamIsAbsent() {
        ProviderRuntime rt = runtime(withSubscriber());
        try {
            assertThat(rt.config(config()).status()).isEqualTo(200);
            assertThat(drp.websocketRegistrations()).containsExactly(List.of("machines.create.*"));
        } finally {
            rt.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aSecondConfigDeregistersClosesAndRegistersExactlyTheNewSelections() {
        ProviderRuntime rt = runtime(withSubscriber());
        try {
            assertThat(rt.config(config("machines.create.*", "machines.delete.*")).status()).isEqualTo(200);
            assertThat(rt.config(config("machines.update.*")).status()).isEqualTo(200);

            await("the old connection gone", () -> drp.websocketRegistrations().size() == 1);
            assertThat(drp.websocketRegistrations()).containsExactly(List.of("machines.update.*"));
            assertThat(drp.websocketMessages()).containsExactly(
                    "register machines.create.*", "register machines.delete.*",
                    "deregister machines.create.*", "deregister machines.delete.*",
                    "register machines.update.*");
            assertThat(rt.currentConfig().orElseThrow().eventStream().orElseThrow().selections())
                    .containsExactly("machines.update.*");
        } finally {
            rt.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void stopDeregistersAndClosesTheStream() {
        ProviderRuntime rt = runtime(withSubscriber());
        assertThat(rt.config(config("jobs.*.*")).status()).isEqualTo(200);
        rt.stop(Duration.ofSeconds(5));

        assertThat(drp.websocketMessages()).containsExactly("register jobs.*.*", "deregister jobs.*.*");
        await("the connection closed", () -> drp.websocketRegistrations().isEmpty());
        assertThat(rt.currentConfig().orElseThrow().eventStream().orElseThrow().connected()).isFalse();
    }

    @Test
    void failingSelectionsAnswer500UnableToCreateEventStream() {
        selectionsFailure = new PluginException(400, "no such event list");
        ProviderRuntime rt = runtime(withSubscriber());
        try {
            Reply reply = rt.config(config("machines.create.*"));
            assertThat(reply.status()).isEqualTo(500);
            DrpError body = (DrpError) reply.body();
            assertThat(body.type()).isEqualTo("plugins");
            assertThat(body.messages()).containsExactly(
                    "Unable to create event stream: the subscriber's selections failed: no such event list");
            assertThat(drp.websocketConnectCount()).isZero();
        } finally {
            rt.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aMalformedSelectionAnswers500NamingIt() {
        ProviderRuntime rt = runtime(withSubscriber());
        try {
            Reply reply = rt.config(config("machines.create"));
            assertThat(reply.status()).isEqualTo(500);
            assertThat(((DrpError) reply.body()).messages()).singleElement().asString()
                    .startsWith("Unable to create event stream: event selection \"machines.create\"");
        } finally {
            rt.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aStreamDrpRefusesAnswers500() {
        ProviderDefinition def = withSubscriber();
        Map<String, String> env = new LinkedHashMap<>(drp.providerEnvironment());
        env.put("RS_TOKEN", "not-the-token");
        ProviderRuntime rt = new ProviderRuntime(() -> def, def, ProviderEnvironment.from(env, tmp), new NoHost(),
                e -> HttpDrpApi.connect(e, DrpApiOptions.defaults()), ParamCheckers.forDefinition(def),
                EventLinks.factory(def, Map.of()));
        try {
            Reply reply = rt.config(config("machines.create.*"));
            assertThat(reply.status()).isEqualTo(500);
            assertThat(((DrpError) reply.body()).messages()).singleElement().asString()
                    .startsWith("Unable to create event stream: cannot open the event stream to wss://")
                    .contains("401");
        } finally {
            rt.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aBadBufferSizeAnswers500NamingTheVariable() {
        ProviderDefinition def = withSubscriber();
        ProviderRuntime rt = new ProviderRuntime(() -> def, def, ProviderEnvironment.from(drp.providerEnvironment(), tmp),
                new NoHost(), e -> HttpDrpApi.connect(e, DrpApiOptions.defaults()), ParamCheckers.forDefinition(def),
                EventLinks.factory(def, Map.of("DRPKIT_EVENT_BUFFER", "lots")));
        try {
            Reply reply = rt.config(config("machines.create.*"));
            assertThat(reply.status()).isEqualTo(500);
            assertThat(((DrpError) reply.body()).messages()).containsExactly(
                    "Unable to create event stream: DRPKIT_EVENT_BUFFER: expected a positive number of events, got \"lots\"");
        } finally {
            rt.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void withoutASubscriberThereIsNoStreamAndNoStats() {
        ProviderDefinition def = ProviderDefinition.builder("plain", "1").build();
        ProviderRuntime rt = runtime(def);
        assertThat(rt.config(config()).status()).isEqualTo(200);
        assertThat(rt.currentConfig().orElseThrow().eventStream()).isEmpty();
        assertThat(drp.websocketConnectCount()).isZero();
        rt.stop(Duration.ofSeconds(1));
    }

    /** The host link is not used by these tests. */
    private static final class NoHost implements Host {
        @Override
        public void publish(String type, String action, String key, Object object) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void leaving(DrpError reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<RawModel> listObjects(String prefix) {
            throw new UnsupportedOperationException();
        }
    }
}
