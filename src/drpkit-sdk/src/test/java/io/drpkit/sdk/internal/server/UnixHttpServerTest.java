package io.drpkit.sdk.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drpkit.sdk.internal.hostclient.UnixSocketClients;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnixHttpServerTest {
    private static final String JSON = "{\"Command\":\"poweron\",\"Params\":{\"a\":1}}";
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private Path dir;
    private Path socket;
    private EchoHandler handler;
    private UnixHttpServer server;
    private LogCapture logs;
    private final List<OkHttpClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        logs = new LogCapture();
        dir = Files.createTempDirectory(Path.of("/tmp"), "dk");
        socket = dir.resolve("s.sock");
        handler = new EchoHandler();
        server = UnixHttpServer.start(socket, handler, UnixHttpServer.Options.builder()
                .maxEntitySize(4L * 1024 * 1024)
                .build());
    }

    @AfterEach
    void tearDown() throws IOException {
        handler.release();
        for (OkHttpClient client : clients) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try {
            assertThat(logs.warnings()).as("warnings and errors logged during the test").isEmpty();
        } finally {
            logs.close();
        }
    }

    @Test
    void curlPostIsEchoedOverHttp11() throws Exception {
        Curl.assumeAvailable();

        Curl.Result r = curl().run("-H", "Content-Type: application/json", "-d", JSON,
                "-w", "\n%{http_code} %{http_version}", "http://localhost/api-plugin/v4/action");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo(JSON + "\n200 1.1");
    }

    @Test
    void curlReusesTheKeepAliveConnection() throws Exception {
        Curl.assumeAvailable();

        Curl.Result r = curl().run("-v", "-o", "/dev/null", "-o", "/dev/null",
                "http://localhost/a", "http://localhost/b");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("Re-using existing connection");
    }

    @Test
    void curlConnectionCloseIsServedAndClosedCleanly() throws Exception {
        Curl.assumeAvailable();

        Curl.Result r = curl().run("-D", "-", "-H", "Connection: close", "-d", JSON,
                "http://localhost/api-plugin/v4/action");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close").endsWith(JSON);
        assertThat(server.awaitInFlight(Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void curlHttp10IsServed() throws Exception {
        Curl.assumeAvailable();

        Curl.Result r = curl().run("--http1.0", "-D", "-", "-d", JSON, "http://localhost/api-plugin/v4/action");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("HTTP/1.0 200").endsWith(JSON);
        assertThat(server.awaitInFlight(Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void curlTwoMegabyteBodyIsEchoedWithoutWaitingForExpectTimeout() throws Exception {
        Curl.assumeAvailable();
        Path body = randomFile("body.bin", 2 * 1024 * 1024);
        Path echoed = dir.resolve("echoed.bin");

        Curl.Result r = curl().run("-v", "--data-binary", "@" + body, "-H", "Content-Type: application/octet-stream",
                "-o", echoed.toString(), "-w", "%{http_code} %{time_total}", "http://localhost/big");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        String[] codeAndTime = r.stdout().split(" ");
        assertThat(codeAndTime[0]).isEqualTo("200");
        // curl sends "Expect: 100-continue" for a body this large and waits up to 1 s for the answer
        assertThat(r.stderr()).contains("Expect: 100-continue").contains("HTTP/1.1 100 Continue");
        // (no wall-clock bound here: the 100 Continue line above proves curl did not wait for its timeout)
        assertThat(Files.mismatch(body, echoed)).isEqualTo(-1L);
    }

    @Test
    void curlBodyOverTheLimitGets413() throws Exception {
        Curl.assumeAvailable();
        server.close();
        server = UnixHttpServer.start(socket, handler,
                UnixHttpServer.Options.builder().maxEntitySize(1024).build());
        Path small = randomFile("small.bin", 8 * 1024);        // curl sends it at once
        Path large = randomFile("large.bin", 3 * 1024 * 1024); // curl sends Expect: 100-continue

        Curl.Result declared = curl().run("--data-binary", "@" + small, "-w", "%{http_code}", "-o", "/dev/null",
                "http://localhost/x");
        Curl.Result expected = curl().run("--data-binary", "@" + large, "-w", "%{http_code}", "-o", "/dev/null",
                "http://localhost/x");
        Curl.Result chunked = curl().run("--data-binary", "@" + small, "-H", "Transfer-Encoding: chunked",
                "-w", "%{http_code}", "-o", "/dev/null", "http://localhost/x");
        Curl.Result largeChunked = curl().run("--data-binary", "@" + large, "-H", "Transfer-Encoding: chunked",
                "-H", "Expect:", "-w", "%{http_code}", "-o", "/dev/null", "http://localhost/x");
        Curl.Result fits = curl().run("-d", JSON, "http://localhost/x");

        assertThat(List.of(declared, expected, chunked, largeChunked)).allSatisfy(r -> {
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).isEqualTo("413");
        });
        assertThat(fits.stdout()).isEqualTo(JSON);
        assertThat(server.awaitInFlight(Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void socketFileHasMode0600() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rw-------");
        assertThat(Files.isRegularFile(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(server.path()).isEqualTo(socket);
    }

    @Test
    void startFailsNamingThePathAndLeavesAnExistingFileAlone() throws Exception {
        Path file = dir.resolve("taken");
        Files.writeString(file, "not a socket");

        assertThatThrownBy(() -> UnixHttpServer.start(file, handler, UnixHttpServer.Options.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("already exists");
        assertThat(Files.readString(file)).isEqualTo("not a socket");
    }

    @Test
    void startFailsNamingThePathWhenItIsTooLong() {
        Path tooLong = dir.resolve("x".repeat(120));

        assertThatThrownBy(() -> UnixHttpServer.start(tooLong, handler, UnixHttpServer.Options.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(tooLong.toString());
        assertThat(Files.exists(tooLong, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void closeRemovesTheSocketFileAndStopsAllThreads() throws Exception {
        call(client(), "/warm-up"); // leaves an idle keep-alive connection open

        server.close();
        server.close(); // idempotent

        assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
        // a terminated pool's threads may still be finishing their run() for a moment
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (serverThreadsAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneSatisfy(t -> assertThat(t.getName())
                .satisfiesAnyOf(n -> assertThat(n).startsWith("drpkit-unix-accept"),
                        n -> assertThat(n).startsWith("drpkit-http")));
    }

    private static boolean serverThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .anyMatch(n -> n.startsWith("drpkit-unix-accept") || n.startsWith("drpkit-http"));
    }

    @Test
    void closeLeavesAFileThatReplacedTheSocketAlone() throws Exception {
        Files.delete(socket);
        Files.writeString(socket, "someone else's");

        server.close();

        assertThat(Files.readString(socket)).isEqualTo("someone else's");
    }

    @Test
    void fiftyConcurrentRequestsAllSucceed() throws Exception {
        OkHttpClient client = client();
        client.dispatcher().setMaxRequestsPerHost(64);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String body = "{\"n\":" + i + "}";
                calls.add(() -> post(client, "/api-plugin/v4/action", body));
            }
            List<Future<String>> results = pool.invokeAll(calls, 10, TimeUnit.SECONDS);

            for (int i = 0; i < 50; i++) {
                assertThat(results.get(i).get()).isEqualTo("{\"n\":" + i + "}");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void stopAcceptingRefusesNewConnectionsButFinishesInFlightExchanges() throws Exception {
        OkHttpClient client = client();
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return call(client, "/slow");
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(handler.awaitSlowEntered()).isTrue();

        server.stopAccepting();

        assertThatThrownBy(() -> SocketChannel.open(UnixDomainSocketAddress.of(socket)).close())
                .isInstanceOf(IOException.class);
        assertThat(server.awaitInFlight(Duration.ofMillis(50))).isFalse();
        handler.release();
        assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("slow done");
        assertThat(server.awaitInFlight(Duration.ofSeconds(5))).isTrue();
        assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).as("socket file kept until close").isTrue();
    }

    @Test
    void clientAbortingMidBodyDoesNotDisturbTheServer() throws Exception {
        try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            raw.connect(UnixDomainSocketAddress.of(socket));
            raw.write(ByteBuffer.wrap(("POST /x HTTP/1.1\r\nHost: unix\r\nContent-Length: 1000\r\n\r\n{\"partial\":")
                    .getBytes(StandardCharsets.US_ASCII)));
        }

        assertThat(post(client(), "/x", JSON)).isEqualTo(JSON);
        assertThat(server.awaitInFlight(Duration.ofSeconds(2))).isTrue();
    }

    @Test
    void optionsRejectOutOfRangeSettings() {
        assertThatThrownBy(() -> UnixHttpServer.Options.builder().workerThreads(8, 4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workerMaxThreads");
        assertThatThrownBy(() -> UnixHttpServer.Options.builder().maxEntitySize(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxEntitySize");
        assertThat(UnixHttpServer.Options.defaults())
                .isEqualTo(new UnixHttpServer.Options(1, 4, 16, 64L * 1024 * 1024, 128, 512));
    }

    private Curl curl() {
        return new Curl(socket, dir);
    }

    private OkHttpClient client() {
        OkHttpClient client = UnixSocketClients.create(socket, new UnixSocketClients.Timeouts(
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10)));
        clients.add(client);
        return client;
    }

    private Path randomFile(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static String call(OkHttpClient client, String path) throws IOException {
        try (Response response = client.newCall(new Request.Builder().url(UnixSocketClients.BASE_URL + path).build())
                .execute()) {
            return response.body().string();
        }
    }

    private static String post(OkHttpClient client, String path, String json) throws IOException {
        Request request = new Request.Builder()
                .url(UnixSocketClients.BASE_URL + path)
                .post(RequestBody.create(json, JSON_TYPE))
                .build();
        try (Response response = client.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            return response.body().string();
        }
    }
}
