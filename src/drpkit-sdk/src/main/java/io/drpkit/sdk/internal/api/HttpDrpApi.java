package io.drpkit.sdk.internal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.internal.json.ErrorBodies;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.DrpObject;
import java.util.function.Predicate;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DrpApi} session over HTTPS (spec §2.2): {@code RS_ENDPOINT/api/v3/<path>} with
 * {@code Authorization: Bearer RS_TOKEN}, {@code Accept: application/json} and
 * {@code Cache-Control: no-store} on every request; HTTP/2 when the server negotiates it.
 *
 * <p>Failures: an answer with status ≥ 400 throws {@link PluginException} carrying DRP's
 * {@code Error} from the body, or — when the body is not one —
 * {@code {Type: "CLIENT_ERROR", Code: <status>, Messages: [<reason>, "Raw response: <body>"]}}
 * (body cut to {@value ErrorBodies#SNIPPET_CHARS} characters). A transport failure (refused,
 * reset, timed out) is retried after the {@linkplain DrpApiOptions#retryDelays() back-off delays}
 * within {@linkplain DrpApiOptions#totalTimeout() the call's total time}; every request body is
 * held in memory, so every request can be replayed. A certificate that fails verification is not
 * retried. When retrying ends, {@link PluginException} Code 502 names the URL and the cause.
 *
 * <p>Thread-safe: calls may run concurrently; they share one connection pool. {@link #close()}
 * releases pooled connections (the Go SDK never closes its sessions, spec §10.1.12).
 */
public final class HttpDrpApi implements DrpApi, Closeable {
    private static final Logger log = LoggerFactory.getLogger(HttpDrpApi.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType JSON_PATCH = MediaType.get("application/json-patch+json");
    private static final MediaType OCTETS = MediaType.get("application/octet-stream");
    private static final EnumSet<DiffFlags> PATCH_FLAGS = EnumSet.of(DiffFlags.OMIT_VALUE_ON_REMOVE,
            DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION, DiffFlags.EMIT_TEST_OPERATIONS);

    private final URI endpoint;
    private final HttpUrl apiBase;
    private final String token;
    private final DrpApiOptions options;
    private final OkHttpClient client;
    // where values this session decoded or sealed are reported (the runtime's secrets); set once,
    // by the runtime right after it made the session, before provider code sees it
    private volatile Consumer<JsonNode> secrets = v -> { };

    private HttpDrpApi(URI endpoint, HttpUrl apiBase, String token, DrpApiOptions options) {
        this.endpoint = endpoint;
        this.apiBase = apiBase;
        this.token = token;
        this.options = options;
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(options.connectTimeout())
                // per attempt, see execute(); OkHttp's read/write timeouts stay within it
                .readTimeout(options.attemptTimeout())
                .writeTimeout(options.attemptTimeout())
                .followRedirects(false);
        ApiTls.configure(builder, options.caFile());
        options.proxySelector().ifPresent(builder::proxySelector);   // HTTP(S)_PROXY, as DRP's Go client
        this.client = builder.build();
    }

    /**
     * A session on {@code env}'s endpoint. Nothing is sent until the first call.
     *
     * @throws PluginException 400 {@code Must have a token specified} (Model {@code plugin}, Key
     *                         {@code unknown}, spec Part A.8) when {@code RS_TOKEN} is unset, or
     *                         400 naming {@code RS_ENDPOINT} when it is not an http(s) URL
     * @throws IllegalArgumentException naming the CA file if it cannot be used
     */
    public static HttpDrpApi connect(ProviderEnvironment env, DrpApiOptions options) {
        Objects.requireNonNull(env, "env == null");
        Objects.requireNonNull(options, "options == null");
        String token = env.token().orElseThrow(() -> new PluginException(
                DrpError.builder(400, "plugin").model("plugin").key("unknown")
                        .message("Must have a token specified").build()));
        HttpUrl endpointUrl = HttpUrl.parse(env.endpoint());
        if (endpointUrl == null) {
            throw new PluginException(DrpError.builder(400, "plugin").model("plugin").key("unknown")
                    .message("RS_ENDPOINT is not an http(s) URL: " + env.endpoint()).build());
        }
        HttpUrl apiBase = endpointUrl.newBuilder().addPathSegments("api/v3").build();
        return new HttpDrpApi(endpointUrl.uri(), apiBase, token, options);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public JsonNode info() {
        return get("info");
    }

    @Override
    public JsonNode get(String path) {
        return json(call("GET", url(path), null));
    }

    @Override
    public Optional<JsonNode> find(String path) {
        Answer a = call("GET", url(path), null);
        return a.code() == 404 ? Optional.empty() : Optional.of(json(a));
    }

    @Override
    public Optional<JsonNode> find(String path, Map<String, String> query) {
        Objects.requireNonNull(query, "query == null");
        HttpUrl.Builder url = url(path).newBuilder();
        query.forEach(url::addQueryParameter);
        Answer a = call("GET", url.build(), null);
        return a.code() == 404 ? Optional.empty() : Optional.of(json(a));
    }

    /** Over DRP's event websocket ({@link io.drpkit.sdk.internal.events.EventWait}). */
    @Override
    public <T extends DrpObject> T waitFor(T object, Predicate<? super T> condition, Duration timeout) {
        return io.drpkit.sdk.internal.events.EventWait.await(this, object, condition, timeout);
    }

    @Override
    public List<JsonNode> list(String prefix, Map<String, String> query) {
        Objects.requireNonNull(query, "query == null");
        HttpUrl.Builder url = url(prefix).newBuilder();
        query.forEach(url::addQueryParameter);
        HttpUrl u = url.build();
        JsonNode answer = json(call("GET", u, null));
        if (!answer.isArray()) {
            throw new PluginException(DrpError.of(502, "CLIENT_ERROR",
                    "GET " + u + ": expected a JSON array, got " + answer.getNodeType()));
        }
        List<JsonNode> items = new ArrayList<>(answer.size());
        answer.forEach(items::add);
        return List.copyOf(items);
    }

    @Override
    public JsonNode create(String prefix, Object object) {
        return json(call("POST", url(prefix), jsonBody(object)));
    }

    @Override
    public JsonNode put(String path, Object object) {
        return json(call("PUT", url(path), jsonBody(object)));
    }

    @Override
    public JsonNode patch(String path, JsonNode jsonPatch) {
        Objects.requireNonNull(jsonPatch, "jsonPatch == null");
        if (!jsonPatch.isArray()) {
            throw new IllegalArgumentException("a JSON Patch is an array of operations, got " + jsonPatch.getNodeType());
        }
        return json(call("PATCH", url(path), RequestBody.create(DrpJson.writeBytes(jsonPatch), JSON_PATCH)));
    }

    @Override
    public JsonNode delete(String path) {
        return json(call("DELETE", url(path), null));
    }

    @Override
    public Optional<JsonNode> param(String prefix, String key, String param, boolean aggregate) {
        HttpUrl u = paramUrl(prefix, key, param);
        if (aggregate) {
            u = u.newBuilder().addQueryParameter("aggregate", "true").build();
        }
        Answer a = call("GET", u, null);
        if (a.code() == 404) {
            return Optional.empty();
        }
        JsonNode value = json(a);
        return value.isNull() || value.isMissingNode() ? Optional.empty() : Optional.of(value);
    }

    /**
     * From now on, every secret value this session handles goes to {@code sink}: the value of each
     * {@link #decodedParam}, the secure values of {@link #params} with {@code decode} and the value
     * of each {@link #setSecureParam}. Called on the calling thread, before the call returns.
     */
    public void reportSecretsTo(Consumer<JsonNode> sink) {
        this.secrets = Objects.requireNonNull(sink, "sink == null");
    }

    @Override
    public Optional<JsonNode> decodedParam(String prefix, String key, String param, boolean aggregate) {
        Optional<JsonNode> value = DrpApi.super.decodedParam(prefix, key, param, aggregate);
        // the caller asked for the secure read: the value is treated as secret even if the param is plain
        value.ifPresent(secrets);
        return value;
    }

    @Override
    public Map<String, JsonNode> params(String prefix, String key, boolean aggregate, boolean decode) {
        Map<String, JsonNode> values = DrpApi.super.params(prefix, key, aggregate, decode);
        if (decode && !values.isEmpty()) {
            Consumer<JsonNode> sink = secrets;
            Map<String, JsonNode> sealed;
            try {
                sealed = DrpApi.super.params(prefix, key, aggregate, false);
            } catch (PluginException e) {
                sealed = null; // cannot tell which are secure: every value counts as secret
            }
            for (Map.Entry<String, JsonNode> e : values.entrySet()) {
                if (sealed == null || SecureParams.isSecureData(sealed.get(e.getKey()))) {
                    sink.accept(e.getValue());
                }
            }
        }
        return values;
    }

    @Override
    public void setSecureParam(String prefix, String key, String param, Object value) {
        Objects.requireNonNull(value, "value == null (to remove a param use deleteParam)");
        secrets.accept(DrpJson.toTree(value)); // before sending: a failure's message must not show it either
        DrpApi.super.setSecureParam(prefix, key, param, value);
    }

    @Override
    public JsonNode setParam(String prefix, String key, String param, Object value) {
        Objects.requireNonNull(value, "value == null (to remove a param use deleteParam)");
        return json(call("POST", paramUrl(prefix, key, param), jsonBody(value)));
    }

    @Override
    public void deleteParam(String prefix, String key, String param) {
        Answer a = call("DELETE", paramUrl(prefix, key, param), null);
        if (a.code() != 404) {
            json(a);
        }
    }

    @Override
    public void appendJobLog(String jobUuid, String text) {
        Objects.requireNonNull(jobUuid, "jobUuid == null");
        Objects.requireNonNull(text, "text == null");
        HttpUrl u = encodedUrl(ApiPaths.encode("jobs", requireSegment("jobUuid", jobUuid), "log"));
        RequestBody body = RequestBody.create(text.getBytes(StandardCharsets.UTF_8), OCTETS);
        Answer a = call("PUT", u, body);
        if (a.code() >= 400) {
            throw failure("PUT", u, a);
        }
    }

    @Override
    public JsonNode update(String path, UnaryOperator<JsonNode> change) {
        Objects.requireNonNull(change, "change == null");
        for (int attempt = 1; ; attempt++) {
            JsonNode current = get(path);
            JsonNode wanted = Objects.requireNonNull(change.apply(current.deepCopy()), "change returned null");
            JsonNode patch = diff(current, wanted);
            if (patch.isEmpty()) {
                return current;
            }
            try {
                return patch(path, patch);
            } catch (PluginException e) {
                if (e.error().code() != 409 || attempt >= options.updateAttempts()) {
                    throw e;
                }
                log.debug("PATCH {} conflicted ({}); reading it again (attempt {} of {})",
                        path, e.getMessage(), attempt + 1, options.updateAttempts());
            }
        }
    }

    /**
     * The URL of {@code path} (relative to {@code /api/v3}) as a websocket URL: the scheme is
     * forced to {@code wss} whatever {@code RS_ENDPOINT} says (spec §7.1), so an {@code http}
     * endpoint fails the TLS handshake, as with the Go SDK.
     */
    public String webSocketUrl(String path) {
        HttpUrl https = url(path).newBuilder().scheme("https").build();
        return "wss" + https.toString().substring("https".length());
    }

    /**
     * Opens a websocket to {@link #webSocketUrl(String) webSocketUrl(path)} with this session's
     * bearer token and TLS settings (spec §7.1: no query string). After the handshake no read
     * timeout applies; a ping every {@code pingInterval} detects a peer that vanished. Never
     * blocks: {@code listener} learns the outcome on OkHttp's threads.
     */
    public WebSocket openWebSocket(String path, Duration pingInterval, WebSocketListener listener) {
        Objects.requireNonNull(pingInterval, "pingInterval == null");
        Objects.requireNonNull(listener, "listener == null");
        Request request = new Request.Builder().url(webSocketUrl(path))
                .header("Authorization", "Bearer " + token)
                .build();
        return client.newBuilder().pingInterval(pingInterval).build().newWebSocket(request, listener);
    }

    /** Closes pooled connections; calls made afterwards open new ones. */
    @Override
    public void close() {
        client.connectionPool().evictAll();
    }

    /**
     * The RFC 6902 patch turning {@code from} into {@code to}: only {@code add}, {@code remove} and
     * {@code replace}, each {@code remove}/{@code replace} preceded by a {@code test} of the old
     * value. DRP objects (v4) carry no version or revision member to test instead, so the old
     * values themselves are the guard — what the Go client's "paranoid" patches do.
     */
    static JsonNode diff(JsonNode from, JsonNode to) {
        return JsonDiff.asJson(from, to, PATCH_FLAGS);
    }

    // --- requests -------------------------------------------------------------------------

    private HttpUrl url(String path) {
        Objects.requireNonNull(path, "path == null");
        return encodedUrl(ApiPaths.encode(path));
    }

    private HttpUrl encodedUrl(String encodedPath) {
        return apiBase.newBuilder().addEncodedPathSegments(encodedPath).build();
    }

    private HttpUrl paramUrl(String prefix, String key, String param) {
        Objects.requireNonNull(prefix, "prefix == null");
        Objects.requireNonNull(key, "key == null");
        Objects.requireNonNull(param, "param == null");
        return encodedUrl(ApiPaths.encode(prefix, requireSegment("key", key), "params", param));
    }

    /** A key is one path segment: a {@code /} in it would address another object. */
    private static String requireSegment(String what, String value) {
        if (value.isEmpty() || value.contains("/")) {
            throw new IllegalArgumentException(what + " must be one non-empty path segment, got '" + value + "'");
        }
        return value;
    }

    private static RequestBody jsonBody(Object value) {
        return RequestBody.create(DrpJson.writeBytes(value), JSON);
    }

    /** One call with retries of transport failures; any HTTP answer is returned as is. */
    private Answer call(String method, HttpUrl url, RequestBody body) {
        Request.Builder request = new Request.Builder().url(url).method(method, body)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Cache-Control", "no-store");
        options.traceLevel().ifPresent(level -> {
            request.header("X-Log-Request", level);
            options.traceToken().ifPresent(t -> request.header("X-Log-Token", t));
        });
        return new Attempts(method, url, request.build()).run();
    }

    private JsonNode json(Answer a) {
        if (a.code() >= 400) {
            throw failure(a.method(), a.url(), a);
        }
        if (a.body().length == 0) {
            return NullNode.getInstance();
        }
        try {
            JsonNode node = DrpJson.readTree(a.body());
            return node == null ? NullNode.getInstance() : node;
        } catch (IOException e) {
            throw new PluginException(DrpError.of(502, "CLIENT_ERROR",
                    a.method() + " " + a.url() + ": answer " + a.code() + " is not JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()),
                    "Raw response: " + ErrorBodies.snippet(a.body())), e);
        }
    }

    private static PluginException failure(String method, HttpUrl url, Answer a) {
        Optional<DrpError> drp = ErrorBodies.decode(a.body(), a.code());
        if (drp.isPresent()) {
            return new PluginException(drp.get());
        }
        return new PluginException(DrpError.builder(a.code(), "CLIENT_ERROR")
                .message(a.reason())
                .message("Raw response: " + ErrorBodies.snippet(a.body()))
                .build());
    }

    /** An HTTP answer, body read in full. */
    private record Answer(String method, HttpUrl url, int code, String reason, byte[] body) {
    }

    /** The retry loop of one call. */
    private final class Attempts {
        private final String method;
        private final HttpUrl url;
        private final Request request;
        private final long start = System.nanoTime();
        private final long deadline = start + options.totalTimeout().toNanos();
        private int attempts;
        private IOException firstFailure;

        Attempts(String method, HttpUrl url, Request request) {
            this.method = method;
            this.url = url;
            this.request = request;
        }

        Answer run() {
            while (true) {
                IOException failure;
                try {
                    return once();
                } catch (IOException e) {
                    failure = e;
                    firstFailure = firstFailure == null ? e : firstFailure;
                }
                if (!Retries.retryable(failure) || Thread.currentThread().isInterrupted()) {
                    throw gaveUp(failure);
                }
                int retry = attempts - 1;
                if (retry >= options.retryDelays().size()) {
                    throw gaveUp(failure);
                }
                long delay = options.retryDelays().get(retry).toNanos();
                if (System.nanoTime() + delay >= deadline) {
                    throw gaveUp(failure);
                }
                log.debug("{} {} failed ({}); retry {} in {} ms", method, url, failure,
                        attempts, delay / 1_000_000);
                if (!Retries.sleep(delay)) {
                    throw gaveUp(failure);
                }
            }
        }

        private Answer once() throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("no time left of " + options.totalTimeout().toMillis() + " ms");
            }
            attempts++;
            Call call = client.newCall(request);
            call.timeout().timeout(Math.min(left, options.attemptTimeout().toNanos()), TimeUnit.NANOSECONDS);
            try (Response response = call.execute()) {
                ResponseBody body = response.body();
                byte[] bytes = body == null ? new byte[0] : body.bytes();
                String reason = response.message().isBlank() ? Retries.reasonPhrase(response.code())
                        : response.message();
                log.trace("API {} {} -> {} ({} bytes)", method, url, response.code(), bytes.length);
                return new Answer(method, url, response.code(), reason, bytes);
            }
        }

        private PluginException gaveUp(IOException cause) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            String interrupted = Thread.currentThread().isInterrupted() ? " (interrupted)" : "";
            // the last attempt may only have hit the time limit; the first says what was wrong
            String first = firstFailure == null || firstFailure == cause
                    || firstFailure.toString().equals(cause.toString()) ? "" : " (first failure: " + firstFailure + ")";
            return new PluginException(DrpError.of(502, "CLIENT_ERROR",
                    method + " " + url + ": no answer after " + attempts + " attempt"
                            + (attempts == 1 ? "" : "s") + " in " + ms + " ms" + interrupted + ": " + cause + first),
                    cause);
        }
    }
}
