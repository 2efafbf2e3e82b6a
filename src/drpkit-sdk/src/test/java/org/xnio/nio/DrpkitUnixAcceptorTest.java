package org.xnio.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

class DrpkitUnixAcceptorTest {
    private Path dir;
    private Path socket;
    private XnioWorker worker;
    private ServerSocketChannel server;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "dk");
        socket = dir.resolve("a.sock");
        worker = Xnio.getInstance(DrpkitUnixAcceptor.class.getClassLoader())
                .createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 2));
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
    }

    @AfterEach
    void tearDown() throws Exception {
        IoUtils.safeClose(server);
        worker.shutdownNow();
        assertThat(worker.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        Files.deleteIfExists(socket);
        Files.delete(dir);
    }

    @Test
    void handsEachConnectionToTheOpenListenerOnAnIoThread() throws Exception {
        CompletableFuture<Boolean> onIoThread = new CompletableFuture<>();
        ChannelListener<StreamConnection> open = connection -> {
            onIoThread.complete(XnioIoThread.currentThread() != null && connection.getWorker() == worker);
            IoUtils.safeClose(connection);
        };

        try (DrpkitUnixAcceptor acceptor = DrpkitUnixAcceptor.start(worker, server, open);
                SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            assertThat(onIoThread.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(acceptor.isRunning()).isTrue();
        }
    }

    @Test
    void closeStopsTheAcceptThreadAndClosesTheServerChannel() throws Exception {
        DrpkitUnixAcceptor acceptor = DrpkitUnixAcceptor.start(worker, server, IoUtils::safeClose);

        acceptor.close();
        acceptor.close();

        assertThat(acceptor.isRunning()).isFalse();
        assertThat(server.isOpen()).isFalse();
        assertThatThrownBy(() -> SocketChannel.open(UnixDomainSocketAddress.of(socket)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void rejectsChannelsItCannotServe() throws Exception {
        server.configureBlocking(false);
        assertThatThrownBy(() -> DrpkitUnixAcceptor.start(worker, server, IoUtils::safeClose))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blocking");

        try (ServerSocketChannel tcp = ServerSocketChannel.open()) {
            tcp.bind(new InetSocketAddress("127.0.0.1", 0));
            assertThatThrownBy(() -> DrpkitUnixAcceptor.start(worker, tcp, IoUtils::safeClose))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Unix");
        }
    }
}
