package io.drpkit.sdk.internal.server;

import io.undertow.UndertowOptions;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.handlers.HttpContinueAcceptingHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import org.xnio.nio.DrpkitUnixAcceptor;

/**
 * An Undertow HTTP/1.1 server listening on a Unix-domain socket (JDK {@code AF_UNIX} channels, no
 * native library). Not API.
 *
 * <p>Life cycle: {@link #start} binds, sets mode {@code 0600} and starts accepting, then returns.
 * A graceful shutdown is {@link #stopAccepting()}, then {@link #awaitInFlight(Duration)}, then
 * {@link #close()}; {@code close()} alone is an abrupt shutdown.
 *
 * <p>Every request passes, in order, an in-flight counter, the body limit
 * {@link Options#maxEntitySize()}, and {@link HttpContinueAcceptingHandler} (so curl does not stall
 * on {@code Expect: 100-continue}), before the caller's root handler. A declared
 * {@code Content-Length} over the limit is answered 413 without reaching the root handler; reading
 * a chunked body past the limit fails, and the root handler should answer such failures (see
 * {@link #isEntityTooLarge(Throwable)}) with 413. Handlers must not call
 * {@code exchange.getSourceAddress()}/{@code getPeerAddress()}: the JDK cannot report peer
 * addresses of Unix-domain connections and throws {@link UnsupportedOperationException}.
 *
 * <p>Thread-safe: all methods may be called from any thread except this server's own IO threads
 * (which {@link #awaitInFlight} and {@link #close} reject, since waiting there would wait on
 * itself). Handlers that trigger a shutdown should do so from another thread.
 */
public final class UnixHttpServer implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(UnixHttpServer.class);
    private static final Duration WORKER_SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
    private static final int BUFFER_SIZE = 16 * 1024 - 20; // Undertow's default for large heaps

    private final Path path;
    private final Object fileKey;
    private final XnioWorker worker;
    private final DefaultByteBufferPool bufferPool;
    private final DrpkitUnixAcceptor acceptor;
    private final InFlightTracker tracker;
    private final AtomicBoolean closed = new AtomicBoolean();

    private UnixHttpServer(Path path, Object fileKey, XnioWorker worker, DefaultByteBufferPool bufferPool,
            DrpkitUnixAcceptor acceptor, InFlightTracker tracker) {
        this.path = path;
        this.fileKey = fileKey;
        this.worker = worker;
        this.bufferPool = bufferPool;
        this.acceptor = acceptor;
        this.tracker = tracker;
    }

    /**
     * Binds {@code socketPath}, restricts it to mode {@code 0600}, and starts serving {@code root}.
     * Returns only when connections are being accepted, so the caller may announce readiness
     * right after.
     *
     * <p>This method never deletes anything at {@code socketPath}: dealing with a stale socket file
     * is the caller's decision. There is a short window between bind and chmod in which the socket
     * has the umask's mode; put it in a directory only the owner can search if that matters.
     *
     * @throws IOException naming the path if something already exists at {@code socketPath}, the
     *     path is too long for a Unix socket address, or binding or chmod fails; nothing is left
     *     running or bound in that case
     */
    public static UnixHttpServer start(Path socketPath, HttpHandler root, Options opts) throws IOException {
        Objects.requireNonNull(socketPath, "socketPath == null");
        Objects.requireNonNull(root, "root == null");
        Objects.requireNonNull(opts, "opts == null");
        Path path = socketPath.toAbsolutePath();
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot listen on " + path + ": a file already exists at that path");
        }

        InFlightTracker tracker = new InFlightTracker(
                new EntitySizeLimitHandler(new HttpContinueAcceptingHandler(root), opts.maxEntitySize()));
        DetachedMBeanServer.detachThreadPools(); // XNIO's own MXBeans: see org.xnio.XnioMBeanHolderAction
        XnioWorker worker = Xnio.getInstance(UnixHttpServer.class.getClassLoader()).createWorker(OptionMap.builder()
                .set(org.xnio.Options.WORKER_NAME, "drpkit-http")
                .set(org.xnio.Options.WORKER_IO_THREADS, opts.ioThreads())
                .set(org.xnio.Options.WORKER_TASK_CORE_THREADS, opts.workerCoreThreads())
                .set(org.xnio.Options.WORKER_TASK_MAX_THREADS, opts.workerMaxThreads())
                .getMap());
        DefaultByteBufferPool bufferPool = new DefaultByteBufferPool(true, BUFFER_SIZE, -1, 4);
        HttpOpenListener openListener = new HttpOpenListener(bufferPool, OptionMap.builder()
                .set(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                // no MAX_ENTITY_SIZE: EntitySizeLimitHandler enforces the limit with a response
                .getMap());
        openListener.setRootHandler(tracker);

        ServerSocketChannel channel = null;
        boolean bound = false;
        try {
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.bind(UnixDomainSocketAddress.of(path), opts.backlog());
            } catch (IOException e) {
                throw new IOException("cannot listen on " + path + ": " + e.getMessage(), e);
            }
            bound = true;
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            Object fileKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            DrpkitUnixAcceptor acceptor = DrpkitUnixAcceptor.start(worker, channel, openListener, opts.maxConnections());
            LOG.debug("listening on {}", path);
            return new UnixHttpServer(path, fileKey, worker, bufferPool, acceptor, tracker);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (bound) {
                try {
                    Files.deleteIfExists(path); // bound by us a moment ago
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            worker.shutdownNow();
            bufferPool.close();
            throw e;
        }
    }

    /**
     * Returns whether a request-body read failed because the body exceeded
     * {@link Options#maxEntitySize()}: the failure is, or is caused by, Undertow's
     * {@link RequestTooBigException} (Undertow's async receiver wraps it in a plain
     * {@code IOException}).
     */
    public static boolean isEntityTooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RequestTooBigException) {
                return true;
            }
        }
        return false;
    }

    /** Connections accepted and not yet closed. */
    public int openConnections() {
        return acceptor.openConnections();
    }

    /** Connections closed at accept so far because {@link Options#maxConnections()} were open. */
    public long shedConnections() {
        return acceptor.shedConnections();
    }

    /** Returns the absolute socket path this server was bound to. */
    public Path path() {
        return path;
    }

    /**
     * Stops accepting new connections: closes the listening channel and waits for the accept
     * thread to exit. Connections already accepted, and their in-flight exchanges, keep running;
     * new connection attempts are refused. The socket file stays until {@link #close()}.
     * Idempotent.
     */
    public void stopAccepting() {
        acceptor.close();
    }

    /**
     * Waits until no exchange is in flight, i.e. every request that reached the handler chain has
     * completed its response, or until {@code timeout} elapses. Usually called after
     * {@link #stopAccepting()}; keep-alive connections may still deliver new requests until
     * {@link #close()}.
     *
     * @return true if no exchange was in flight when it returned
     * @throws InterruptedException if the calling thread is interrupted while waiting
     * @throws IllegalStateException if called on one of this server's IO threads
     */
    public boolean awaitInFlight(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout == null");
        checkNotOwnIoThread("awaitInFlight");
        return tracker.awaitIdle(timeout);
    }

    /**
     * Stops accepting, shuts down the worker (closing all connections; exchanges still running are
     * abandoned after a short bounded wait), and deletes the socket file if it is still the one this
     * server bound (same file key), so a socket that another process has since bound at the same
     * path is left alone. Idempotent; never throws for failures of the cleanup itself (they are
     * logged).
     *
     * @throws IllegalStateException if called on one of this server's IO threads
     */
    @Override
    public void close() {
        checkNotOwnIoThread("close");
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopAccepting();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(WORKER_SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("HTTP worker for {} did not stop within {}; forcing", path, WORKER_SHUTDOWN_TIMEOUT);
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
        bufferPool.close();
        deleteSocketFileIfOurs();
    }

    private void deleteSocketFileIfOurs() {
        try {
            Object current = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (fileKey != null && fileKey.equals(current)) {
                Files.deleteIfExists(path);
            } else {
                LOG.debug("not deleting {}: it is no longer the socket this server bound", path);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            LOG.warn("could not delete socket file {}: {}", path, e.toString());
        }
    }

    private void checkNotOwnIoThread(String method) {
        XnioIoThread current = XnioIoThread.currentThread();
        if (current != null && current.getWorker() == worker) {
            throw new IllegalStateException(method + "() called on an IO thread of the server on " + path);
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("close failed", e);
        }
    }

    /**
     * Server settings. Immutable; build with {@link #builder()} or start from {@link #defaults()}.
     *
     * @param ioThreads XNIO IO threads (selector loops); default 1
     * @param workerCoreThreads core size of the worker pool that runs dispatched (blocking)
     *     handlers; default 4
     * @param workerMaxThreads maximum size of that pool; default 16
     * @param maxEntitySize maximum request body size in bytes; default 64 MiB. A larger declared
     *     {@code Content-Length} gets 413; a larger chunked body fails the read (see the class
     *     description)
     * @param backlog listen backlog of the Unix socket; default 128
     * @param maxConnections connections open at once; one accepted past it is closed at once
     *     (shed); default {@value #DEFAULT_MAX_CONNECTIONS}
     */
    public record Options(int ioThreads, int workerCoreThreads, int workerMaxThreads, long maxEntitySize,
            int backlog, int maxConnections) {
        public static final int DEFAULT_MAX_CONNECTIONS = 512;

        /**
         * @throws IllegalArgumentException naming the first setting that is out of range
         */
        public Options {
            positive("ioThreads", ioThreads);
            positive("workerCoreThreads", workerCoreThreads);
            positive("workerMaxThreads", workerMaxThreads);
            if (workerMaxThreads < workerCoreThreads) {
                throw new IllegalArgumentException("workerMaxThreads (" + workerMaxThreads
                        + ") < workerCoreThreads (" + workerCoreThreads + ")");
            }
            positive("maxEntitySize", maxEntitySize);
            positive("backlog", backlog);
            positive("maxConnections", maxConnections);
        }

        /** Returns the defaults documented on the components. */
        public static Options defaults() {
            return new Options(1, 4, 16, 64L * 1024 * 1024, 128, DEFAULT_MAX_CONNECTIONS);
        }

        /** Returns a builder initialised with {@link #defaults()}. */
        public static Builder builder() {
            return defaults().toBuilder();
        }

        /** Returns a builder initialised with these settings. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        private static void positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
        }

        /** Builder for {@link Options}; not thread-safe. {@link #build()} checks the ranges. */
        public static final class Builder {
            private int ioThreads;
            private int workerCoreThreads;
            private int workerMaxThreads;
            private long maxEntitySize;
            private int backlog;
            private int maxConnections;

            private Builder(Options from) {
                ioThreads = from.ioThreads;
                workerCoreThreads = from.workerCoreThreads;
                workerMaxThreads = from.workerMaxThreads;
                maxEntitySize = from.maxEntitySize;
                backlog = from.backlog;
                maxConnections = from.maxConnections;
            }

            public Builder ioThreads(int n) {
                ioThreads = n;
                return this;
            }

            public Builder workerThreads(int core, int max) {
                workerCoreThreads = core;
                workerMaxThreads = max;
                return this;
            }

            public Builder maxEntitySize(long bytes) {
                maxEntitySize = bytes;
                return this;
            }

            public Builder backlog(int n) {
                backlog = n;
                return this;
            }

            public Builder maxConnections(int n) {
                maxConnections = n;
                return this;
            }

            public Options build() {
                return new Options(ioThreads, workerCoreThreads, workerMaxThreads, maxEntitySize, backlog,
                        maxConnections);
            }
        }
    }
}
