package io.drpkit.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 exchange written byte for byte on a Unix socket: for what a client library would
 * normalise away (unclean paths, a chunked empty body, a missing {@code Content-Type}, GET on a
 * POST route). The request should carry {@code Connection: close}; the answer is read to EOF
 * (bounded by a timeout) and split into status, headers and body (chunked bodies are not decoded).
 */
final class RawHttp {
    private RawHttp() {
    }

    record Answer(int status, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** Sends {@code request} (CRLFs included) and reads the whole answer within {@code timeout}. */
    static Answer exchange(Path socket, String request, Duration timeout) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            CompletableFuture<Void> done = new CompletableFuture<>();
            done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(t -> {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // the read below fails and reports the timeout
                }
                return null;
            });
            try {
                ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                InputStream in = Channels.newInputStream(ch);
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                in.transferTo(all);
                return parse(all.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IOException("no complete answer on " + socket + " within " + timeout + " to "
                        + request.lines().findFirst().orElse(""), e);
            } finally {
                done.complete(null);
            }
        }
    }

    /**
     * Sends {@code request} as bytes and returns whatever came back until the provider closed the
     * connection or {@code timeout} passed (then what arrived so far): for requests a server may
     * answer with an error, close without a word, or keep open.
     */
    static String sendRaw(Path socket, byte[] request, Duration timeout) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            CompletableFuture<Void> done = new CompletableFuture<>();
            done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(t -> {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // the read below ends
                }
                return null;
            });
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                ByteBuffer out = ByteBuffer.wrap(request);
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                Channels.newInputStream(ch).transferTo(all);
            } catch (IOException closedOrReset) {
                // the server may close or reset mid-request: what it said so far is the answer
            } finally {
                done.complete(null);
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The status of the first answer in {@code raw}, or -1 when there is none. */
    static int firstStatus(String raw) {
        if (!raw.startsWith("HTTP/1.")) {
            return -1;
        }
        String[] words = raw.split(" ", 3);
        return words.length > 1 ? Integer.parseInt(words[1]) : -1;
    }

    /** How many answers (status lines) {@code raw} holds. */
    static int answers(String raw) {
        int n = 0;
        for (int i = raw.indexOf("HTTP/1."); i >= 0; i = raw.indexOf("HTTP/1.", i + 1)) {
            n++;
        }
        return n;
    }

    /** A request head with {@code Host: unix} and {@code Connection: close}, then {@code body}. */
    static String request(String method, String path, String body, String... headers) {
        StringBuilder s = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: unix\r\n").append("Connection: close\r\n");
        for (String h : headers) {
            s.append(h).append("\r\n");
        }
        return s.append("\r\n").append(body).toString();
    }

    private static Answer parse(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("not an HTTP answer: " + raw);
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        return new Answer(status, headers, raw.substring(end + 4));
    }
}
