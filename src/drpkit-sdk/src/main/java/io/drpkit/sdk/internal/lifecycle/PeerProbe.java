package io.drpkit.sdk.internal.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells what listens on a live socket: a dr-provision host, another plugin provider, or
 * something that does not answer HTTP. Needed because the reversed-argument-order rule (Part
 * A.2) would otherwise take another provider's socket for the host's (issue 11 item 4).
 *
 * <p>The probe is one request that every provider refuses before any provider code runs and no
 * host serves: {@code POST /api-plugin/v4/action} with an empty body and no {@code Content-Type}.
 * A provider (the Go SDK's or ours) answers {@code 400 Invalid content type:} (spec §3.2); a host
 * answers something else (its plugin socket has no {@code /api-plugin/v4} routes). Thread-safe
 * (stateless).
 */
public final class PeerProbe {
    static final String REQUEST = "POST /api-plugin/v4/action HTTP/1.1\r\nHost: unix\r\n"
            + "Content-Length: 0\r\nConnection: close\r\nUser-Agent: drpkit-listen-probe\r\n\r\n";
    private static final int MAX_ANSWER = 16 * 1024;

    /** What answered. */
    public enum Peer { PROVIDER, OTHER_HTTP, NO_HTTP_ANSWER }

    private PeerProbe() {
    }

    /** Sends the probe to {@code socket} and classifies the answer read within {@code timeout}. */
    public static Peer probe(Path socket, Duration timeout) {
        String answer;
        try {
            answer = exchange(socket, timeout);
        } catch (IOException e) {
            return Peer.NO_HTTP_ANSWER;
        }
        return classify(answer);
    }

    static Peer classify(String answer) {
        if (!answer.startsWith("HTTP/1.")) {
            return Peer.NO_HTTP_ANSWER;
        }
        int space = answer.indexOf(' ');
        boolean badRequest = answer.startsWith("400", space + 1);
        return badRequest && answer.contains("Invalid content type") ? Peer.PROVIDER : Peer.OTHER_HTTP;
    }

    private static String exchange(Path socket, Duration timeout) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            done.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).exceptionally(t -> {
                try {
                    ch.close(); // unblocks the connect, write or read below
                } catch (IOException ignored) {
                    // the blocked call fails and says so
                }
                return null;
            });
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                ByteBuffer out = ByteBuffer.wrap(REQUEST.getBytes(StandardCharsets.US_ASCII));
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                ByteArrayOutputStream in = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(4096);
                while (in.size() < MAX_ANSWER && ch.read(buf) >= 0) {
                    in.write(buf.array(), 0, buf.position());
                    buf.clear();
                    if (in.toString(StandardCharsets.ISO_8859_1).contains("Invalid content type")) {
                        break; // enough to decide, whatever the peer does with the connection
                    }
                }
                return in.toString(StandardCharsets.ISO_8859_1);
            } finally {
                done.complete(null);
            }
        }
    }
}
