package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.LogLine;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import io.drpkit.testkit.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code runbook listen} against the fake host, over real Unix sockets (spec §3, §4, Part A):
 * the routes and every error shape of the plugin API, the incrementer against the fake DRP REST
 * API, concurrency, and the log lines the host receives. One configured provider serves every
 * test here; tests that need a fresh or differently started provider start their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenIT {
    static final String OK = "{\"Model\":\"\",\"Key\":\"\",\"Type\":\"\",\"Messages\":null,\"Code\":200}\n";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String API = ProviderProcess.API;

    private FakeDrp drp;
    private ProviderProcess runbook;

    @BeforeAll
    void startConfiguredProvider() {
        drp = FakeDrp.start();
        runbook = ProviderProcess.of(Built.executable()).listen(drp);
        assertThat(runbook.config(Map.of("Name", "runbook")).text()).isEqualTo(OK);
    }

    @AfterAll
    void stopProvider() {
        try {
            if (runbook != null) {
                runbook.close();
            }
        } finally {
            if (drp != null) {
                drp.close();
            }
        }
    }

    // ------------------------------------------------------------------ start-up (Part A.3, A.4)

    @Test
    void readyIsTheOnlyStdoutAndTheSocketIsOwnerOnly() throws IOException {
        assertThat(runbook.stdout()).isEqualTo("READY!\n");
        assertThat(Files.getPosixFilePermissions(runbook.servePath()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    // ------------------------------------------------------------------ routing (§3.1)

    @Test
    void anUnknownPathIs404WithTheMethodAsTypeAndThePathAsKey() throws IOException {
        ProviderProcess.Response post = runbook.post(API + "/bogus", "application/json", "{}".getBytes());
        assertThat(post.status()).isEqualTo(404);
        assertThat(post.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(post.text())
                .isEqualTo("{\"Model\":\"\",\"Key\":\"/api-plugin/v4/bogus\",\"Type\":\"POST\",\"Messages\":null,\"Code\":404}\n");

        RawHttp.Answer get = raw(RawHttp.request("GET", "/plugin-apis/runbook/x", ""));
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.body())
                .isEqualTo("{\"Model\":\"\",\"Key\":\"/plugin-apis/runbook/x\",\"Type\":\"GET\",\"Messages\":null,\"Code\":404}\n");
    }

    @Test
    void anyOtherMethodOnARealRouteIs404() throws IOException {
        for (String route : List.of("/config", "/action", "/stop")) {
            for (String method : List.of("GET", "PUT", "DELETE")) {
                RawHttp.Answer a = raw(RawHttp.request(method, API + route, ""));
                assertThat(a.status()).as("%s %s", method, route).isEqualTo(404);
                assertThat(a.body()).isEqualTo("{\"Model\":\"\",\"Key\":\"" + API + route + "\",\"Type\":\""
                        + method + "\",\"Messages\":null,\"Code\":404}\n");
            }
        }
        assertThat(runbook.isAlive()).as("GET /stop must not stop the provider").isTrue();
    }

    @Test
    void routesMatchExactPathsIgnoringTheQuery() {
        for (String path : List.of(API + "/config/", API, API + "/", "/api-plugin/v3/config", "/")) {
            ProviderProcess.Response r = runbook.post(path, "application/json", "{}".getBytes());
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.error().key()).isEqualTo(path);
        }
        assertThat(runbook.post(API + "/config?verbose=1", "application/json", "{}".getBytes()).text())
                .isEqualTo(OK);
    }

    @Test
    void publishIsNotRoutedForAProviderWithoutALegacyPublisher() {
        ProviderProcess.Response r = runbook.post(API + "/publish", "application/json",
                "{\"Type\":\"machines\",\"Action\":\"create\",\"Key\":\"k\"}".getBytes());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text())
                .isEqualTo("{\"Model\":\"\",\"Key\":\"/api-plugin/v4/publish\",\"Type\":\"POST\",\"Messages\":null,\"Code\":404}\n");
    }

    @Test
    void anUncleanPathIsRedirectedToTheCleanOne() throws IOException {
        for (String unclean : List.of("/api-plugin//v4/config", "/api-plugin/v4/./config", "/api-plugin/x/../v4/config")) {
            RawHttp.Answer a = raw(RawHttp.request("POST", unclean, "{}", "Content-Type: application/json",
                    "Content-Length: 2"));
            assertThat(a.status()).as(unclean).isEqualTo(301);
            assertThat(a.header("Location")).as(unclean).hasValue("/api-plugin/v4/config");
        }
    }

    // ------------------------------------------------------------------ body rules (§3.2)

    @Test
    void aMissingContentTypeIs400EvenForAnEmptyBody() throws IOException {
        RawHttp.Answer a = raw(RawHttp.request("POST", API + "/config", "", "Content-Length: 0"));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).isEqualTo(
                "{\"Model\":\"\",\"Key\":\"\",\"Type\":\"POST\",\"Messages\":[\"Invalid content type: \"],\"Code\":400}\n");
    }

    @Test
    void aContentTypeWithoutApplicationJsonIs400() {
        ProviderProcess.Response r = runbook.post(API + "/action", "text/plain", "{}".getBytes());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).isEqualTo(
                "{\"Model\":\"\",\"Key\":\"\",\"Type\":\"POST\",\"Messages\":[\"Invalid content type: text/plain\"],\"Code\":400}\n");
    }

    @Test
    void aContentTypeContainingApplicationJsonInAnyCasePasses() {
        String body = "{\"Name\":\"runbook\"}";
        assertThat(runbook.post(API + "/config", "application/json; charset=utf-8", body.getBytes()).text()).isEqualTo(OK);
        assertThat(runbook.post(API + "/config", "APPLICATION/JSON", body.getBytes()).text()).isEqualTo(OK);
    }

    @Test
    void aChunkedEmptyBodyIsNotAnEmptyBodyAndFailsDecoding() throws IOException {
        RawHttp.Answer a = raw(RawHttp.request("POST", API + "/config", "0\r\n\r\n",
                "Content-Type: application/json", "Transfer-Encoding: chunked"));
        assertThat(a.status()).isEqualTo(400);
        DrpError e = error(a.body());
        assertThat(e.type()).isEqualTo("POST");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e.messages()).hasSize(1);
    }

    @Test
    void undecodableBodiesAre400WithTheDecoderMessage() {
        for (String body : List.of("{bad", "[1,2]", "\"text\"", "{\"Name\":")) {
            ProviderProcess.Response r = runbook.post(API + "/config", "application/json", body.getBytes());
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.text()).as(body).endsWith("}\n");
            DrpError e = r.error();
            assertThat(e.model()).isEmpty();
            assertThat(e.key()).isEmpty();
            assertThat(e.type()).isEqualTo("POST");
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.messages()).as(body).hasSize(1);
            assertThat(e.messages().get(0)).isNotBlank();
        }
        ProviderProcess.Response action = runbook.post(API + "/action", "application/json", "[]".getBytes());
        assertThat(action.status()).isEqualTo(400);
        assertThat(action.error().type()).isEqualTo("POST");
    }

    @Test
    void aJsonNullConfigBodyIsTheZeroValue() {
        ProviderProcess.Response r = runbook.post(API + "/config", "application/json", "null".getBytes());
        assertThat(r.text()).isEqualTo(OK);
    }

    // ------------------------------------------------------------------ /config (§3.4, Part A.9)

    @Test
    void actionsAre503UntilAConfigWithAnEmptyBodySucceeds() throws IOException {
        try (FakeDrp host = FakeDrp.start();
             ProviderProcess fresh = ProviderProcess.of(Built.executable()).listen(host)) {
            ProviderProcess.Response before = fresh.action(action("incrstatus", NullNode.getInstance(), Map.of()));
            assertThat(before.status()).isEqualTo(503);
            DrpError e = before.error();
            assertThat(e.code()).isEqualTo(503);
            assertThat(e.messages()).singleElement().asString().contains("not configured");
            assertThat(before.text()).endsWith("}\n");

            RawHttp.Answer empty = RawHttp.exchange(fresh.servePath(), RawHttp.request("POST", API + "/config", "",
                    "Content-Type: application/json", "Content-Length: 0"), WAIT);
            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.body()).isEqualTo(OK);
            assertThat(empty.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));

            ProviderProcess.Response after = fresh.action(action("incrstatus", NullNode.getInstance(), Map.of()));
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.text()).isEqualTo("\"Running\"\n");
        }
    }

    @Test
    void aConfigWithAnInvalidParamIsAWrapped400AndKeepsTheConfigInForce() throws IOException {
        ProviderProcess.Response r = runbook.config(Map.of("Name", "runbook", "incrementer/step", "two"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).endsWith("}\n");
        DrpError wrapper = r.error();
        assertThat(wrapper.model()).isEmpty();
        assertThat(wrapper.key()).isEmpty();
        assertThat(wrapper.type()).isEmpty();
        assertThat(wrapper.code()).isEqualTo(400);
        assertThat(wrapper.messages()).hasSize(1);
        DrpError inner = DrpJson.read(wrapper.messages().get(0).getBytes(StandardCharsets.UTF_8), DrpError.class);
        assertThat(inner.code()).isEqualTo(400);
        assertThat(inner.messages()).isNotEmpty().anyMatch(m -> m.contains("incrementer/step"));

        assertThat(runbook.action(action("incrstatus", NullNode.getInstance(), Map.of())).status())
                .as("the previous configuration stays in force").isEqualTo(200);
    }

    @Test
    void aConfigWithoutATokenIsTheIntended400() {
        try (FakeDrp host = FakeDrp.start();
             ProviderProcess noToken = ProviderProcess.builder(Built.executable())
                     .environment("RS_TOKEN", "").build().listen(host)) {
            ProviderProcess.Response r = noToken.config(Map.of("Name", "runbook"));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).isEqualTo("{\"Model\":\"plugin\",\"Key\":\"unknown\",\"Type\":\"plugin\","
                    + "\"Messages\":[\"Must have a token specified\"],\"Code\":400}\n");
            assertThat(noToken.action(action("incrstatus", NullNode.getInstance(), Map.of())).status())
                    .as("still not configured").isEqualTo(503);
        }
    }

    // ------------------------------------------------------------------ /action (§3.5)

    @Test
    void anUnknownCommandIsARaw404() {
        ProviderProcess.Response r = runbook.action(action("explode", NullNode.getInstance(), Map.of()));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).endsWith("}\n");
        DrpError e = r.error();
        assertThat(e.code()).isEqualTo(404);
        assertThat(e.messages()).singleElement().asString().contains("explode").doesNotStartWith("{");
    }

    @Test
    void incrstatusIsRunning() {
        ProviderProcess.Response r = runbook.action(action("incrstatus", NullNode.getInstance(), Map.of()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("\"Running\"\n");
    }

    @Test
    void incrementCountsUpTheDefaultParamByOneAndCountsTheCalls() {
        String uuid = drp.createMachine("m-" + UUID.randomUUID());
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ProviderProcess.Response r = runbook.action(action("increment", machine(uuid), Map.of()));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.text()).endsWith("\n");
            seen.add(drp.machineParam(uuid, "incrementer/default").orElseThrow().asLong());
        }
        assertThat(seen).containsExactly(1L, 2L, 3L);
        assertThat(drp.machineParam(uuid, "incrementer/touched").orElseThrow().asLong()).isEqualTo(3);
    }

    @Test
    void incrementUsesTheStepAndParameterOfTheActionAndResetCountRemovesTouched() {
        String uuid = drp.createMachine("m-" + UUID.randomUUID());
        Map<String, Object> params = Map.of("incrementer/step", 2, "incrementer/parameter", "counter");
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProviderProcess.Response r = runbook.action(action("increment", machine(uuid), params));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            seen.add(drp.machineParam(uuid, "counter").orElseThrow().asLong());
        }
        assertThat(seen).containsExactly(2L, 4L);
        assertThat(drp.machineParam(uuid, "incrementer/default")).isEmpty();
        assertThat(drp.machineParam(uuid, "incrementer/touched").orElseThrow().asLong()).isEqualTo(2);

        ProviderProcess.Response reset = runbook.action(action("reset_count", machine(uuid),
                Map.of("incrementer/touched", 2)));
        assertThat(reset.status()).as(reset.text()).isEqualTo(200);
        assertThat(drp.machineParam(uuid, "incrementer/touched")).isEmpty();
        assertThat(drp.machineParam(uuid, "counter").orElseThrow().asLong()).isEqualTo(4);
    }

    @Test
    void incrementOnATargetThatIsNotAMachineIs409() {
        JsonNode plugin = drp.createPlugin("p-" + UUID.randomUUID(), "runbook", Map.of());
        ProviderProcess.Response r = runbook.action(action("increment", plugin, Map.of()));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error().code()).isEqualTo(409);
        assertThat(r.text()).endsWith("}\n");
    }

    // ------------------------------------------------------------------ concurrency (§10.2)

    @Test
    void fastRequestsAreServedWhileASlowActionIsInFlight() throws Exception {
        String uuid = drp.createMachine("slow-" + UUID.randomUUID());
        ExecutorService pool = Executors.newFixedThreadPool(9);
        drp.restLatency(Duration.ofMillis(1000)); // increment makes 4 REST calls: about 4 s in flight
        try {
            long start = System.nanoTime();
            Future<ProviderProcess.Response> slow = pool.submit(() -> runbook.action(action("increment", machine(uuid), Map.of())));
            drp.awaitRequest(r -> r.path().contains(uuid), WAIT); // the first REST call was answered: in flight
            List<Future<ProviderProcess.Response>> fast = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                fast.add(pool.submit(() -> runbook.action(action("incrstatus", NullNode.getInstance(), Map.of()))));
            }
            for (Future<ProviderProcess.Response> f : fast) {
                assertThat(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).text()).isEqualTo("\"Running\"\n");
            }
            long fastMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(slow.isDone()).as("200 incrstatus answered in %d ms while increment was still running",
                    fastMillis).isFalse();

            assertThat(slow.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).status()).isEqualTo(200);
            System.out.printf("concurrency: 200 incrstatus in %d ms; increment took %d ms%n", fastMillis,
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
            assertThat(drp.machineParam(uuid, "incrementer/default").orElseThrow().asLong()).isEqualTo(1);
        } finally {
            drp.healthy();
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ logs to the host (§3.3, §4.3, §5.4)

    @Test
    void aLogTokenIsLoggedAtErrorWithoutRepublishing() {
        String token = "tok-" + UUID.randomUUID();
        runbook.post(API + "/action", "application/json", DrpJson.writeBytes(action("incrstatus", NullNode.getInstance(),
                Map.of())), "X-Log-Token", token);
        LogLine line = drp.awaitLogLine(l -> l.message().contains(token), WAIT);
        assertThat(line.message()).contains("Log token: " + token);
        assertThat(line.level()).isEqualTo("error");
        assertThat(line.ignorePublish()).isTrue();
    }

    @Test
    void xLogRequestTraceForwardsThatRequestsTraceLines() {
        String uuid = drp.createMachine("trace-" + UUID.randomUUID());
        ProviderProcess.Response r = runbook.post(API + "/action", "application/json",
                DrpJson.writeBytes(action("increment", machine(uuid), Map.of())), "X-Log-Request", " TRACE ");
        assertThat(r.status()).isEqualTo(200);
        LogLine trace = drp.awaitLogLine(l -> l.level().equals("trace") && l.message().contains(uuid), WAIT);
        assertThat(trace.service()).isEqualTo("runbook");

        String other = drp.createMachine("plain-" + UUID.randomUUID());
        assertThat(runbook.action(action("increment", machine(other), Map.of())).status()).isEqualTo(200);
        // lines arrive in order: once this request's closing API line is in, so is all it logged
        drp.awaitLogLine(l -> l.message().startsWith("API: st: 200") && l.message().contains("/action")
                && l.seq() > trace.seq() && drp.logLines().stream().anyMatch(x -> x.message().contains(other)), WAIT);
        assertThat(drp.logLines()).filteredOn(l -> l.message().contains(other))
                .as("lines about the request without X-Log-Request").isNotEmpty()
                .noneMatch(l -> l.level().equals("trace"));
    }

    @Test
    void xLogRequestErrorKeepsThatRequestsInfoAndDebugLinesFromTheHost() {
        String quiet = drp.createMachine("quiet-" + UUID.randomUUID());
        ProviderProcess.Response r = runbook.post(API + "/action", "application/json",
                DrpJson.writeBytes(action("increment", machine(quiet), Map.of())), "X-Log-Request", "error");
        assertThat(r.status()).isEqualTo(200);
        String marker = drp.createMachine("marker-" + UUID.randomUUID());
        assertThat(runbook.action(action("increment", machine(marker), Map.of())).status()).isEqualTo(200);
        // in-order delivery: once the later request's lines are in, the quiet one's would be too
        drp.awaitLogLine(l -> l.message().contains(marker), WAIT);
        assertThat(drp.logLines()).noneMatch(l -> l.message().contains(quiet));
    }

    @Test
    void anInvalidRequestedLogLevelIsLoggedAtError() {
        runbook.post(API + "/action", "application/json", DrpJson.writeBytes(action("incrstatus", NullNode.getInstance(),
                Map.of())), "X-Log-Request", "loud");
        LogLine line = drp.awaitLogLine(l -> l.message().contains("Invalid requested log level loud"), WAIT);
        assertThat(line.level()).isEqualTo("error");
    }

    @Test
    void logLinesCarryStrictlyIncreasingSeqLowerCaseLevelsAndTheServiceName() throws IOException {
        for (int i = 0; i < 5; i++) {
            runbook.action(action("incrstatus", NullNode.getInstance(), Map.of()));
        }
        drp.awaitLogLines(l -> l.message().startsWith("API: st:"), 5, WAIT);
        List<JsonNode> lines = new ArrayList<>();
        for (RecordedRequest r : drp.dialRequests()) {
            if (r.method().equals("POST") && r.path().endsWith("/log")) {
                lines.add(r.json());
            }
        }
        assertThat(lines).hasSizeGreaterThanOrEqualTo(5);
        long previous = 0;
        for (JsonNode line : lines) {
            long seq = line.get("Seq").asLong();
            assertThat(seq).as("Seq after %d in %s", previous, line).isGreaterThan(previous);
            previous = seq;
            String level = line.get("Level").textValue();
            assertThat(level).as("Level of %s", line).isNotNull().isEqualTo(level.toLowerCase(Locale.ROOT))
                    .isIn("trace", "debug", "info", "warn", "error", "fatal", "panic", "audit");
            assertThat(line.get("Service").asText()).isEqualTo("runbook");
            assertThat(OffsetDateTime.parse(line.get("Time").asText())).as("RFC 3339 Time").isNotNull();
            if (line.get("Message").asText().startsWith("API: st:")) {
                assertThat(line.get("Level").asText()).isEqualTo("debug");
                assertThat(line.get("IgnorePublish").asBoolean()).as("API lines are not republished").isTrue();
            }
            assertThat(line.fieldNames()).toIterable().containsExactly("Group", "Seq", "Time", "Service",
                    "Principal", "Level", "File", "Line", "Message", "Data", "IgnorePublish");
        }
    }

    // ------------------------------------------------------------------ body limit (Part A.13)

    @Test
    void aBodyOverTheConfiguredLimitIs413WithAnError() throws IOException {
        try (FakeDrp host = FakeDrp.start();
             ProviderProcess small = ProviderProcess.builder(Built.executable())
                     .environment("DRPKIT_MAX_BODY", "1024").build().listen(host)) {
            String pad = "x".repeat(900);
            assertThat(small.config(Map.of("Name", "runbook", "pad", pad)).text())
                    .as("a body under the limit").isEqualTo(OK);

            byte[] big = ("{\"Name\":\"runbook\",\"pad\":\"" + "x".repeat(2048) + "\"}").getBytes(StandardCharsets.UTF_8);
            ProviderProcess.Response declared = small.post(API + "/config", "application/json", big);
            assertThat(declared.status()).isEqualTo(413);
            assertThat(declared.text()).endsWith("}\n");
            assertThat(declared.error().code()).isEqualTo(413);
            assertThat(declared.error().messages()).singleElement().asString().contains("1024");

            String chunk = new String(big, StandardCharsets.UTF_8);
            RawHttp.Answer chunked = RawHttp.exchange(small.servePath(), RawHttp.request("POST", API + "/action",
                    Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n",
                    "Content-Type: application/json", "Transfer-Encoding: chunked"), WAIT);
            assertThat(chunked.status()).isEqualTo(413);
            assertThat(error(chunked.body()).code()).isEqualTo(413);

            assertThat(small.config(Map.of("Name", "runbook")).text()).as("still serving").isEqualTo(OK);
        }
    }

    // ------------------------------------------------------------------ host base path (Part A.1)

    @Test
    void logsReachAHostThatServesOnlyTheDocumentedBasePath() {
        try (FakeDrp host = FakeDrp.start().prefixes(FakeDrp.DOCUMENTED_PREFIX);
             ProviderProcess p = ProviderProcess.of(Built.executable()).listen(host)) {
            assertThat(p.config(Map.of("Name", "documented")).text()).isEqualTo(OK);
            host.awaitLogLine(l -> l.message().contains("documented"), WAIT);
            for (int i = 0; i < 3; i++) {
                p.action(action("incrstatus", NullNode.getInstance(), Map.of()));
            }
            host.awaitLogLines(l -> l.message().startsWith("API: st:"), 3, WAIT);

            // a request is recorded before its line is: wait until none is in flight (issue 11.6)
            Awaits.until("every dial request but the first is an accepted log line", WAIT,
                    () -> host.logLines().size() == host.dialRequests().size() - 1,
                    () -> host.dialRequests().size() + " requests, " + host.logLines().size() + " lines");
            List<RecordedRequest> calls = host.dialRequests();
            assertThat(calls).filteredOn(r -> r.path().startsWith(FakeDrp.PRIMARY_PREFIX + "/"))
                    .as("one try on the primary base path, then the documented one is kept").hasSize(1);
            assertThat(calls.get(0).path()).startsWith(FakeDrp.PRIMARY_PREFIX + "/");
            assertThat(calls).filteredOn(r -> !r.path().startsWith(FakeDrp.DOCUMENTED_PREFIX + "/log"))
                    .as("every other request is a line on the documented path").hasSize(1);
        }
    }

    // ------------------------------------------------------------------ helpers

    private RawHttp.Answer raw(String request) throws IOException {
        return RawHttp.exchange(runbook.servePath(), request, WAIT);
    }

    private JsonNode machine(String uuid) {
        return drp.machine(uuid).orElseThrow();
    }

    static Action action(String command, JsonNode model, Map<String, ?> params) {
        Map<String, JsonNode> p = new LinkedHashMap<>();
        params.forEach((k, v) -> p.put(k, DrpJson.toTree(v)));
        return new Action(model, "runbook", command, "", p);
    }

    static DrpError error(String json) throws IOException {
        return DrpJson.read(json.getBytes(StandardCharsets.UTF_8), DrpError.class);
    }
}
