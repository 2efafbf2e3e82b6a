package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.DrpError;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The fake DRP REST API under {@code /api/v3} (spec §2.2): bearer-token authentication,
 * JSON bodies, DRP {@code Error} bodies with the HTTP status as {@code Code}. The websocket path
 * is handed to {@code websocket} after authentication, which there may also come as
 * {@code ?token=} (spec §7.1). Every request is recorded first, authenticated or not.
 *
 * <p>Claims: the main token may do everything. The second token lacks DRP's {@code getSecure}
 * claim: it may do everything except read with {@code ?decode=true}, which DRP answers 403
 * (it decrypts secure params only for a token holding that claim on the object).
 * Thread-safe; requests run on Undertow's worker threads.
 */
final class RestApi implements HttpHandler {
    static final String BASE = "/api/v3";
    private static final String WS = BASE + "/ws";
    private static final AttachmentKey<Boolean> DELAYED = AttachmentKey.create(Boolean.class);

    private final RestStore store;
    private final String token;
    private final String tokenWithoutGetSecure;
    private final HttpHandler websocket;
    private final Supplier<JsonNode> info;
    private final Journal<RecordedRequest> requests;
    private final Map<String, Integer> refusedParams;
    private final TaskLists taskLists;
    private volatile Duration latency = Duration.ZERO;

    /** @param refusedParams param name -> status for writes to refuse; read on every request */
    RestApi(RestStore store, String token, String tokenWithoutGetSecure, HttpHandler websocket, Supplier<JsonNode> info,
            Journal<RecordedRequest> requests, Map<String, Integer> refusedParams, TaskLists taskLists) {
        this.store = store;
        this.taskLists = taskLists;
        this.token = token;
        this.tokenWithoutGetSecure = tokenWithoutGetSecure;
        this.websocket = websocket;
        this.info = info;
        this.requests = requests;
        this.refusedParams = refusedParams;
    }

    /** Answers every REST request {@code latency} late, from now on; zero for no delay. */
    void latency(Duration latency) {
        this.latency = latency;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        long delay = latency.toMillis();
        if (delay > 0 && !path.equals(WS) && exchange.putAttachment(DELAYED, Boolean.TRUE) == null) {
            // outside this call, dispatch(handler) hands the exchange to a worker thread
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> exchange.getIoThread()
                    .executeAfter(() -> exchange.dispatch(this), delay, TimeUnit.MILLISECONDS));
            return;
        }
        if (path.equals(WS)) {
            requests.add(record(exchange, new byte[0]));
            if (claims(exchange, true) == Claims.NONE) {
                unauthorized(exchange);
                return;
            }
            websocket.handleRequest(exchange);
            return;
        }
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        byte[] body = exchange.getInputStream().readAllBytes();
        requests.add(record(exchange, body));
        Claims claims = claims(exchange, false);
        if (claims == Claims.NONE) {
            unauthorized(exchange);
            return;
        }
        String method = exchange.getRequestMethod().toString();
        try {
            if (claims == Claims.NO_GET_SECURE && method.equals("GET") && "true".equals(query(exchange).get("decode"))) {
                throw forbiddenToDecode(path);
            }
            route(exchange, method, path, body);
        } catch (ApiException e) {
            sendJson(exchange, e.error().code(), e.error());
        }
    }

    private void route(HttpServerExchange exchange, String method, String path, byte[] body) {
        if (!path.startsWith(BASE + "/")) {
            throw ApiException.of(404, method, "", path, "Not Found");
        }
        String rest = path.substring(BASE.length() + 1);
        Map<String, String> query = query(exchange);
        boolean aggregate = "true".equals(query.get("aggregate"));
        boolean decode = "true".equals(query.get("decode"));
        String[] p = rest.split("/", 4); // prefix, key, "params" | "log", param name (may hold '/')
        if (p.length == 1 && p[0].equals("info")) {
            only(method, "GET", rest);
            sendJson(exchange, 200, info.get());
        } else if (p.length == 1 && p[0].equals("jobs") && method.equals("POST") && isAgentRequest(body)) {
            // what a machine's agent asks: DRP walks the machine's task list (TaskLists)
            TaskLists.Outcome outcome = taskLists.nextJob(json(method, "jobs", "", body).get("Machine").asText());
            if (outcome.error().isPresent()) {
                sendJson(exchange, outcome.status(), outcome.error().get());
            } else {
                sendJson(exchange, outcome.status(), outcome.job().orElse(null));
            }
        } else if (p.length == 1) {
            switch (method) {
                case "GET" -> sendJson(exchange, 200, store.list(p[0], query));
                case "POST" -> sendJson(exchange, 201, store.create(p[0], json(method, p[0], "", body)));
                default -> notAllowed(method, rest);
            }
        } else if (p.length == 2) {
            switch (method) {
                case "GET" -> sendJson(exchange, 200, store.get(p[0], p[1], decode));
                case "PUT" -> sendJson(exchange, 200, store.replace(p[0], p[1], json(method, p[0], p[1], body)));
                case "PATCH" -> sendJson(exchange, 200, store.patch(p[0], p[1], json(method, p[0], p[1], body)));
                case "DELETE" -> sendJson(exchange, 200, store.delete(p[0], p[1]));
                default -> notAllowed(method, rest);
            }
        } else if (p.length == 3 && p[0].equals("jobs") && p[2].equals("log")) {
            switch (method) {
                case "GET" -> send(exchange, 200, "application/octet-stream", store.jobLog(p[1]));
                case "PUT" -> {
                    store.appendJobLog(p[1], body);
                    sendJson(exchange, 204, null);
                }
                default -> notAllowed(method, rest);
            }
        } else if (p.length == 3 && p[2].equals("pubkey")) {
            only(method, "GET", rest);
            sendJson(exchange, 200, store.publicKey(p[0], p[1]));
        } else if (p.length == 3 && p[2].equals("params")) {
            switch (method) {
                case "GET" -> sendJson(exchange, 200, store.params(p[0], p[1], aggregate, decode));
                case "POST", "PUT" -> {
                    JsonNode params = json(method, p[0], p[1], body);
                    params.fieldNames().forEachRemaining(name -> refuseIfAsked(method, p[0], p[1], name));
                    sendJson(exchange, 200, store.replaceParams(p[0], p[1], params));
                }
                default -> notAllowed(method, rest);
            }
        } else if (p.length == 4 && p[2].equals("params") && !p[3].isEmpty()) {
            String name = p[3];
            switch (method) {
                case "GET" -> sendJson(exchange, 200, store.param(p[0], p[1], name, aggregate, decode));
                case "POST", "PUT" -> {
                    JsonNode value = json(method, p[0], p[1], body);
                    refuseIfAsked(method, p[0], p[1], name);
                    sendJson(exchange, 200, store.setParam(p[0], p[1], name, value));
                }
                case "DELETE" -> sendJson(exchange, 200, store.deleteParam(p[0], p[1], name));
                default -> notAllowed(method, rest);
            }
        } else {
            throw ApiException.of(404, method, p[0], rest, "Not Found");
        }
    }

    /**
     * A job body naming a machine the fake has, and no task: the agent's request. (Other bodies
     * are stored as given, a simplification tests of job logs rely on; DRP would answer 422 for
     * a machine it does not have.)
     */
    private boolean isAgentRequest(byte[] body) {
        try {
            JsonNode job = DrpJson.readTree(body);
            if (job == null || !job.isObject() || !job.path("Machine").isTextual()
                    || !job.path("Task").asText("").isEmpty()) {
                return false;
            }
            try {
                store.get("machines", job.path("Machine").asText());
                return true;
            } catch (ApiException e) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A write of a param the test told the fake to refuse (FakeDrp.refuseParamWrites): DRP's
     * Error for a value it will not store, a ValidationError for 422, the method otherwise.
     */
    private void refuseIfAsked(String method, String prefix, String key, String name) {
        Integer status = refusedParams.get(name);
        if (status != null) {
            store.get(prefix, key); // a missing object is still a 404, as in DRP
            throw new ApiException(DrpError.builder(status, status == 422 ? "ValidationError" : method)
                    .model(prefix).key(key).message("param " + name + ": write refused").build());
        }
    }

    /** What a request's token may do. */
    private enum Claims { NONE, ALL, NO_GET_SECURE }

    /** The header's token, else (where allowed) the {@code ?token=} one: the first that is known. */
    private Claims claims(HttpServerExchange exchange, boolean allowQueryToken) {
        HeaderValues auth = exchange.getRequestHeaders().get(Headers.AUTHORIZATION);
        String header = auth == null ? "" : auth.getFirst();
        Claims claims = header.startsWith("Bearer ") ? claimsOf(header.substring("Bearer ".length())) : Claims.NONE;
        if (claims == Claims.NONE && allowQueryToken) {
            Deque<String> q = exchange.getQueryParameters().get("token");
            claims = claimsOf(q == null ? null : q.peekFirst());
        }
        return claims;
    }

    private Claims claimsOf(String given) {
        if (token.equals(given)) {
            return Claims.ALL;
        }
        return tokenWithoutGetSecure.equals(given) ? Claims.NO_GET_SECURE : Claims.NONE;
    }

    /**
     * DRP's answer to {@code ?decode=true} from a token without the {@code getSecure} claim on the
     * object: 403, Model/Key the object (as far as the path names it), no value.
     */
    private static ApiException forbiddenToDecode(String path) {
        String[] p = path.substring(Math.min(path.length(), BASE.length() + 1)).split("/", 3);
        String model = p.length > 0 ? p[0] : "";
        String key = p.length > 1 ? p[1] : "";
        return new ApiException(DrpError.builder(403, "API_ERROR").model(model).key(key)
                .message("Forbidden: decode=true needs the getSecure claim on " + model
                        + (key.isEmpty() ? "" : "/" + key)).build());
    }

    private static void unauthorized(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
        sendJson(exchange, 401, DrpError.builder(401, "AUTH").key(exchange.getRequestPath())
                .message("Unauthorized: a valid Bearer token is required").build());
    }

    private static void only(String method, String allowed, String path) {
        if (!method.equals(allowed)) {
            notAllowed(method, path);
        }
    }

    private static void notAllowed(String method, String path) {
        throw ApiException.of(405, method, "", path, "Method Not Allowed");
    }

    private static JsonNode json(String method, String prefix, String key, byte[] body) {
        try {
            JsonNode node = DrpJson.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.of(400, method, prefix, key, "empty body, expected JSON");
            }
            return node;
        } catch (IOException e) {
            throw ApiException.of(400, method, prefix, key, "body is not JSON: " + e.getMessage());
        }
    }

    private static Map<String, String> query(HttpServerExchange exchange) {
        Map<String, String> q = new LinkedHashMap<>();
        exchange.getQueryParameters().forEach((k, v) -> q.put(k, v.peekFirst()));
        return q;
    }

    static RecordedRequest record(HttpServerExchange exchange, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), List.copyOf(values));
        }
        return new RecordedRequest(exchange.getRequestMethod().toString(),
                exchange.getRequestPath(), exchange.getQueryString(), headers, body, Instant.now());
    }

    static void sendJson(HttpServerExchange exchange, int status, Object value) {
        if (value == null) {
            exchange.setStatusCode(status);
            exchange.endExchange();
            return;
        }
        byte[] body = DrpJson.writeBytes(value);
        send(exchange, status, "application/json", body);
    }

    static void send(HttpServerExchange exchange, int status, String contentType, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseHeaders().put(new HttpString("Cache-Control"), "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
