package io.drpkit.sdk.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The connection bound (issue 11 item 2): past it connections are shed, and served again after. */
class ConnectionLimitTest {
    private static final String GET = "GET /x HTTP/1.1\r\nHost: unix\r\n\r\n";

    @Test
    void connectionsPastTheBoundAreClosedAtOnceAndTheBoundFreesWhenTheyClose() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "dk");
        Path socket = dir.resolve("s.sock");
        EchoHandler handler = new EchoHandler();
        try (LogCapture logs = new LogCapture();
             UnixHttpServer server = UnixHttpServer.start(socket, handler,
                     UnixHttpServer.Options.builder().maxConnections(3).build())) {
            List<SocketChannel> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(connect(socket));
                assertThat(answer(held.get(i))).startsWith("HTTP/1.1 200");
            }
            assertThat(server.openConnections()).isEqualTo(3);

            for (int i = 0; i < 5; i++) {
                try (SocketChannel shed = connect(socket)) {
                    assertThat(readToEnd(shed)).as("a shed connection ends at once").isEmpty();
                }
            }
            assertThat(server.shedConnections()).isEqualTo(5);
            assertThat(logs.warnings()).as("rate-limited: one line for five").hasSize(1)
                    .allMatch(w -> w.contains("connection limit 3"));

            held.remove(0).close();
            await(() -> server.openConnections() == 2);
            try (SocketChannel again = connect(socket)) {
                assertThat(answer(again)).startsWith("HTTP/1.1 200");
            }
            for (SocketChannel c : held) {
                assertThat(answer(c)).as("the held connections still serve").contains("HTTP/1.1 200");
                c.close();
            }
            await(() -> server.openConnections() == 0);
        } finally {
            handler.release();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(socket));
        return c;
    }

    /** Sends a GET on the kept-alive connection and reads the head of its answer. */
    private static String answer(SocketChannel c) throws IOException {
        c.write(ByteBuffer.wrap(GET.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer buf = ByteBuffer.allocate(8192);
        StringBuilder s = new StringBuilder();
        while (!s.toString().contains("\r\n\r\n") && c.read(buf) > 0) {
            buf.flip();
            s.append(StandardCharsets.US_ASCII.decode(buf));
            buf.clear();
        }
        return s.toString();
    }

    private static String readToEnd(SocketChannel c) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1024);
        StringBuilder s = new StringBuilder();
        try {
            while (c.read(buf) >= 0) {
                buf.flip();
                s.append(StandardCharsets.US_ASCII.decode(buf));
                buf.clear();
            }
        } catch (IOException reset) {
            // closed by the server before we read: as good as EOF
        }
        return s.toString();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 15 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
