package io.drpkit.sdk.internal.hostclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.internal.hostclient.FakeHost.Reply;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.Event;
import io.drpkit.sdk.model.LogLine;
import io.drpkit.sdk.model.RawModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class HostClientTest {
    private static final HostClient.Options FAST = HostClient.Options.of(Duration.ofSeconds(1), Duration.ofSeconds(2));

    @TempDir
    Path dir;
    private FakeHost host;
    private HostClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        if (host != null) {
            host.close();
        }
    }

    private Path socket() {
        return dir.resolve("host.sock");
    }

    @Test
    void connectChecksThePathAtOnceButBuildsNothingUntilTheFirstCall() throws Exception {
        Path tooLong = dir.resolve("x".repeat(200));
        assertThatThrownBy(() -> HostClient.connect(tooLong, FAST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(tooLong.toString());

        client = HostClient.connect(socket(), FAST); // no host yet: nothing is dialled
        client.close(); // nothing was built: nothing to release
        host = FakeHost.start(socket());
        client = HostClient.connect(socket(), FAST);
        client.publish("machines", "incremented", "u-1", Map.of("value", 4));
        assertThat(host.requests()).hasSize(1);
    }

    @Test
    void publishPostsACompactEventStampedNow() throws Exception {
        host = FakeHost.start(socket());
        client = HostClient.connect(socket(), FAST);
        Instant before = Instant.now();
        client.publish("machines", "incremented", "u-1", Map.of("value", 4));

        FakeHost.Request r = host.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api-server-plugin/v4/publish");
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.text()).startsWith("{\"Time\":\"").doesNotContain("\n").doesNotContain(": ");
        Event e = DrpJson.read(r.body(), Event.class);
        assertThat(e.type()).isEqualTo("machines");
        assertThat(e.action()).isEqualTo("incremented");
        assertThat(e.key()).isEqualTo("u-1");
        assertThat(e.principal()).isEmpty();
        assertThat(e.object()).isEqualTo(DrpJson.readTree("{\"value\":4}"));
        assertThat(e.original().isNull()).isTrue();
        assertThat(e.time()).isBetween(before.minusMillis(1), Instant.now());
    }

    @Test
    void leavingAndLogPostTheirBodies() throws Exception {
        host = FakeHost.start(socket());
        client = HostClient.connect(socket(), FAST);
        DrpError reason = DrpError.builder(500, "plugin").model("plugin").key("runbook").message("lost backend").build();
        client.leaving(reason);
        LogLine line = new LogLine(3, 9, Instant.parse("2021-09-01T10:00:00.5Z"), "runbook", "", "info",
                "Foo.java", 83, "hello", List.of(), false);
        client.postLog(line);

        assertThat(host.requests()).extracting(FakeHost.Request::path)
                .containsExactly("/api-server-plugin/v4/leaving", "/api-server-plugin/v4/log");
        assertThat(host.requests().get(0).text()).isEqualTo(
                "{\"Model\":\"plugin\",\"Key\":\"runbook\",\"Type\":\"plugin\",\"Messages\":[\"lost backend\"],\"Code\":500}");
        assertThat(host.requests().get(1).text()).isEqualTo("{\"Group\":3,\"Seq\":9,\"Time\":\"2021-09-01T10:00:00.5Z\","
                + "\"Service\":\"runbook\",\"Principal\":\"\",\"Level\":\"info\",\"File\":\"Foo.java\",\"Line\":83,"
                + "\"Message\":\"hello\",\"Data\":[],\"IgnorePublish\":false}");
    }

    @Test
    void listObjectsDecodesRawModels() throws Exception {
        host = FakeHost.start(socket()).respond(r -> r.path().equals("/api-server-plugin/v4/objects/typed-cows")
                ? Reply.json(200, "[{\"Id\":\"bessie\",\"Type\":\"typed-cows\",\"Spotted\":true},"
                        + "{\"Id\":\"bertie\",\"Type\":\"typed-cows\",\"Spotted\":false}]")
                : Reply.json(200, "null"));
        client = HostClient.connect(socket(), FAST);

        List<RawModel> cows = client.listObjects("typed-cows");
        assertThat(cows).extracting(RawModel::id).containsExactly("bessie", "bertie");
        assertThat(cows.get(0).get("Spotted")).map(JsonNode::asBoolean).contains(true);
        assertThat(host.requests().get(0).method()).isEqualTo("GET");
        assertThat(client.listObjects("cows")).isEmpty();
    }

    @Test
    void aHostServingOnlyTheDocumentedPrefixIsFoundOnceAndKept() throws Exception {
        host = FakeHost.serving(socket(), HostClient.DOCUMENTED_BASE);
        client = HostClient.connect(socket(), FAST);
        Logger logger = (Logger) LoggerFactory.getLogger(HostClient.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            client.publish("machines", "a", "k", Map.of());
            client.publish("machines", "b", "k", Map.of());
            client.postLog(new LogLine(0, 1, Instant.now(), "s", "", "info", "f", 0, "m", List.of(), false));
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(host.requests()).extracting(FakeHost.Request::path).containsExactly(
                "/api-server-plugin/v4/publish", "/api-plugin-server/v4/publish",
                "/api-plugin-server/v4/publish", "/api-plugin-server/v4/log");
        assertThat(client.basePath()).isEqualTo(HostClient.DOCUMENTED_BASE);
        assertThat(logged.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel().toString()).isEqualTo("WARN");
            assertThat(e.getFormattedMessage()).contains("/api-plugin-server/v4").contains(socket().toString());
        });
    }

    @Test
    void a404OnBothPrefixesIsAnErrorAndKeepsThePrimaryPrefix() throws Exception {
        host = FakeHost.serving(socket());
        client = HostClient.connect(socket(), FAST);
        assertThatThrownBy(() -> client.publish("machines", "a", "k", Map.of()))
                .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.error().code()).isEqualTo(404));
        assertThat(client.basePath()).isEqualTo(HostClient.PRIMARY_BASE);
        assertThat(host.requests()).hasSize(2);
    }

    @Test
    void anErrorAnswerThatIsNotJsonIsStillAnError() throws Exception {
        host = FakeHost.start(socket()).respond(r -> Reply.text(500, "log storage is full"));
        client = HostClient.connect(socket(), FAST);
        assertThatThrownBy(() -> client.publish("machines", "a", "k", Map.of()))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(500);
                    assertThat(e.error().messages()).singleElement().asString()
                            .contains("POST /api-server-plugin/v4/publish: host answered 500")
                            .endsWith(": log storage is full");
                });
    }

    @Test
    void aDrpErrorAnswerIsDecoded() throws Exception {
        host = FakeHost.start(socket()).respond(r -> Reply.json(400,
                "{\"Model\":\"plugin\",\"Key\":\"x\",\"Type\":\"plugin\",\"Messages\":[\"bad event\"],\"Code\":400}"));
        client = HostClient.connect(socket(), FAST);
        assertThatThrownBy(() -> client.leaving(DrpError.of(500, "plugin", "bye")))
                .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.error())
                        .isEqualTo(DrpError.builder(400, "plugin").model("plugin").key("x").message("bad event").build()));
    }

    @Test
    void noHostIsA502NamingTheSocket() {
        client = HostClient.connect(socket(), FAST);
        assertThatThrownBy(() -> client.publish("machines", "a", "k", Map.of()))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(502);
                    assertThat(e.error().messages().get(0)).contains(socket().toString());
                });
    }

    @Test
    void aHostThatDoesNotAnswerTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        host = FakeHost.start(socket()).respond(r -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.json(200, "{}");
        });
        client = HostClient.connect(socket(), HostClient.Options.of(Duration.ofSeconds(1), Duration.ofMillis(300)));
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> client.publish("machines", "a", "k", Map.of()))
                    .isInstanceOfSatisfying(PluginException.class, e -> {
                        assertThat(e.error().code()).isEqualTo(502);
                        assertThat(e.error().messages().get(0)).contains("timeout");
                    });
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aTimeoutSaysTimeoutHoweverItSurfaced() {
        assertThat(HostClient.describe(new java.io.InterruptedIOException("timeout")))
                .isEqualTo("java.io.InterruptedIOException: timeout");
        assertThat(HostClient.describe(new java.net.SocketTimeoutException("Read timed out")))
                .startsWith("timeout (").contains("Read timed out");
        assertThat(HostClient.describe(new java.net.SocketException("Resource temporarily unavailable")))
                .startsWith("timeout (").contains("Resource temporarily unavailable");
        assertThat(HostClient.describe(new java.net.SocketException("Connection refused")))
                .isEqualTo("java.net.SocketException: Connection refused");
    }

    @Test
    void concurrentCallsAllArrive() throws Exception {
        host = FakeHost.start(socket());
        client = HostClient.connect(socket(), FAST);
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            calls.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 50; i++) {
                    client.publish("things", "poke", thread + "-" + i, Map.of("i", i));
                }
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(host.requests()).hasSize(400);
    }
}
