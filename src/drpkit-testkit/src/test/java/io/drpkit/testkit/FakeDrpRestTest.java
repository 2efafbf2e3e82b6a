package io.drpkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.RawModel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeDrpRestTest {
    private FakeDrp drp;
    private HttpsClient api;

    @BeforeEach
    void start() {
        drp = FakeDrp.builder().token("secret-token").storeObjects("runbooks").start();
        api = HttpsClient.verifying(drp);
    }

    @AfterEach
    void stop() {
        api.close();
        drp.close();
    }

    @Test
    void endpointIsHttpsOnLoopbackWithoutTrailingSlash() {
        assertThat(drp.endpoint().getScheme()).isEqualTo("https");
        assertThat(drp.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(drp.endpoint().toString()).doesNotEndWith("/");
        assertThat(drp.providerEnvironment()).containsEntry("RS_TOKEN", "secret-token")
                .containsEntry("RS_ENDPOINT", drp.endpoint().toString())
                .containsKeys("RS_FILESERVER", "RS_WEBROOT");
    }

    @Test
    void requestsWithoutTheBearerTokenGet401WithADrpError() {
        try (HttpsClient wrong = HttpsClient.trustingAll(drp, "not-the-token")) {
            HttpsClient.Reply r = wrong.get("/api/v3/machines");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.json().get("Code").asInt()).isEqualTo(401);
            assertThat(r.json().get("Messages")).hasSize(1);
            assertThat(r.json().fieldNames()).toIterable()
                    .containsExactly("Model", "Key", "Type", "Messages", "Code");
        }
        HttpsClient.Reply none = api.execute(new Request.Builder()
                .url(drp.endpoint() + "/api/v3/info").build());
        assertThat(none.status()).isEqualTo(401);
    }

    @Test
    void aTokenWithoutGetSecureReadsEverythingButDecodedReadsGetDrps403() {
        drp.defineParam("ipmi/password", DrpJson.objectNode().put("type", "string"), true);
        String uuid = drp.createMachine("m1");
        drp.setMachineParam(uuid, "ipmi/password", "hunter2");
        assertThat(drp.tokenWithoutGetSecure()).isNotEqualTo(drp.token());
        try (HttpsClient restricted = HttpsClient.trustingAll(drp, drp.tokenWithoutGetSecure())) {
            for (String path : List.of("/machines/" + uuid + "/params/ipmi/password", "/machines/" + uuid + "/params",
                    "/machines/" + uuid)) {
                HttpsClient.Reply r = restricted.get("/api/v3" + path + "?decode=true");
                assertThat(r.status()).as(path).isEqualTo(403);
                assertThat(r.json().fieldNames()).toIterable().containsExactly("Model", "Key", "Type", "Messages", "Code");
                assertThat(r.json().get("Code").asInt()).isEqualTo(403);
                assertThat(r.json().get("Type").asText()).isEqualTo("API_ERROR");
                assertThat(r.json().get("Model").asText()).isEqualTo("machines");
                assertThat(r.json().get("Key").asText()).isEqualTo(uuid);
                assertThat(r.json().get("Messages").get(0).asText()).contains("getSecure");
                assertThat(r.body()).doesNotContain("hunter2");
            }
            HttpsClient.Reply list = restricted.get("/api/v3/machines?decode=true");
            assertThat(list.status()).isEqualTo(403);
            assertThat(list.json().get("Model").asText()).isEqualTo("machines");
            HttpsClient.Reply sealed = restricted.get("/api/v3/machines/" + uuid + "/params/ipmi/password");
            assertThat(sealed.status()).isEqualTo(200);
            assertThat(sealed.json().has("Payload")).isTrue();
        }
        assertThat(api.get("/api/v3/machines/" + uuid + "/params/ipmi/password?decode=true").json().asText())
                .isEqualTo("hunter2");
    }

    @Test
    void tokenInTheQueryIsOnlyForTheWebsocket() {
        HttpsClient.Reply r = api.execute(new Request.Builder()
                .url(drp.endpoint() + "/api/v3/machines?token=secret-token").build());
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void infoIsAPlausibleDrpInfo() {
        JsonNode info = api.get("/api/v3/info").json();
        assertThat(info.get("api_port").asInt()).isEqualTo(drp.endpoint().getPort());
        assertThat(info.get("file_port").asInt()).isEqualTo(drp.fileServer().getPort());
        assertThat(info.get("version").asText()).startsWith("v4.");
        assertThat(info.get("features")).extracting(JsonNode::asText)
                .contains("secure-param-upgrade", "api-v3");
    }

    @Test
    void machineCrudFillsDrpFieldsAndAnswersDrpErrors() {
        HttpsClient.Reply created = api.post("/api/v3/machines", "{\"Name\":\"m1\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode m = created.json();
        String uuid = m.get("Uuid").asText();
        assertThat(uuid).matches("[0-9a-f-]{36}");
        assertThat(m.get("Name").asText()).isEqualTo("m1");
        assertThat(m.get("Params").isObject()).isTrue();
        assertThat(m.get("Meta").isObject()).isTrue();
        assertThat(m.get("Validated").asBoolean()).isTrue();
        assertThat(m.fieldNames().next()).isEqualTo("Validated");

        assertThat(api.get("/api/v3/machines/" + uuid).json()).isEqualTo(m);
        assertThat(api.get("/api/v3/machines").json()).containsExactly(m);
        assertThat(api.get("/api/v3/machines?Name=m1").json()).hasSize(1);
        assertThat(api.get("/api/v3/machines?Name=other").json()).isEmpty();

        ((com.fasterxml.jackson.databind.node.ObjectNode) m).put("Description", "changed");
        HttpsClient.Reply put = api.put("/api/v3/machines/" + uuid, m.toString());
        assertThat(put.status()).isEqualTo(200);
        assertThat(drp.machine(uuid)).hasValueSatisfying(
                x -> assertThat(x.get("Description").asText()).isEqualTo("changed"));

        HttpsClient.Reply deleted = api.delete("/api/v3/machines/" + uuid);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("Uuid").asText()).isEqualTo(uuid);

        HttpsClient.Reply missing = api.get("/api/v3/machines/" + uuid);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"Model\":\"machines\",\"Key\":\"" + uuid
                + "\",\"Type\":\"GET\",\"Messages\":[\"Not Found\"],\"Code\":404}");
    }

    @Test
    void createRejectsDuplicatesAndMissingNames() {
        String uuid = drp.createMachine("m1");
        HttpsClient.Reply dup = api.post("/api/v3/machines",
                "{\"Name\":\"m2\",\"Uuid\":\"" + uuid + "\"}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().get("Type").asText()).isEqualTo("CREATE");
        assertThat(dup.json().get("Messages").get(0).asText()).isEqualTo("already exists");

        HttpsClient.Reply noName = api.post("/api/v3/machines", "{}");
        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.json().get("Type").asText()).isEqualTo("ValidationError");

        HttpsClient.Reply notJson = api.post("/api/v3/machines", "{nope");
        assertThat(notJson.status()).isEqualTo(400);
    }

    @Test
    void paramNamesMayContainSlashes() {
        String uuid = drp.createMachine("m1");
        String base = "/api/v3/machines/" + uuid + "/params/";

        HttpsClient.Reply unset = api.get(base + "incrementer/touched");
        assertThat(unset.status()).isEqualTo(200);
        assertThat(unset.body()).isEqualTo("null");

        assertThat(api.post(base + "incrementer/touched", "3").json().asInt()).isEqualTo(3);
        assertThat(api.get(base + "incrementer/touched").json().asInt()).isEqualTo(3);
        assertThat(api.get(base + "incrementer%2Ftouched").json().asInt()).isEqualTo(3);
        assertThat(api.get("/api/v3/machines/" + uuid + "/params").json())
                .isEqualTo(DrpJson.toTree(Map.of("incrementer/touched", 3)));
        assertThat(drp.machineParam(uuid, "incrementer/touched"))
                .hasValueSatisfying(v -> assertThat(v.asInt()).isEqualTo(3));

        HttpsClient.Reply removed = api.delete(base + "incrementer/touched");
        assertThat(removed.json().asInt()).isEqualTo(3);
        assertThat(api.get(base + "incrementer/touched").body()).isEqualTo("null");
        assertThat(drp.machineParam(uuid, "incrementer/touched")).isEmpty();
    }

    @Test
    void refusedParamWritesAnswerTheStatusWithADrpErrorAndChangeNothing() {
        String uuid = drp.createMachine("m1");
        String base = "/api/v3/machines/" + uuid + "/params";
        drp.setMachineParam(uuid, "runbook/published-url", "http://old");
        drp.refuseParamWrites("runbook/published-url", 422);

        HttpsClient.Reply one = api.post(base + "/runbook/published-url", "\"http://new\"");
        HttpsClient.Reply all = api.put(base, "{\"runbook/published-url\":\"http://new\",\"a\":1}");
        HttpsClient.Reply other = api.post(base + "/runbook/other", "1");

        assertThat(one.status()).isEqualTo(422);
        assertThat(one.json()).isEqualTo(DrpJson.toTree(Map.of("Model", "machines", "Key", uuid,
                "Type", "ValidationError", "Messages", java.util.List.of("param runbook/published-url: write refused"),
                "Code", 422)));
        assertThat(all.status()).isEqualTo(422);
        assertThat(other.status()).isEqualTo(200);
        assertThat(drp.machineParam(uuid, "runbook/published-url")).hasValueSatisfying(
                v -> assertThat(v.asText()).isEqualTo("http://old"));
        assertThat(drp.machineParam(uuid, "a")).isEmpty();
        assertThat(api.get(base + "/runbook/published-url").json().asText()).isEqualTo("http://old");
        assertThat(api.delete(base + "/runbook/published-url").status()).isEqualTo(200);
        assertThat(api.post("/api/v3/machines/nope/params/runbook/published-url", "\"x\"").status())
                .as("a missing machine is still a 404").isEqualTo(404);

        drp.refuseParamWrites("runbook/published-url", 403);
        assertThat(api.post(base + "/runbook/published-url", "\"x\"").json().get("Type").asText()).isEqualTo("POST");
        drp.allowParamWrites();
        assertThat(api.post(base + "/runbook/published-url", "\"x\"").status()).isEqualTo(200);
        assertThatThrownBy(() -> drp.refuseParamWrites("x", 200)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void paramsOfAMissingMachineAre404() {
        HttpsClient.Reply r = api.get("/api/v3/machines/nope/params/a/b");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("Key").asText()).isEqualTo("nope");
    }

    @Test
    void aggregatedParamsFallBackToProfilesThenGlobal() {
        String uuid = drp.createMachine("m1");
        drp.setGlobalParam("runbook/mode", "global");
        String path = "/api/v3/machines/" + uuid + "/params/runbook/mode";
        assertThat(api.get(path).body()).isEqualTo("null");
        assertThat(api.get(path + "?aggregate=true").json().asText()).isEqualTo("global");
        drp.setMachineParam(uuid, "runbook/mode", "own");
        assertThat(api.get(path + "?aggregate=true").json().asText()).isEqualTo("own");
    }

    @Test
    void jsonPatchAppliesAndAFailingTestOpIs409WithNoChange() {
        String uuid = drp.createMachine("m1");
        String path = "/api/v3/machines/" + uuid;
        HttpsClient.Reply ok = api.patch(path, "[{\"op\":\"test\",\"path\":\"/Name\",\"value\":\"m1\"},"
                + "{\"op\":\"add\",\"path\":\"/Params/incrementer~1touched\",\"value\":1}]");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("Params").get("incrementer/touched").asInt()).isEqualTo(1);

        HttpsClient.Reply conflict = api.patch(path,
                "[{\"op\":\"test\",\"path\":\"/Params/incrementer~1touched\",\"value\":7},"
                        + "{\"op\":\"replace\",\"path\":\"/Name\",\"value\":\"zzz\"}]");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("Code").asInt()).isEqualTo(409);
        assertThat(conflict.json().get("Model").asText()).isEqualTo("machines");
        assertThat(drp.machine(uuid).orElseThrow().get("Name").asText()).isEqualTo("m1");

        assertThat(api.patch(path, "{\"not\":\"a patch\"}").status()).isEqualTo(400);
        assertThat(api.patch(path, "[{\"op\":\"replace\",\"path\":\"/Uuid\",\"value\":\"x\"}]")
                .status()).isEqualTo(422);
    }

    @Test
    void jobLogsAppendRawBodies() {
        HttpsClient.Reply job = api.post("/api/v3/jobs", "{\"Machine\":\"m\"}");
        assertThat(job.status()).isEqualTo(201);
        String uuid = job.json().get("Uuid").asText();
        assertThat(job.json().get("State").asText()).isEqualTo("created");
        MediaType octets = MediaType.get("application/octet-stream");
        for (String chunk : new String[] {"line 1\n", "line 2\n"}) {
            HttpsClient.Reply r = api.execute(api.request("/api/v3/jobs/" + uuid + "/log")
                    .put(RequestBody.create(chunk.getBytes(), octets)).build());
            assertThat(r.status()).isBetween(200, 299);
        }
        HttpsClient.Reply log = api.get("/api/v3/jobs/" + uuid + "/log");
        assertThat(log.body()).isEqualTo("line 1\nline 2\n");
        assertThat(drp.jobLog(uuid)).isEqualTo("line 1\nline 2\n");
        assertThat(api.get("/api/v3/jobs/nope/log").status()).isEqualTo(404);
    }

    @Test
    void storeObjectsAreRawModelsKeyedById() {
        HttpsClient.Reply created = api.post("/api/v3/runbooks",
                "{\"Id\":\"hello\",\"create\":[{\"name\":\"a\"}]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("Type").asText()).isEqualTo("runbooks");
        assertThat(created.json().get("Errors").isArray()).isTrue();
        assertThat(drp.object("runbooks", "hello")).isPresent();

        drp.putObject("runbooks", RawModel.of("runbooks", "second"));
        assertThat(api.get("/api/v3/runbooks").json()).extracting(n -> n.get("Id").asText())
                .containsExactly("hello", "second");
        assertThat(api.put("/api/v3/runbooks/hello", "{\"Id\":\"hello\",\"x\":1}").json()
                .get("x").asInt()).isEqualTo(1);
        assertThat(api.delete("/api/v3/runbooks/hello").status()).isEqualTo(200);
        assertThat(drp.objects("runbooks")).extracting(RawModel::id).containsExactly("second");

        assertThat(api.post("/api/v3/runbooks", "{\"x\":1}").status()).isEqualTo(422);
        assertThat(api.get("/api/v3/unknown-things").status()).isEqualTo(404);
    }

    @Test
    void pluginsAreKeyedByNameAndNeedAProvider() {
        HttpsClient.Reply created = api.post("/api/v3/plugins",
                "{\"Name\":\"rb\",\"Provider\":\"runbook\",\"Params\":{\"a/b\":1}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("PluginErrors").isArray()).isTrue();
        assertThat(api.get("/api/v3/plugins/rb/params/a/b").json().asInt()).isEqualTo(1);
        assertThat(api.post("/api/v3/plugins", "{\"Name\":\"x\"}").status()).isEqualTo(422);
    }

    @Test
    void everyRequestIsRecordedWithHeadersAndBody() {
        api.post("/api/v3/machines", "{\"Name\":\"rec\"}");
        RecordedRequest r = drp.awaitRequest(x -> x.method().equals("POST"), Duration.ofSeconds(5));
        assertThat(r.path()).isEqualTo("/api/v3/machines");
        assertThat(r.header("authorization")).hasValue("Bearer secret-token");
        assertThat(r.json().get("Name").asText()).isEqualTo("rec");
        drp.clearRecords();
        assertThat(drp.requests()).isEmpty();
        assertThatThrownBy(() -> drp.awaitRequest(x -> true, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no matching REST request");
    }

    @Test
    void javaApiReportsMissingObjects() {
        assertThat(drp.machine("nope")).isEmpty();
        assertThatThrownBy(() -> drp.setMachineParam("nope", "a", 1))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> drp.deleteMachine("nope")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void fileServerServesTheWebrootOverPlainHttp() throws Exception {
        java.nio.file.Path dir = drp.webroot().resolve("files/plugin_providers/runbook");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("hello.txt"), "hi");
        okhttp3.OkHttpClient plain = new okhttp3.OkHttpClient.Builder()
                .callTimeout(Duration.ofSeconds(10)).build();
        try (okhttp3.Response r = plain.newCall(new Request.Builder().url(drp.fileServer()
                + "/files/plugin_providers/runbook/hello.txt").build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().string()).isEqualTo("hi");
        } finally {
            plain.connectionPool().evictAll();
        }
    }

    @Test
    void restLatencyDelaysEachCallWithoutSerializingThem() throws Exception {
        drp.restLatency(Duration.ofMillis(1500));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(24);
        try {
            long start = System.nanoTime();
            java.util.List<java.util.concurrent.Future<HttpsClient.Reply>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                calls.add(pool.submit(() -> api.get("/api/v3/info")));
            }
            for (var call : calls) {
                assertThat(call.get(10, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
            }
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            // each call waited; had a delay held one of the 8 worker threads, 24 calls would take >= 4.5 s
            assertThat(millis).isBetween(1500L, 4000L);
            assertThat(drp.requests()).hasSize(24);
        } finally {
            pool.shutdownNow();
        }
        drp.healthy();
        long start = System.nanoTime();
        assertThat(api.get("/api/v3/info").status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isLessThan(500L);
    }
}
