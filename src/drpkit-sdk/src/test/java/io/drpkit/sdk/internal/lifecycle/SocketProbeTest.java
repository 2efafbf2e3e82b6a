package io.drpkit.sdk.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drpkit.sdk.internal.server.LogCapture;
import io.drpkit.sdk.internal.server.UnixHttpServer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SocketProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private LogCapture logs;
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        logs = new LogCapture();
        dir = Files.createTempDirectory(Path.of("/tmp"), "dk");
    }

    @AfterEach
    void tearDown() throws IOException {
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
    void trueForARunningServer() throws Exception {
        Path socket = dir.resolve("live.sock");
        try (UnixHttpServer server = UnixHttpServer.start(socket, exchange -> exchange.getResponseSender().send("ok"),
                UnixHttpServer.Options.defaults())) {
            assertThat(SocketProbe.isLiveSocket(socket, TIMEOUT)).isTrue();
        }
    }

    @Test
    void falseForAStaleSocketFileLeftByAClosedListener() throws Exception {
        Path socket = dir.resolve("stale.sock");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).as("closing does not unlink").isTrue();

        assertThat(SocketProbe.isLiveSocket(socket, TIMEOUT)).isFalse();
    }

    @Test
    void falseForARegularFileAMissingPathAndAPathTooLong() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThat(SocketProbe.isLiveSocket(file, TIMEOUT)).isFalse();
        assertThat(SocketProbe.isLiveSocket(dir.resolve("missing"), TIMEOUT)).isFalse();
        assertThat(SocketProbe.isLiveSocket(dir.resolve("x".repeat(200)), TIMEOUT)).isFalse();
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void falseWithinTheTimeoutWhenTheListenerNeverTakesTheConnection() throws Exception {
        Path socket = dir.resolve("full.sock");
        List<SocketChannel> queued = new ArrayList<>();
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket), 1);
            fillBacklog(socket, queued);
            long start = System.nanoTime();

            assertThat(SocketProbe.isLiveSocket(socket, Duration.ofMillis(300))).isFalse();

            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(250))
                    .isLessThan(Duration.ofSeconds(3));
        } finally {
            for (SocketChannel channel : queued) {
                channel.close();
            }
        }
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> SocketProbe.isLiveSocket(dir.resolve("s"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // Non-blocking connects succeed until the listener's backlog is full, then fail at once.
    private static void fillBacklog(Path socket, List<SocketChannel> queued) throws IOException {
        for (int i = 0; i < 64; i++) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.configureBlocking(false);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                queued.add(channel);
            } catch (IOException full) {
                channel.close();
                return;
            }
        }
        throw new AssertionError("backlog never filled up");
    }
}
