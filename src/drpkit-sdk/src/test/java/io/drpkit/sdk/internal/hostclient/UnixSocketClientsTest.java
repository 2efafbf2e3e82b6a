package io.drpkit.sdk.internal.hostclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drpkit.sdk.internal.server.EchoHandler;
import io.drpkit.sdk.internal.server.LogCapture;
import io.drpkit.sdk.internal.server.UnixHttpServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnixSocketClientsTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final UnixSocketClients.Timeouts FAST = new UnixSocketClients.Timeouts(
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));

    private LogCapture logs;
    private Path dir;
    private Path socket;
    private EchoHandler handler;
    private UnixHttpServer server;
    private final List<OkHttpClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        logs = new LogCapture();
        dir = Files.createTempDirectory(Path.of("/tmp"), "dk");
        socket = dir.resolve("h.sock");
        handler = new EchoHandler();
        server = UnixHttpServer.start(socket, handler, UnixHttpServer.Options.defaults());
    }

    @AfterEach
    void tearDown() throws IOException {
        handler.release();
        for (OkHttpClient client : clients) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
        server.close();
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
    void postsJsonAndGetsItBackOverOneKeptAliveConnection() throws Exception {
        OkHttpClient client = client(FAST);

        for (int i = 0; i < 5; i++) {
            String json = "{\"Name\":\"call-" + i + "\"}";
            Request request = new Request.Builder()
                    .url(UnixSocketClients.BASE_URL + "/api-plugin/v4/publish")
                    .post(RequestBody.create(json, JSON))
                    .build();
            try (Response response = client.newCall(request).execute()) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.protocol()).isEqualTo(Protocol.HTTP_1_1);
                assertThat(response.header("Content-Type")).startsWith("application/json");
                assertThat(response.body().string()).isEqualTo(json);
            }
        }

        assertThat(client.connectionPool().connectionCount()).isEqualTo(1);
    }

    @Test
    void readTimeoutFailsACallTheServerDoesNotAnswer() throws Exception {
        OkHttpClient client = client(new UnixSocketClients.Timeouts(
                Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(5)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.newCall(new Request.Builder().url(UnixSocketClients.BASE_URL + "/slow").build())
                .execute()).isInstanceOf(InterruptedIOException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void callToAMissingSocketFailsWithAnIOException() {
        OkHttpClient client = client(FAST);
        server.close();

        assertThatThrownBy(() -> client.newCall(new Request.Builder().url(UnixSocketClients.BASE_URL + "/x").build())
                .execute()).isInstanceOf(IOException.class);
    }

    @Test
    void rejectsAPathTooLongForASocketAddressNamingIt() {
        Path tooLong = dir.resolve("x".repeat(200));

        assertThatThrownBy(() -> UnixSocketClients.create(tooLong, FAST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(tooLong.toString());
    }

    @Test
    void checkPathAcceptsTheLongestPathASocketAddressHoldsAndRejectsOneByteMore() throws IOException {
        String base = dir.toString() + "/";
        Path longest = Path.of(base + "x".repeat(UnixSocketClients.MAX_PATH_BYTES - base.length()));
        Path oneMore = Path.of(longest + "y");

        UnixSocketClients.checkPath(longest);
        assertThatThrownBy(() -> UnixSocketClients.checkPath(oneMore))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(oneMore.toString()).hasMessageContaining("108 bytes");
        assertThatThrownBy(() -> UnixSocketClients.checkPath(Path.of("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        // near the limit, a client dials (the JDK's server side binds at most 106 bytes)
        Path near = Path.of(base + "n".repeat(106 - base.length()));
        UnixSocketClients.checkPath(near);
        UnixHttpServer nearServer = UnixHttpServer.start(near, handler, UnixHttpServer.Options.defaults());
        try {
            OkHttpClient client = UnixSocketClients.create(near, FAST);
            clients.add(client);
            try (Response r = client.newCall(new Request.Builder().url(UnixSocketClients.BASE_URL + "/x")
                    .post(RequestBody.create("{}", JSON)).build()).execute()) {
                assertThat(r.code()).isEqualTo(200);
            }
        } finally {
            nearServer.close();
        }
    }

    @Test
    void timeoutsRejectNegativeDurations() {
        assertThatThrownBy(() -> new UnixSocketClients.Timeouts(
                Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connect");
        assertThat(UnixSocketClients.Timeouts.defaults().call()).isEqualTo(Duration.ZERO);
    }

    private OkHttpClient client(UnixSocketClients.Timeouts timeouts) {
        OkHttpClient client = UnixSocketClients.create(socket, timeouts);
        clients.add(client);
        return client;
    }
}
