package io.drpkit.sdk.internal.lifecycle;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** What is at a socket path: nothing, a live socket, a stale socket, or something else. */
public final class SocketFiles {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private SocketFiles() {
    }

    public enum Kind { ABSENT, LIVE_SOCKET, STALE_SOCKET, NOT_A_SOCKET }

    public static Kind probe(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Kind.ABSENT;
        }
        if (!isSocket(path)) {
            return Kind.NOT_A_SOCKET;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            return Kind.LIVE_SOCKET;
        } catch (IOException e) {
            return Kind.STALE_SOCKET;
        }
    }

    public static boolean isSocket(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & S_IFMT) == S_IFSOCK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
