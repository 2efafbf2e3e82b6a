package io.drpkit.sdk.internal.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which {@code listen} path to serve and which to dial (Part A.2). The code order is
 * serve-first; if the host already listens on the first path and nothing lives at the second,
 * the host uses the reversed (documented) order and we follow it, provided what listens there
 * answers as a host and not as a provider ({@link PeerProbe}): a second {@code listen} on a live
 * provider's socket is an error that touches nothing. A stale socket at the serve
 * path is removed; a live socket, a regular file or a directory there is an error and is never
 * deleted.
 *
 * @param serve the path to bind
 * @param dial  the path to connect to
 */
public record SocketRoles(Path serve, Path dial, boolean reversed) {
    private static final Logger LOG = LoggerFactory.getLogger(SocketRoles.class);
    private static final java.time.Duration PROBE_TIMEOUT = java.time.Duration.ofSeconds(3);

    public static SocketRoles resolve(Path first, Path second) throws IOException {
        SocketFiles.Kind atFirst = SocketFiles.probe(first);
        SocketFiles.Kind atSecond = SocketFiles.probe(second);
        SocketRoles roles;
        if (atFirst == SocketFiles.Kind.LIVE_SOCKET && atSecond != SocketFiles.Kind.LIVE_SOCKET) {
            PeerProbe.Peer peer = PeerProbe.probe(first, PROBE_TIMEOUT);
            if (peer != PeerProbe.Peer.OTHER_HTTP) {
                // another provider (a second listen on a live socket), or something that is no host
                throw new IOException("cannot serve on " + first + ": another process is serving that socket ("
                        + (peer == PeerProbe.Peer.PROVIDER ? "it answers as a plugin provider"
                        : "it does not answer as a dr-provision host") + "); refusing to replace it or dial it");
            }
            LOG.warn("The host listens on the first socket {}; following the reversed argument order: "
                    + "serving {} and dialling {}", first, second, first);
            roles = new SocketRoles(second, first, true);
            prepareServePath(second, atSecond);
        } else {
            roles = new SocketRoles(first, second, false);
            prepareServePath(first, atFirst);
        }
        return roles;
    }

    private static void prepareServePath(Path path, SocketFiles.Kind kind) throws IOException {
        switch (kind) {
            case ABSENT -> {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    throw new IOException("cannot serve on " + path + ": directory " + parent + " does not exist");
                }
            }
            case STALE_SOCKET -> {
                LOG.info("Removing stale socket {}", path);
                Files.deleteIfExists(path);
            }
            case LIVE_SOCKET -> throw new IOException("cannot serve on " + path
                    + ": another process is serving that socket (refusing to replace a live socket)");
            case NOT_A_SOCKET -> throw new IOException("cannot serve on " + path + ": it exists and is "
                    + (Files.isDirectory(path) ? "a directory" : "not a socket") + " (refusing to delete it)");
        }
    }
}
