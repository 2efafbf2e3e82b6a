package io.drpkit.sdk.internal.hostclient;

import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.newsclub.net.unix.AFSocketFactory;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Builds OkHttp clients that send every request to one Unix-domain socket (through junixsocket),
 * whatever host the URL names. Use {@link #BASE_URL} as the URL prefix, e.g.
 * {@code BASE_URL + "/api-plugin/v4/publish"}; the {@code Host} header is then {@code unix}.
 * Not API.
 *
 * <p>Thread-safe (stateless). The returned clients are OkHttp clients, which are thread-safe and
 * meant to be shared.
 */
public final class UnixSocketClients {

    /** The fake origin for requests over the socket: {@code http://unix}. It is never resolved. */
    public static final String BASE_URL = "http://unix";

    /**
     * The longest socket path a Unix socket address holds here, in bytes: Linux's {@code sun_path}
     * is 108 bytes, one of them the terminating NUL.
     */
    public static final int MAX_PATH_BYTES = 107;

    private UnixSocketClients() {
    }

    /**
     * Checks, without loading the socket library, that {@code socketPath} fits a Unix socket
     * address ({@value #MAX_PATH_BYTES} bytes, in the platform's file name encoding).
     *
     * @throws IllegalArgumentException naming the path if it does not
     */
    public static void checkPath(Path socketPath) {
        Objects.requireNonNull(socketPath, "socketPath == null");
        String encoding = System.getProperty("sun.jnu.encoding");
        java.nio.charset.Charset charset;
        try {
            charset = encoding == null ? java.nio.charset.StandardCharsets.UTF_8
                    : java.nio.charset.Charset.forName(encoding);
        } catch (RuntimeException e) {
            charset = java.nio.charset.StandardCharsets.UTF_8;
        }
        int length = socketPath.toString().getBytes(charset).length;
        if (length > MAX_PATH_BYTES || length == 0) {
            throw new IllegalArgumentException("not a usable Unix socket path: " + socketPath + ": "
                    + (length == 0 ? "empty" : length + " bytes, longer than the " + MAX_PATH_BYTES
                    + " a Unix socket address holds"));
        }
    }

    /**
     * Returns a new HTTP/1.1-only client whose every connection dials {@code socketPath}. Nothing
     * is connected until the first call; a missing socket surfaces then as an {@code IOException}
     * from the call.
     *
     * @throws IllegalArgumentException naming the path if it cannot be a Unix socket address
     *     (for example, longer than the platform limit of about 100 bytes)
     */
    public static OkHttpClient create(Path socketPath, Timeouts timeouts) {
        Objects.requireNonNull(socketPath, "socketPath == null");
        Objects.requireNonNull(timeouts, "timeouts == null");
        AFUNIXSocketAddress address;
        try {
            address = AFUNIXSocketAddress.of(socketPath);
        } catch (SocketException e) {
            throw new IllegalArgumentException("not a usable Unix socket path: " + socketPath + ": " + e.getMessage(), e);
        }
        return new OkHttpClient.Builder()
                .socketFactory(new AFSocketFactory.FixedAddressSocketFactory(address))
                // the factory ignores the address; this only stops OkHttp from resolving "unix"
                .dns(host -> List.of(InetAddress.getLoopbackAddress()))
                .protocols(List.of(Protocol.HTTP_1_1))
                // plain HTTP only: without a TLS connection spec OkHttp builds no SSL context
                // (the platform trust manager and an SSLContext, ~100 ms of a listen start)
                .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                // one fixed socket, nothing to race: connect on the caller's thread, not on a
                // task thread of OkHttp's happy-eyeballs dialer (its default since 5.0)
                .fastFallback(false)
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.write())
                .callTimeout(timeouts.call())
                .build();
    }

    /**
     * OkHttp timeouts; {@link Duration#ZERO} means none, as in OkHttp.
     *
     * @param connect for establishing a connection
     * @param read between bytes while reading a response
     * @param write between bytes while writing a request
     * @param call for a whole call, including retries and redirects
     */
    public record Timeouts(Duration connect, Duration read, Duration write, Duration call) {

        /**
         * @throws IllegalArgumentException if a duration is negative
         */
        public Timeouts {
            check("connect", connect);
            check("read", read);
            check("write", write);
            check("call", call);
        }

        /** Connect 5 s, read 30 s, write 30 s, no call timeout. */
        public static Timeouts defaults() {
            return new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ZERO);
        }

        private static void check(String name, Duration d) {
            Objects.requireNonNull(d, name + " == null");
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " timeout is negative: " + d);
            }
        }
    }
}
