package io.drpkit.sdk.internal.hostclient;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.Host;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.internal.json.ErrorBodies;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.Event;
import io.drpkit.sdk.model.LogLine;
import io.drpkit.sdk.model.RawModel;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Host} over the {@code listen} dial socket (spec §4): HTTP/1.1 to
 * {@code http://unix/api-server-plugin/v4/...}, compact JSON bodies with
 * {@code Content-Type: application/json}.
 *
 * <p>Base path (spec Part A.1): {@value #PRIMARY_BASE}, what the Go SDK sends. When the host
 * answers 404 there, the same request is tried once on {@value #DOCUMENTED_BASE} (the prefix the
 * Go SDK's documentation names); whichever prefix answered something other than 404 is used for
 * later calls, and the first switch is logged at WARN.
 *
 * <p>Failures: an answer ≥ 400 throws {@link PluginException} with the host's {@code Error} when
 * the body is one, otherwise one naming the status and the body text (the Go SDK takes a non-JSON
 * error answer for success, spec §10.1.7). No answer within the timeouts — or no socket — throws
 * 502 naming the socket path and the cause. Nothing is retried.
 *
 * <p>Thread-safe: calls may run concurrently; they share OkHttp's connection pool.
 */
public final class HostClient implements Host, Closeable {
    public static final String PRIMARY_BASE = "/api-server-plugin/v4";
    public static final String DOCUMENTED_BASE = "/api-plugin-server/v4";
    private static final Logger log = LoggerFactory.getLogger(HostClient.class);

    private final Path socketPath;
    private final UnixSocketClients.Timeouts timeouts;
    /** Made by the first call (OkHttp, Kotlin's runtime and the socket library: off listen's way to READY!). */
    private volatile OkHttpClient client;
    private volatile String base = PRIMARY_BASE;
    private final AtomicBoolean switchLogged = new AtomicBoolean();
    // the parsed URLs of the fixed endpoints (log, publish, leaving under either base): the log
    // line posted for every request parsed its URL afresh otherwise
    private final Map<String, HttpUrl> urls = new ConcurrentHashMap<>();

    private HostClient(Path socketPath, UnixSocketClients.Timeouts timeouts) {
        this.socketPath = socketPath;
        this.timeouts = timeouts;
    }

    /**
     * A client for the host listening on {@code socketPath}. Nothing is dialled, and no HTTP
     * client is built, until the first call (in {@code listen}, the log sender's first post).
     *
     * @throws IllegalArgumentException naming the path if it cannot be a Unix socket address
     *     (longer than {@value UnixSocketClients#MAX_PATH_BYTES} bytes)
     */
    public static HostClient connect(Path socketPath, Options options) {
        Objects.requireNonNull(options, "options == null");
        UnixSocketClients.checkPath(socketPath);
        return new HostClient(socketPath, options.timeouts());
    }

    private OkHttpClient client() {
        OkHttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = UnixSocketClients.create(socketPath, timeouts);
                    client = c;
                }
            }
        }
        return c;
    }

    /** The socket this client dials. */
    public Path socketPath() {
        return socketPath;
    }

    /** The base path in use now: {@value #PRIMARY_BASE} unless the host only serves the other one. */
    public String basePath() {
        return base;
    }

    /** {@code POST .../publish} with an {@link Event} stamped now (no principal, no original). */
    @Override
    public void publish(String type, String action, String key, Object object) {
        JsonNode tree = object instanceof JsonNode n ? n : DrpJson.toTree(object);
        post("publish", Event.of(type, action, key, tree));
    }

    /** {@code POST .../leaving} with {@code reason}. */
    @Override
    public void leaving(DrpError reason) {
        post("leaving", Objects.requireNonNull(reason, "reason == null"));
    }

    /** {@code GET .../objects/<prefix>}: a JSON array of objects; {@code null} counts as empty. */
    @Override
    public List<RawModel> listObjects(String prefix) {
        Objects.requireNonNull(prefix, "prefix == null");
        if (prefix.isEmpty() || prefix.contains("/") || prefix.contains("?") || prefix.contains("#")) {
            throw new IllegalArgumentException("not an object prefix: '" + prefix + "'");
        }
        Answer a = call("GET", "objects/" + prefix, null);
        JsonNode tree;
        try {
            tree = a.body().length == 0 ? null : DrpJson.readTree(a.body());
        } catch (IOException e) {
            throw new PluginException(DrpError.of(502, "plugin-mux", "GET " + a.path()
                    + ": host answered with invalid JSON: " + e.getMessage()), e);
        }
        if (tree == null || tree.isNull()) {
            return List.of();
        }
        if (!tree.isArray()) {
            throw new PluginException(DrpError.of(502, "plugin-mux",
                    "GET " + a.path() + ": expected a JSON array of objects, got " + tree.getNodeType()));
        }
        List<RawModel> objects = new ArrayList<>(tree.size());
        for (JsonNode o : tree) {
            if (!o.isObject()) {
                throw new PluginException(DrpError.of(502, "plugin-mux",
                        "GET " + a.path() + ": expected objects in the array, got " + o.getNodeType()));
            }
            objects.add(RawModel.of(o));
        }
        return List.copyOf(objects);
    }

    /**
     * {@code POST .../log} with one line. The log forwarder's sender thread calls this (as its
     * {@code LogSink}); the only thing this class ever logs is the one-time base-path switch, which
     * on the sender thread goes to stderr rather than back into the forwarder.
     */
    public void postLog(LogLine line) {
        post("log", Objects.requireNonNull(line, "line == null"));
    }

    /** Releases pooled connections. */
    @Override
    public void close() {
        OkHttpClient c = client;
        if (c != null) {
            c.connectionPool().evictAll();
        }
    }

    private void post(String endpoint, Object body) {
        call("POST", endpoint, DrpJson.writeBytes(body));
    }

    /** One request, with the Part A.1 prefix fallback; throws for anything but 2xx/3xx. */
    private Answer call(String method, String endpoint, byte[] body) {
        String first = base;
        Answer a = once(method, first + "/" + endpoint, body);
        if (a.code() == 404) {
            String other = first.equals(PRIMARY_BASE) ? DOCUMENTED_BASE : PRIMARY_BASE;
            Answer b = once(method, other + "/" + endpoint, body);
            if (b.code() != 404) {
                base = other;
                if (switchLogged.compareAndSet(false, true)) {
                    log.warn("host at {} answers 404 on {} but serves {}; using {} from now on",
                            socketPath, first, other, other);
                }
                a = b;
            }
        }
        if (a.code() >= 400) {
            throw failure(method, a);
        }
        return a;
    }

    private Answer once(String method, String path, byte[] body) {
        Request.Builder request = new Request.Builder().url(url(path));
        request.method(method, body == null ? null : RequestBody.create(body, Json.TYPE));
        try (Response response = client().newCall(request.build()).execute()) {
            ResponseBody rb = response.body();
            return new Answer(method, path, response.code(), response.message(),
                    rb == null ? new byte[0] : rb.bytes());
        } catch (IOException e) {
            throw new PluginException(DrpError.of(502, "plugin-mux",
                    method + " " + path + " to the host at " + socketPath + " failed: " + describe(e)), e);
        }
    }

    /**
     * The failure as the message shows it. A timeout says {@code timeout} however it surfaced:
     * OkHttp's own ({@code InterruptedIOException: timeout}), a socket read timeout, or the socket
     * library's {@code EAGAIN} ("Resource temporarily unavailable"), which is how a read that ran
     * into its timeout sometimes ends under load.
     */
    static String describe(IOException e) {
        String text = e.toString();
        boolean timedOut = e instanceof java.io.InterruptedIOException
                || String.valueOf(e.getMessage()).contains("Resource temporarily unavailable");
        return timedOut && !text.contains("timeout") ? "timeout (" + text + ")" : text;
    }

    /** OkHttp's media type, made with the first call's client rather than when this class loads. */
    private static final class Json {
        static final MediaType TYPE = MediaType.get("application/json");
    }

    private HttpUrl url(String path) {
        HttpUrl cached = urls.get(path);
        if (cached != null) {
            return cached;
        }
        HttpUrl url = HttpUrl.get(UnixSocketClients.BASE_URL + path);
        if (path.lastIndexOf('/') == PRIMARY_BASE.length()) { // <base>/<endpoint>: a fixed one
            urls.put(path, url);
        }
        return url;
    }

    private static PluginException failure(String method, Answer a) {
        return ErrorBodies.decode(a.body(), a.code()).map(PluginException::new)
                .orElseGet(() -> new PluginException(DrpError.of(a.code(), "plugin-mux",
                        method + " " + a.path() + ": host answered " + a.code()
                                + (a.reason().isBlank() ? "" : " " + a.reason()) + ": "
                                + ErrorBodies.snippet(a.body()))));
    }

    private record Answer(String method, String path, int code, String reason, byte[] body) {
    }

    /**
     * Timeouts for host calls. Defaults: connect 2 s, read 5 s, write 5 s, whole call 5 s — the host
     * is local, and spec Part A.14 keeps every outbound call under about 20 s. Immutable.
     */
    public record Options(UnixSocketClients.Timeouts timeouts) {
        public Options {
            Objects.requireNonNull(timeouts, "timeouts == null");
        }

        public static Options defaults() {
            return new Options(new UnixSocketClients.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), Duration.ofSeconds(5)));
        }

        /** Connect within {@code connect}; each call (connect included) within {@code call}. */
        public static Options of(Duration connect, Duration call) {
            return new Options(new UnixSocketClients.Timeouts(connect, call, call, call));
        }
    }
}
