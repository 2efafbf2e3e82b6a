package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.internal.server.UnixHttpServer;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.Event;
import io.drpkit.sdk.model.LogLine;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The host's side of the socket a provider dials (the 2nd {@code listen} argument, spec §4):
 * {@code POST log | publish | leaving} and {@code GET objects/<prefix>} under both base paths
 * (spec Part A.1), with switches to make it slow, failing, absent or single-prefix.
 *
 * <p>Requests are handled without blocking: the body is read asynchronously, the answer is
 * decided from the switches as they are when the body has arrived, and a latency is a timer on
 * the IO thread. Thread-safe.
 */
final class DialSocket implements HttpHandler {
    static final String PRIMARY = "/api-server-plugin/v4";
    static final String DOCUMENTED = "/api-plugin-server/v4";
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "err",
            "fatal", "panic", "audit");

    private final Path path;
    private final Function<String, List<JsonNode>> objects;
    private final Journal<RecordedRequest> requests = new Journal<>("request on the dial socket");
    private final Journal<LogLine> logLines = new Journal<>("log line");
    private final Journal<Event> published = new Journal<>("published event");
    private final Journal<DrpError> leaving = new Journal<>("leaving notice");

    private volatile Set<String> prefixes = Set.of(PRIMARY, DOCUMENTED);
    private volatile Duration latency = Duration.ZERO;
    private volatile Failure failure;
    private UnixHttpServer server; // guarded by this

    /**
     * @param objects a {@code StoreObjects} prefix to its objects, throwing {@link ApiException}
     *                for an unknown prefix
     */
    DialSocket(Path path, Function<String, List<JsonNode>> objects) {
        this.path = path;
        this.objects = objects;
    }

    synchronized void up() throws IOException {
        if (server == null) {
            server = UnixHttpServer.start(path, this, UnixHttpServer.Options.builder()
                    .ioThreads(1).workerThreads(1, 4).build());
        }
    }

    synchronized void down() {
        if (server != null) {
            server.close(); // also removes the socket file
            server = null;
        }
    }

    synchronized boolean isUp() {
        return server != null;
    }

    Path path() {
        return path;
    }

    void prefixes(Set<String> served) {
        this.prefixes = Set.copyOf(served);
    }

    void latency(Duration latency) {
        this.latency = latency;
    }

    void failWith(int status, String body) {
        this.failure = new Failure(status, body);
    }

    void healthy() {
        failure = null;
        latency = Duration.ZERO;
        prefixes = Set.of(PRIMARY, DOCUMENTED);
    }

    Journal<RecordedRequest> requests() {
        return requests;
    }

    Journal<LogLine> logLines() {
        return logLines;
    }

    Journal<Event> published() {
        return published;
    }

    Journal<DrpError> leaving() {
        return leaving;
    }

    void clear() {
        requests.clear();
        logLines.clear();
        published.clear();
        leaving.clear();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.getRequestReceiver().receiveFullBytes(
                (ex, body) -> ex.dispatch(SameThreadExecutor.INSTANCE, () -> answer(ex, body)),
                (ex, e) -> respond(ex, new Reply(UnixHttpServer.isEntityTooLarge(e) ? 413 : 400,
                        error(ex, UnixHttpServer.isEntityTooLarge(e) ? 413 : 400,
                                "cannot read the request body: " + e.getMessage()))));
    }

    private void answer(HttpServerExchange exchange, byte[] body) {
        RecordedRequest request = RestApi.record(exchange, body);
        requests.add(request);
        Reply reply = decide(exchange, request);
        long delay = latency.toMillis();
        if (delay <= 0) {
            respond(exchange, reply);
        } else {
            exchange.getIoThread().executeAfter(() -> respond(exchange, reply), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** What to answer, given the switches now; accepted bodies go into the typed records here. */
    private Reply decide(HttpServerExchange exchange, RecordedRequest r) {
        Failure f = failure;
        if (f != null) {
            return new Reply(f.status, f.body);
        }
        String route = route(r.path());
        if (route == null) {
            return notFound(exchange);
        }
        try {
            switch (r.method() + " " + (route.startsWith("/objects/") ? "/objects/" : route)) {
                case "POST /log" -> logLines.add(logLine(r));
                case "POST /publish" -> published.add(decode(r, Event.class));
                case "POST /leaving" -> leaving.add(decode(r, DrpError.class));
                case "GET /objects/" -> {
                    return new Reply(200, DrpJson.write(objects.apply(route.substring("/objects/".length()))));
                }
                default -> {
                    return notFound(exchange);
                }
            }
            return new Reply(200, "");
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return new Reply(400, error(exchange, 400, "cannot decode the body: " + e.getMessage()));
        } catch (ApiException e) {
            return new Reply(e.error().code(), DrpJson.write(e.error()));
        }
    }

    /** The part after a served base path, or null. */
    private String route(String requestPath) {
        for (String p : prefixes) {
            if (requestPath.startsWith(p + "/")) {
                return requestPath.substring(p.length());
            }
        }
        return null;
    }

    private static <T> T decode(RecordedRequest r, Class<T> type) throws IOException {
        T value = DrpJson.read(r.body(), type);
        if (value == null) {
            throw new IllegalArgumentException("expected a " + type.getSimpleName() + " object, got null");
        }
        return value;
    }

    /** A log line as the Go host decodes it: Level must be a level name (spec §5.4). */
    private static LogLine logLine(RecordedRequest r) throws IOException {
        JsonNode json = DrpJson.readTree(r.body());
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a log line is a JSON object");
        }
        JsonNode level = null;
        for (var it = json.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equalsIgnoreCase("Level")) {
                level = e.getValue();
            }
        }
        if (level == null || !level.isTextual()
                || !LEVELS.contains(level.asText().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Level must be a level name, got " + level);
        }
        return DrpJson.convert(json, LogLine.class);
    }

    private static Reply notFound(HttpServerExchange exchange) {
        return new Reply(404, error(exchange, 404, "Not Found"));
    }

    private static String error(HttpServerExchange exchange, int code, String message) {
        return DrpJson.write(DrpError.builder(code, exchange.getRequestMethod().toString())
                .key(exchange.getRequestPath()).message(message).build());
    }

    /** An empty body carries no content type: the spec only says it is ignored. */
    private static void respond(HttpServerExchange exchange, Reply reply) {
        if (reply.body.isEmpty()) {
            exchange.setStatusCode(reply.status);
            exchange.endExchange();
            return;
        }
        RestApi.send(exchange, reply.status, "application/json",
                reply.body.getBytes(StandardCharsets.UTF_8));
    }

    private record Reply(int status, String body) {
        Reply {
            Objects.requireNonNull(body, "body == null");
        }
    }

    private record Failure(int status, String body) {
    }
}
