package io.drpkit.sdk.internal.lifecycle;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a live Unix socket from a stale socket file. Not API.
 *
 * <p>Thread-safe (stateless).
 */
public final class SocketProbe {

    private static final Logger LOG = LoggerFactory.getLogger(SocketProbe.class);

    private SocketProbe() {
    }

    /**
     * Returns true iff a Unix-domain stream connection to {@code path} succeeds within
     * {@code timeout}; the connection is closed again at once without sending anything.
     *
     * <p>False for a missing path, a file that is not a socket, a socket nobody listens on (a
     * stale file left by a dead process), a path too long for a socket address, and a connect
     * that does not complete in time. Ordinary failures never throw.
     *
     * <p>The connect is a blocking one, because a non-blocking connect to a listener whose
     * backlog is momentarily full fails at once, which would make a busy server look dead; a
     * timer closes the channel if the timeout expires first.
     *
     * @param timeout the longest wait; must be positive
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public static boolean isLiveSocket(Path path, Duration timeout) {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(timeout, "timeout == null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        UnixDomainSocketAddress address;
        try {
            address = UnixDomainSocketAddress.of(path);
        } catch (IllegalArgumentException e) {
            LOG.debug("{} cannot be a Unix socket address", path, e);
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            CompletableFuture<Void> connected = new CompletableFuture<>();
            connected.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .exceptionally(timedOut -> {
                        closeQuietly(channel);
                        return null;
                    });
            try {
                return channel.connect(address);
            } finally {
                connected.complete(null); // cancels the timer
            }
        } catch (IOException e) {
            LOG.debug("{} is not a live socket: {}", path, e.toString());
            return false;
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("close failed", e);
        }
    }
}
