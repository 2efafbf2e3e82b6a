package io.drpkit.sdk.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.internal.api.RecordingServer.Reply;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.DrpError;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpDrpApiTest {
    private static final DrpApiOptions FAST = DrpApiOptions.builder()
            .connectTimeout(Duration.ofSeconds(2)).attemptTimeout(Duration.ofSeconds(5))
            .totalTimeout(Duration.ofSeconds(5))
            .retryDelays(Collections.nCopies(6, Duration.ofMillis(20))).build();

    private RecordingServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static ProviderEnvironment env(String endpoint, String token) {
        return token == null
                ? ProviderEnvironment.from(Map.of("RS_ENDPOINT", endpoint), Path.of("."))
                : ProviderEnvironment.from(Map.of("RS_ENDPOINT", endpoint, "RS_TOKEN", token), Path.of("."));
    }

    private HttpDrpApi api(DrpApiOptions options) {
        return HttpDrpApi.connect(env(server.endpoint(), "tok-123"), options);
    }

    private static JsonNode json(String text) throws IOException {
        return DrpJson.readTree(text);
    }

    @Test
    void missingTokenFailsAtConnectWithTheIntended400() {
        assertThatThrownBy(() -> HttpDrpApi.connect(env("https://127.0.0.1:8092", null), FAST))
                .isInstanceOfSatisfying(PluginException.class, e -> assertThat(DrpJson.write(e.error()))
                        .isEqualTo("{\"Model\":\"plugin\",\"Key\":\"unknown\",\"Type\":\"plugin\","
                                + "\"Messages\":[\"Must have a token specified\"],\"Code\":400}"));
    }

    @Test
    void everyRequestCarriesBearerAcceptAndNoStore() throws Exception {
        server = RecordingServer.http().respond(r -> Reply.json(201, "{\"Name\":\"m1\"}"));
        try (HttpDrpApi api = api(FAST)) {
            JsonNode created = api.create("machines", Map.of("Name", "m1"));
            api.info();

            assertThat(created.path("Name").asText()).isEqualTo("m1");
            RecordingServer.Recorded post = server.requests().get(0);
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.rawPath()).isEqualTo("/api/v3/machines");
            assertThat(post.header("Content-Type")).isEqualTo("application/json");
            assertThat(post.text()).isEqualTo("{\"Name\":\"m1\"}");
            for (RecordingServer.Recorded r : server.requests()) {
                assertThat(r.header("Authorization")).isEqualTo("Bearer tok-123");
                assertThat(r.header("Accept")).isEqualTo("application/json");
                assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            }
            assertThat(server.last().rawPath()).isEqualTo("/api/v3/info");
            assertThat(server.last().header("Content-Type")).isNull();
        }
    }

    @Test
    void traceOptionsBecomeLogRequestHeaders() throws Exception {
        server = RecordingServer.http();
        try (HttpDrpApi api = api(FAST.toBuilder().trace("debug", "t-9").build())) {
            api.get("machines");
            assertThat(server.last().header("X-Log-Request")).isEqualTo("debug");
            assertThat(server.last().header("X-Log-Token")).isEqualTo("t-9");
        }
    }

    @Test
    void paramNamesKeepTheirSlashAndOtherReservedCharactersAreEscaped() throws Exception {
        server = RecordingServer.http().respond(r -> Reply.json(200, "2"));
        try (HttpDrpApi api = api(FAST)) {
            assertThat(api.param("machines", "u-1", "incrementer/step", true)).contains(json("2"));
            assertThat(server.last().rawPath()).isEqualTo("/api/v3/machines/u-1/params/incrementer/step");
            assertThat(server.last().rawQuery()).isEqualTo("aggregate=true");

            api.param("machines", "u-1", "odd name?#%", false);
            assertThat(server.last().rawPath()).isEqualTo("/api/v3/machines/u-1/params/odd%20name%3F%23%25");
            assertThat(server.last().rawQuery()).isNull();
        }
    }

    @Test
    void pathsWithDotSegmentsOrSlashInKeysAreRefused() throws Exception {
        server = RecordingServer.http();
        try (HttpDrpApi api = api(FAST)) {
            assertThatThrownBy(() -> api.get("machines/../users")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'..'");
            assertThatThrownBy(() -> api.param("machines", "a/b", "p", false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a/b");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void paramIsEmptyWhenNullOrNotFound() throws Exception {
        server = RecordingServer.http();
        try (HttpDrpApi api = api(FAST)) {
            server.respond(r -> Reply.json(200, "null"));
            assertThat(api.param("machines", "u1", "a/b", false)).isEmpty();
            server.respond(r -> Reply.json(404, "{\"Type\":\"GET\",\"Code\":404,\"Messages\":[\"Not Found\"]}"));
            assertThat(api.param("machines", "u1", "a/b", false)).isEmpty();
        }
    }

    @Test
    void setParamPostsTheJsonValueAndDeleteParamToleratesAbsence() throws Exception {
        server = RecordingServer.http().respond(r -> r.method().equals("POST")
                ? Reply.json(200, r.text()) : Reply.text(404, "no such param"));
        try (HttpDrpApi api = api(FAST)) {
            assertThat(api.setParam("machines", "u1", "incrementer/touched", 3)).isEqualTo(json("3"));
            RecordingServer.Recorded post = server.last();
            assertThat(post.rawPath()).isEqualTo("/api/v3/machines/u1/params/incrementer/touched");
            assertThat(post.header("Content-Type")).isEqualTo("application/json");
            assertThat(post.text()).isEqualTo("3");

            api.deleteParam("machines", "u1", "incrementer/touched");
            assertThat(server.last().method()).isEqualTo("DELETE");
            assertThat(server.last().rawPath()).isEqualTo("/api/v3/machines/u1/params/incrementer/touched");
        }
    }

    @Test
    void findIsEmptyOn404ButGetThrowsDrpsError() throws Exception {
        String drpError = "{\"Model\":\"machines\",\"Key\":\"nope\",\"Type\":\"API_ERROR\","
                + "\"Messages\":[\"Not Found\"],\"Code\":404}";
        server = RecordingServer.http().respond(r -> Reply.json(404, drpError));
        try (HttpDrpApi api = api(FAST)) {
            assertThat(api.find("machines/nope")).isEmpty();
            assertThatThrownBy(() -> api.get("machines/nope"))
                    .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.error())
                            .isEqualTo(DrpError.builder(404, "API_ERROR").model("machines").key("nope")
                                    .message("Not Found").build()));
        }
    }

    @Test
    void anErrorBodyThatIsNotADrpErrorBecomesAClientError() throws Exception {
        String big = "<html>" + "x".repeat(5000) + "</html>";
        server = RecordingServer.http().respond(r -> Reply.text(500, big));
        try (HttpDrpApi api = api(FAST)) {
            assertThatThrownBy(() -> api.get("machines")).isInstanceOfSatisfying(PluginException.class, e -> {
                assertThat(e.error().code()).isEqualTo(500);
                assertThat(e.error().type()).isEqualTo("CLIENT_ERROR");
                assertThat(e.error().messages()).hasSize(2);
                assertThat(e.error().messages().get(0)).isEqualTo("Internal Server Error");
                assertThat(e.error().messages().get(1)).startsWith("Raw response: <html>xxx")
                        .endsWith("(truncated, 5013 bytes)").hasSizeLessThan(2200);
            });
            // JSON that is not an Error is not mistaken for one either
            server.respond(r -> Reply.json(403, "[1,2]"));
            assertThatThrownBy(() -> api.get("machines")).isInstanceOfSatisfying(PluginException.class,
                    e -> assertThat(e.error().messages()).containsExactly("Forbidden", "Raw response: [1,2]"));
            // a DRP error without a Code takes the HTTP status
            server.respond(r -> Reply.json(422, "{\"Type\":\"ValidationError\",\"Messages\":[\"bad\"]}"));
            assertThatThrownBy(() -> api.get("machines")).isInstanceOfSatisfying(PluginException.class,
                    e -> assertThat(e.error()).isEqualTo(DrpError.of(422, "ValidationError", "bad")));
        }
    }

    @Test
    void listSendsTheQueryAndReturnsTheArray() throws Exception {
        server = RecordingServer.http().respond(r -> Reply.json(200, "[{\"Name\":\"a\"},{\"Name\":\"b\"}]"));
        try (HttpDrpApi api = api(FAST)) {
            List<JsonNode> machines = api.list("machines", Map.of("Name", "Re(a b)"));
            assertThat(machines).extracting(m -> m.path("Name").asText()).containsExactly("a", "b");
            assertThat(server.last().rawPath()).isEqualTo("/api/v3/machines");
            assertThat(URLDecoder.decode(server.last().rawQuery(), StandardCharsets.UTF_8)).isEqualTo("Name=Re(a b)");
        }
    }

    record Cow(String id, boolean spotted, String location) {
    }

    @Test
    void objectsBindsEachObjectThroughTheWireMapping() throws Exception {
        server = RecordingServer.http().respond(r -> Reply.json(200,
                "[{\"Id\":\"bessie\",\"Type\":\"typed-cows\",\"Spotted\":true,\"Location\":\"Austin\",\"Meta\":{}}]"));
        try (HttpDrpApi api = api(FAST)) {
            assertThat(api.objects("typed-cows", Cow.class)).containsExactly(new Cow("bessie", true, "Austin"));
            assertThat(server.last().rawPath()).isEqualTo("/api/v3/typed-cows");
        }
    }

    @Test
    void patchSendsJsonPatchContentType() throws Exception {
        server = RecordingServer.http().respond(r -> Reply.json(200, "{\"Name\":\"m2\"}"));
        try (HttpDrpApi api = api(FAST)) {
            JsonNode patch = json("[{\"op\":\"replace\",\"path\":\"/Name\",\"value\":\"m2\"}]");
            assertThat(api.patch("machines/u1", patch).path("Name").asText()).isEqualTo("m2");
            assertThat(server.last().method()).isEqualTo("PATCH");
            assertThat(server.last().header("Content-Type")).isEqualTo("application/json-patch+json");
            assertThat(json(server.last().text())).isEqualTo(patch);
        }
    }

    @Test
    void appendJobLogPutsRawOctets() throws Exception {
        server = RecordingServer.http().respond(r -> new Reply(204, "application/json", new byte[0]));
        try (HttpDrpApi api = api(FAST)) {
            api.appendJobLog("3f2a-77", "step 1 done ✓\n");
            RecordingServer.Recorded put = server.last();
            assertThat(put.method()).isEqualTo("PUT");
            assertThat(put.rawPath()).isEqualTo("/api/v3/jobs/3f2a-77/log");
            assertThat(put.header("Content-Type")).isEqualTo("application/octet-stream");
            assertThat(put.text()).isEqualTo("step 1 done ✓\n");
        }
    }

    @Test
    void updateSendsAGuardedMinimalPatchAndReturnsTheResult() throws Exception {
        AtomicReference<JsonNode> stored = new AtomicReference<>(json(
                "{\"Uuid\":\"u1\",\"Name\":\"m1\",\"Description\":\"old\",\"Profiles\":[\"a\"],\"Params\":{\"x\":1}}"));
        server = RecordingServer.http().respond(r -> {
            if (r.method().equals("PATCH")) {
                try {
                    stored.set(JsonPatch.apply(DrpJson.readTree(r.body()), stored.get()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return Reply.json(200, stored.get().toString());
        });
        try (HttpDrpApi api = api(FAST)) {
            JsonNode result = api.update("machines/u1", m -> {
                ObjectNode o = (ObjectNode) m;
                o.put("Description", "new");
                o.withArray("Profiles").add("b");
                o.with("Params").remove("x");
                return o;
            });

            assertThat(result).isEqualTo(json("{\"Uuid\":\"u1\",\"Name\":\"m1\",\"Description\":\"new\","
                    + "\"Profiles\":[\"a\",\"b\"],\"Params\":{}}"));
            RecordingServer.Recorded patch = server.last();
            assertThat(patch.method()).isEqualTo("PATCH");
            assertThat(patch.header("Content-Type")).isEqualTo("application/json-patch+json");
            assertThat(json(patch.text())).containsExactlyInAnyOrderElementsOf(json("["
                    + "{\"op\":\"test\",\"path\":\"/Description\",\"value\":\"old\"},"
                    + "{\"op\":\"replace\",\"path\":\"/Description\",\"value\":\"new\"},"
                    + "{\"op\":\"add\",\"path\":\"/Profiles/1\",\"value\":\"b\"},"
                    + "{\"op\":\"test\",\"path\":\"/Params/x\",\"value\":1},"
                    + "{\"op\":\"remove\",\"path\":\"/Params/x\"}]"));
        }
    }

    @Test
    void updateThatChangesNothingSendsNoPatch() throws Exception {
        server = RecordingServer.http().respond(r -> Reply.json(200, "{\"Name\":\"m1\"}"));
        try (HttpDrpApi api = api(FAST)) {
            assertThat(api.update("machines/u1", m -> m)).isEqualTo(json("{\"Name\":\"m1\"}"));
            assertThat(server.requests()).extracting(RecordingServer.Recorded::method).containsExactly("GET");
        }
    }

    @Test
    void updateRereadsAndRetriesAfterAConflict() throws Exception {
        AtomicInteger patches = new AtomicInteger();
        server = RecordingServer.http().respond(r -> !r.method().equals("PATCH")
                ? Reply.json(200, "{\"Count\":" + patches.get() + "}")
                : patches.incrementAndGet() == 1
                        ? Reply.json(409, "{\"Type\":\"PATCH\",\"Code\":409,\"Messages\":[\"Patch test failed\"]}")
                        : Reply.json(200, "{\"Count\":99}"));
        AtomicInteger calls = new AtomicInteger();
        try (HttpDrpApi api = api(FAST)) {
            JsonNode result = api.update("things/t1", m -> {
                calls.incrementAndGet();
                return ((ObjectNode) m).put("Count", m.path("Count").asInt() + 10);
            });
            assertThat(result).isEqualTo(json("{\"Count\":99}"));
            assertThat(calls).hasValue(2);
            assertThat(server.requests()).extracting(RecordingServer.Recorded::method)
                    .containsExactly("GET", "PATCH", "GET", "PATCH");
            assertThat(server.last().text()).contains("\"value\":1").contains("\"value\":11");
        }
    }

    @Test
    void transportFailuresAreRetriedUntilTheServerComesUp() throws Exception {
        int port = freePort();
        DrpApiOptions patient = FAST.toBuilder()
                .retryDelays(Collections.nCopies(40, Duration.ofMillis(50))).build();
        try (HttpDrpApi api = HttpDrpApi.connect(env("http://127.0.0.1:" + port, "t"), patient)) {
            CompletableFuture<JsonNode> answer = CompletableFuture.supplyAsync(() -> api.get("info"));
            Thread.sleep(300);
            assertThat(answer).isNotDone();
            server = RecordingServer.http(port).respond(r -> Reply.json(200, "{\"Version\":\"v4.8.0\"}"));
            assertThat(answer.get(5, TimeUnit.SECONDS).path("Version").asText()).isEqualTo("v4.8.0");
        }
    }

    @Test
    void retryingStopsWithinTheTotalTimeAnd502NamesTheUrl() throws Exception {
        int port = freePort();
        DrpApiOptions bounded = FAST.toBuilder().totalTimeout(Duration.ofMillis(600))
                .retryDelays(Collections.nCopies(1000, Duration.ofMillis(50))).build();
        try (HttpDrpApi api = HttpDrpApi.connect(env("http://127.0.0.1:" + port, "t"), bounded)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> api.get("machines/u1")).isInstanceOfSatisfying(PluginException.class, e -> {
                assertThat(e.error().code()).isEqualTo(502);
                assertThat(e.error().messages().get(0))
                        .startsWith("GET http://127.0.0.1:" + port + "/api/v3/machines/u1: no answer after ")
                        .contains("ConnectException");
            });
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(ms).isBetween(400L, 3000L);
        }
    }

    @Test
    void selfSignedCertificateIsAcceptedByDefault(@TempDir Path dir) throws Exception {
        TestCerts.Cert cert = TestCerts.generate(dir, "drp");
        server = RecordingServer.https(cert.serverContext()).respond(r -> Reply.json(200, "{\"Id\":\"x\"}"));
        try (HttpDrpApi api = api(FAST)) {
            assertThat(api.info().path("Id").asText()).isEqualTo("x");
        }
    }

    @Test
    void aCaFileVerifiesTheServerCertificate(@TempDir Path dir) throws Exception {
        TestCerts.Cert cert = TestCerts.generate(dir, "drp");
        TestCerts.Cert other = TestCerts.generate(dir, "other");
        server = RecordingServer.https(cert.serverContext()).respond(r -> Reply.json(200, "{\"Id\":\"x\"}"));

        try (HttpDrpApi api = api(FAST.toBuilder().caFile(cert.pem()).build())) {
            assertThat(api.info().path("Id").asText()).isEqualTo("x");
        }
        DrpApiOptions fromEnv = DrpApiOptions.fromEnvironment(Map.of("DRPKIT_CA_FILE", other.pem().toString()))
                .toBuilder().retryDelays(FAST.retryDelays()).build();
        try (HttpDrpApi api = api(fromEnv)) {
            assertThatThrownBy(api::info).isInstanceOfSatisfying(PluginException.class, e -> {
                assertThat(e.error().code()).isEqualTo(502);
                assertThat(e.error().messages().get(0)).contains("after 1 attempt in").contains("SSL");
            });
        }
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anUnreadableCaFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> HttpDrpApi.connect(env("https://127.0.0.1:1", "t"),
                FAST.toBuilder().caFile(missing).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
