package org.xnio.nio;

import io.drpkit.sdk.internal.server.RateLimitedLog;
import io.drpkit.sdk.internal.server.UnixConduits;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;

/**
 * Accepts connections on a JDK {@code AF_UNIX} server channel and hands them to an XNIO open
 * listener (for example Undertow's {@code HttpOpenListener}). Not API.
 *
 * <p>Why this class is in {@code org.xnio.nio}: XNIO has no Unix-socket server, and wrapping an
 * accepted channel in an XNIO connection needs package-private API ({@code NioXnioWorker.getIoThread},
 * {@code WorkerThread.registerChannel}, the {@code NioSocketStreamConnection} constructor), which is
 * identical in XNIO 3.8.16 and 3.8.17. This only works on the class path (a split package is
 * rejected on the module path), and the XNIO version must stay pinned.
 *
 * <p>A dedicated platform thread blocks in {@link ServerSocketChannel#accept()}. Each accepted
 * channel is made non-blocking, registered with one of the worker's IO threads (round robin), given
 * {@link UnixConduits} wrappers, and the open listener is invoked on that IO thread.
 *
 * <p>Floods (issue 11 item 2): at most {@code maxConnections} connections are open at once; a
 * connection accepted past that is closed at once (shed), so its client sees the end of the
 * stream instead of waiting. When accept itself fails (typically {@code EMFILE}/{@code ENFILE},
 * no descriptor left) the thread backs off (5 ms doubling to 1 s) and keeps the listener; it
 * accepts again as soon as descriptors are free. Both conditions are logged rate-limited (once,
 * then at most every {@value #WARN_PERIOD_SECONDS} s with a count). Nothing here ever ends the
 * process or closes the listener except {@link #close()}.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, any number of times.
 */
public final class DrpkitUnixAcceptor implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DrpkitUnixAcceptor.class);
    private static final long MAX_BACKOFF_MILLIS = 1_000;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);
    private static final int WARN_PERIOD_SECONDS = 10;

    private final NioXnioWorker worker;
    private final ServerSocketChannel server;
    private final ChannelListener<? super StreamConnection> openListener;
    private final SocketAddress address;
    private final Thread thread;
    private final Object backoffLock = new Object();
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong shed = new java.util.concurrent.atomic.AtomicLong();
    private final RateLimitedLog shedLog = new RateLimitedLog(LOG, Duration.ofSeconds(WARN_PERIOD_SECONDS));
    private final RateLimitedLog acceptFailureLog = new RateLimitedLog(LOG, Duration.ofSeconds(WARN_PERIOD_SECONDS));
    private int nextIoThread; // accept thread only

    private DrpkitUnixAcceptor(NioXnioWorker worker, ServerSocketChannel server,
            ChannelListener<? super StreamConnection> openListener, SocketAddress address, int maxConnections) {
        this.worker = worker;
        this.server = server;
        this.openListener = openListener;
        this.address = address;
        this.maxConnections = maxConnections;
        this.thread = new Thread(this::acceptLoop, "drpkit-unix-accept " + address);
        this.thread.setDaemon(true);
    }

    /** {@link #start(XnioWorker, ServerSocketChannel, ChannelListener, int)} without a connection bound. */
    public static DrpkitUnixAcceptor start(XnioWorker worker, ServerSocketChannel server,
            ChannelListener<? super StreamConnection> openListener) throws IOException {
        return start(worker, server, openListener, Integer.MAX_VALUE);
    }

    /**
     * Starts accepting on {@code server} and returns once the accept thread is running.
     *
     * @param worker an XNIO worker of the NIO provider; its IO threads serve the connections
     * @param server a bound, blocking-mode {@code AF_UNIX} server channel; this acceptor owns it
     *     from now on and closes it in {@link #close()}
     * @param openListener invoked on an IO thread for each accepted connection
     * @param maxConnections connections open at once; past it, accepted connections are closed
     * @throws IllegalArgumentException if the worker is not NIO-based, the channel is not a
     *     bound, blocking Unix-domain server channel, or {@code maxConnections} is not positive
     * @throws IOException if the channel's local address cannot be read
     */
    public static DrpkitUnixAcceptor start(XnioWorker worker, ServerSocketChannel server,
            ChannelListener<? super StreamConnection> openListener, int maxConnections) throws IOException {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
        }
        Objects.requireNonNull(worker, "worker == null");
        Objects.requireNonNull(server, "server == null");
        Objects.requireNonNull(openListener, "openListener == null");
        if (!(worker instanceof NioXnioWorker)) {
            throw new IllegalArgumentException("worker is not an XNIO NIO worker: " + worker.getClass().getName());
        }
        SocketAddress address = server.getLocalAddress();
        if (!(address instanceof UnixDomainSocketAddress)) {
            throw new IllegalArgumentException("server is not bound to a Unix socket: " + address);
        }
        if (!server.isBlocking()) {
            throw new IllegalArgumentException("server must be in blocking mode: " + address);
        }
        DrpkitUnixAcceptor acceptor = new DrpkitUnixAcceptor((NioXnioWorker) worker, server, openListener, address,
                maxConnections);
        acceptor.thread.start();
        return acceptor;
    }

    /**
     * Closes the server channel and waits (bounded) for the accept thread to exit. Connections
     * already accepted are not touched. Pending connections in the backlog are refused by the
     * kernel.
     */
    @Override
    public void close() {
        IoUtils.safeClose(server);
        synchronized (backoffLock) {
            backoffLock.notifyAll();
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("accept thread for {} did not stop within {}", address, JOIN_TIMEOUT);
        }
    }

    /** Returns whether the accept thread is still running. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Connections accepted and not yet closed. */
    public int openConnections() {
        return open.get();
    }

    /** Connections closed at accept because {@code maxConnections} were open. */
    public long shedConnections() {
        return shed.get();
    }

    /** Accepts that failed (no descriptor left, ...) and were retried. */
    public long acceptFailures() {
        return acceptFailureLog.total();
    }

    private void acceptLoop() {
        long backoffMillis = 0;
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
                backoffMillis = 0;
            } catch (ClosedChannelException e) {
                break; // close(), including AsynchronousCloseException while blocked
            } catch (IOException | RuntimeException e) {
                if (!server.isOpen()) {
                    break;
                }
                // e.g. EMFILE: back off instead of spinning, like XNIO's own acceptor; keep listening
                backoffMillis = Math.min(MAX_BACKOFF_MILLIS, Math.max(5, backoffMillis * 2));
                acceptFailureLog.warn("accept failed on " + address + ", retrying with back-off up to "
                        + MAX_BACKOFF_MILLIS + " ms: " + e + " (" + open.get() + " connections open)");
                backoff(backoffMillis);
                continue;
            }
            if (open.incrementAndGet() > maxConnections) {
                open.decrementAndGet();
                shed.incrementAndGet(); // counted before the client can see the close
                IoUtils.safeClose(channel);
                shedLog.warn("connection limit " + maxConnections + " reached on " + address
                        + ": new connections are shed (closed at once) until some close (DRPKIT_MAX_CONNECTIONS)");
                continue;
            }
            hand(channel);
        }
        LOG.debug("stopped accepting on {}", address);
    }

    private void hand(SocketChannel channel) {
        try {
            channel.configureBlocking(false);
            WorkerThread ioThread = worker.getIoThread(nextIoThread++);
            SelectionKey key = ioThread.registerChannel(channel);
            // XNIO calls the handle once, when the connection closes (whoever closes it)
            NioSocketStreamConnection connection = new NioSocketStreamConnection(ioThread, key, open::decrementAndGet);
            connection.getSinkChannel().setConduit(
                    new UnixConduits.Sink(connection.getSinkChannel().getConduit(), channel));
            connection.getSourceChannel().setConduit(
                    new UnixConduits.Source(connection.getSourceChannel().getConduit(), channel));
            ioThread.execute(() -> ChannelListeners.invokeChannelListener(connection, openListener));
        } catch (IOException | RuntimeException e) {
            // the worker is shutting down, or the peer already went away
            LOG.debug("dropping a connection accepted on {}", address, e);
            IoUtils.safeClose(channel);
            open.decrementAndGet(); // never handed to XNIO, so no close handle will count it
        }
    }

    private void backoff(long millis) {
        synchronized (backoffLock) {
            if (server.isOpen()) {
                try {
                    backoffLock.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    IoUtils.safeClose(server);
                }
            }
        }
    }
}
