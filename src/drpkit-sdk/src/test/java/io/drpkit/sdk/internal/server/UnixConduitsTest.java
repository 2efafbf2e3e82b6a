package io.drpkit.sdk.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.nio.DrpkitUnixAcceptor;

class UnixConduitsTest {

    @Test
    void endOfStreamAndHalfCloseWorkInBothDirections() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "dk");
        Path socket = dir.resolve("c.sock");
        XnioWorker worker = Xnio.getInstance(UnixConduitsTest.class.getClassLoader())
                .createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 1));
        CompletableFuture<Void> serverSide = new CompletableFuture<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            try (DrpkitUnixAcceptor acceptor = DrpkitUnixAcceptor.start(worker, server, echoAfterEof(serverSide));
                    SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                client.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
                client.shutdownOutput();

                String reply = readToEnd(client);

                assertThat(reply).isEqualTo("echo:ping");
                serverSide.get(5, TimeUnit.SECONDS); // rethrows what the server side hit, e.g. UnsupportedOperationException
            }
        } finally {
            worker.shutdownNow();
            Files.deleteIfExists(socket);
            Files.delete(dir);
        }
    }

    private static String readToEnd(SocketChannel channel) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(256);
        while (channel.read(buffer) != -1) {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    // Reads until end-of-stream (read() returns -1, which calls terminateReads()), then writes a
    // reply and shuts down writes (terminateWrites()): the two places XNIO calls socket().
    private static ChannelListener<StreamConnection> echoAfterEof(CompletableFuture<Void> done) {
        return connection -> {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ConduitStreamSourceChannel source = connection.getSourceChannel();
            ConduitStreamSinkChannel sink = connection.getSinkChannel();
            source.getReadSetter().set(channel -> {
                ByteBuffer buffer = ByteBuffer.allocate(256);
                try {
                    int n;
                    while ((n = channel.read(buffer)) > 0) {
                        received.write(buffer.array(), 0, n);
                        buffer.clear();
                    }
                    if (n == -1) {
                        channel.suspendReads();
                        sink.write(ByteBuffer.wrap(("echo:" + received).getBytes(StandardCharsets.US_ASCII)));
                        sink.shutdownWrites();
                        sink.flush();
                        done.complete(null);
                    }
                } catch (IOException | RuntimeException e) {
                    done.completeExceptionally(e);
                    IoUtils.safeClose(connection);
                }
            });
            source.resumeReads();
        };
    }
}
