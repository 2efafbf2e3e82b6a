package io.drpkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drpkit.sdk.internal.hostclient.UnixSocketClients;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.Event;
import io.drpkit.sdk.model.LogLine;
import io.drpkit.sdk.model.RawModel;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeDrpDialSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final MediaType JSON = MediaType.get("application/json");

    private FakeDrp drp;
    private OkHttpClient provider;

    @BeforeEach
    void start() {
        drp = FakeDrp.builder().storeObjects("runbooks").start();
        provider = UnixSocketClients.create(drp.dialPath(), new UnixSocketClients.Timeouts(
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(20)));
    }

    @AfterEach
    void stop() {
        provider.dispatcher().executorService().shutdown();
        provider.connectionPool().evictAll();
        drp.close();
    }

    private static LogLine line(long seq, String message) {
        return new LogLine(1, seq, Instant.parse("2021-09-01T10:00:00.5Z"), "runbook", "", "info",
                "X.java", 7, message, List.of(), false);
    }

    private Reply post(String path, Object body) throws IOException {
        return post(path, DrpJson.write(body));
    }

    private Reply post(String path, String json) throws IOException {
        Request r = new Request.Builder().url(UnixSocketClients.BASE_URL + path)
                .post(RequestBody.create(json, JSON)).build();
        try (Response response = provider.newCall(r).execute()) {
            return new Reply(response.code(), response.body().string());
        }
    }

    private Reply get(String path) throws IOException {
        Request r = new Request.Builder().url(UnixSocketClients.BASE_URL + path).build();
        try (Response response = provider.newCall(r).execute()) {
            return new Reply(response.code(), response.body().string());
        }
    }

    private record Reply(int status, String body) {
    }

    @Test
    void theDialSocketIsAShortPrivateSocketPath() throws IOException {
        assertThat(drp.dialPath().toString()).startsWith("/tmp/dk").hasSizeLessThan(100);
        assertThat(Files.getPosixFilePermissions(drp.dialPath()))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void logLinesAreAcceptedAndRecordedUnderBothBasePaths() throws IOException {
        Reply primary = post("/api-server-plugin/v4/log", line(1, "one"));
        assertThat(primary.status()).isEqualTo(200);
        assertThat(post("/api-plugin-server/v4/log", line(2, "two")).status()).isEqualTo(200);

        assertThat(drp.logLines()).extracting(LogLine::message).containsExactly("one", "two");
        assertThat(drp.logLines().get(0)).isEqualTo(line(1, "one"));
        RecordedRequest r = drp.dialRequests().get(0);
        assertThat(r.line()).isEqualTo("POST /api-server-plugin/v4/log");
        assertThat(r.header("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.header("host")).hasValue("unix");
        assertThat(r.json().get("Message").asText()).isEqualTo("one");
    }

    @Test
    void awaitLogLineWaitsForALaterLine() throws Exception {
        CompletableFuture<LogLine> waiting = CompletableFuture.supplyAsync(
                () -> drp.awaitLogLine(l -> l.message().equals("later"), WAIT));
        post("/api-server-plugin/v4/log", line(1, "earlier"));
        post("/api-server-plugin/v4/log", line(2, "later"));
        assertThat(waiting.get(15, TimeUnit.SECONDS).seq()).isEqualTo(2);
        assertThat(drp.awaitLogLines(l -> true, 2, WAIT)).hasSize(2);
        assertThatThrownBy(() -> drp.awaitLogLine(l -> l.message().equals("never"), Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("earlier");
    }

    @Test
    void aLogLineWhoseLevelIsNotALevelNameIs400AndNotAccepted() throws IOException {
        String numeric = DrpJson.write(line(1, "x")).replace("\"Level\":\"info\"", "\"Level\":2");
        Reply r = post("/api-server-plugin/v4/log", numeric);
        assertThat(r.status()).isEqualTo(400);
        assertThat(DrpJson.read(r.body(), DrpError.class).code()).isEqualTo(400);
        assertThat(post("/api-server-plugin/v4/log", "not json").status()).isEqualTo(400);
        assertThat(drp.logLines()).isEmpty();
        assertThat(drp.dialRequests()).hasSize(2);
    }

    @Test
    void publishAndLeavingAreRecordedAsTypedValues() throws IOException {
        Event e = Event.of("machines", "incremented", "u1", DrpJson.toTree(java.util.Map.of("value", 4)));
        assertThat(post("/api-server-plugin/v4/publish", e).status()).isEqualTo(200);
        DrpError why = DrpError.builder(500, "plugin").model("plugin").key("runbook").message("lost backend").build();
        assertThat(post("/api-server-plugin/v4/leaving", why).status()).isEqualTo(200);

        assertThat(drp.awaitPublished(x -> x.key().equals("u1"), WAIT).object().get("value").asInt()).isEqualTo(4);
        assertThat(drp.published()).hasSize(1);
        assertThat(drp.awaitLeaving(WAIT)).isEqualTo(why);
        assertThat(drp.leavingNotices()).containsExactly(why);
    }

    @Test
    void objectsListsTheStoreObjectsOfAPrefix() throws IOException {
        drp.putObject("runbooks", RawModel.of("runbooks", "hello"));
        Reply r = get("/api-server-plugin/v4/objects/runbooks");
        assertThat(r.status()).isEqualTo(200);
        RawModel[] objects = DrpJson.read(r.body(), RawModel[].class);
        assertThat(objects).extracting(RawModel::id).containsExactly("hello");
        assertThat(objects[0].type()).isEqualTo("runbooks");

        assertThat(get("/api-plugin-server/v4/objects/runbooks").status()).isEqualTo(200);
        assertThat(get("/api-server-plugin/v4/objects/unknown").status()).isEqualTo(404);
        assertThat(get("/api-server-plugin/v4/objects/machines").status()).isEqualTo(404);
    }

    @Test
    void unknownPathsAndMethodsAre404() throws IOException {
        Reply r = post("/api-server-plugin/v4/bogus", "{}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(DrpJson.read(r.body(), DrpError.class).key()).isEqualTo("/api-server-plugin/v4/bogus");
        assertThat(get("/api-server-plugin/v4/log").status()).isEqualTo(404);
        assertThat(post("/api-plugin/v4/log", line(1, "x")).status()).isEqualTo(404);
    }

    @Test
    void servingOnlyOnePrefixAnswers404OnTheOther() throws IOException {
        drp.prefixes(FakeDrp.PRIMARY_PREFIX);
        assertThat(post("/api-plugin-server/v4/log", line(1, "doc")).status()).isEqualTo(404);
        assertThat(post("/api-server-plugin/v4/log", line(2, "code")).status()).isEqualTo(200);
        drp.prefixes(FakeDrp.DOCUMENTED_PREFIX);
        assertThat(post("/api-server-plugin/v4/log", line(3, "code")).status()).isEqualTo(404);
        assertThat(post("/api-plugin-server/v4/log", line(4, "doc")).status()).isEqualTo(200);
        assertThat(drp.logLines()).extracting(LogLine::seq).containsExactly(2L, 4L);
        assertThatThrownBy(() -> drp.prefixes("/api/v3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slowAnswersLateWithoutSerializingCalls() throws Exception {
        drp.slow(Duration.ofMillis(600));
        long t0 = System.nanoTime();
        CompletableFuture<Reply> a = CompletableFuture.supplyAsync(() -> unchecked(() -> post("/api-server-plugin/v4/log", line(1, "a"))));
        CompletableFuture<Reply> b = CompletableFuture.supplyAsync(() -> unchecked(() -> post("/api-server-plugin/v4/log", line(2, "b"))));
        assertThat(a.get(15, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(b.get(15, TimeUnit.SECONDS).status()).isEqualTo(200);
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        assertThat(ms).isBetween(600L, 1150L);
        drp.healthy();
        long t1 = System.nanoTime();
        post("/api-server-plugin/v4/log", line(3, "c"));
        assertThat(Duration.ofNanos(System.nanoTime() - t1).toMillis()).isLessThan(500);
    }

    @Test
    void failWithAnswersEveryCallAndAcceptsNothing() throws IOException {
        drp.failWith(503, "{\"Model\":\"\",\"Key\":\"\",\"Type\":\"busy\",\"Messages\":[\"try later\"],\"Code\":503}");
        Reply r = post("/api-server-plugin/v4/log", line(1, "x"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).contains("try later");
        assertThat(get("/api-server-plugin/v4/objects/runbooks").status()).isEqualTo(503);
        assertThat(drp.logLines()).isEmpty();
        assertThat(drp.dialRequests()).hasSize(2);
        drp.healthy();
        assertThat(post("/api-server-plugin/v4/log", line(2, "y")).status()).isEqualTo(200);
    }

    @Test
    void theDialSocketCanGoAwayAndComeBackAtTheSamePath() throws IOException {
        assertThat(post("/api-server-plugin/v4/log", line(1, "before")).status()).isEqualTo(200);
        drp.dialSocketDown();
        assertThat(drp.isDialSocketUp()).isFalse();
        assertThat(drp.dialPath()).doesNotExist();
        assertThatThrownBy(() -> post("/api-server-plugin/v4/log", line(2, "lost"))).isInstanceOf(IOException.class);
        drp.dialSocketDown(); // idempotent

        drp.dialSocketUp();
        assertThat(drp.dialPath()).exists();
        assertThat(post("/api-server-plugin/v4/log", line(3, "after")).status()).isEqualTo(200);
        assertThat(drp.logLines()).extracting(LogLine::message).containsExactly("before", "after");
    }

    @Test
    void curlCanTalkToTheDialSocket() throws Exception {
        Process curl;
        try {
            curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                    "--max-time", "10", "--unix-socket", drp.dialPath().toString(),
                    "-H", "Content-Type: application/json", "-d", DrpJson.write(line(1, "from curl")),
                    "http://localhost/api-server-plugin/v4/log").redirectErrorStream(true).start();
        } catch (IOException noCurl) {
            org.junit.jupiter.api.Assumptions.abort("curl is not installed");
            return;
        }
        assertThat(curl.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(curl.getInputStream().readAllBytes())).isEqualTo("200");
        assertThat(drp.awaitLogLine(l -> l.message().equals("from curl"), WAIT).seq()).isEqualTo(1);
    }

    @Test
    void closeRemovesTheSocketAndIsIdempotent() {
        FakeDrp other = FakeDrp.start();
        java.nio.file.Path socket = other.dialPath();
        java.nio.file.Path webroot = other.webroot();
        other.close();
        other.close();
        assertThat(socket).doesNotExist();
        assertThat(socket.getParent()).doesNotExist();
        assertThat(webroot).doesNotExist();
    }

    @Test
    void clearRecordsForgetsEverythingRecorded() throws IOException {
        post("/api-server-plugin/v4/log", line(1, "x"));
        drp.clearRecords();
        assertThat(drp.logLines()).isEmpty();
        assertThat(drp.dialRequests()).isEmpty();
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> T unchecked(IoCall<T> c) {
        try {
            return c.call();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
