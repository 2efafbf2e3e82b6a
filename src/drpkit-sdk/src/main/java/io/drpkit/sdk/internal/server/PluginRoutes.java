package io.drpkit.sdk.internal.server;

import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.internal.runtime.Errors;
import io.drpkit.sdk.internal.runtime.ProviderRuntime;
import io.drpkit.sdk.internal.runtime.Reply;
import io.drpkit.sdk.model.DrpError;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The plugin API's HTTP face (spec §3.1–3.3): exact POST routes, the 404 shape, the
 * content-type and empty-body rules, decoding, and one JSON answer with a trailing newline.
 * Requests are read without blocking, then handled on an executor: actions and publishes on the
 * request pool, {@code /config} on its own so a slow action never delays it, {@code /stop} on
 * the IO thread. Thread-safe.
 */
public final class PluginRoutes implements HttpHandler {
    static final String PREFIX = "/api-plugin/v4/";
    private static final Logger LOG = LoggerFactory.getLogger(PluginRoutes.class);

    private final ProviderRuntime runtime;
    private final Executor requests;
    private final Executor control;
    private final Runnable onStop;
    private final boolean publishRouted;
    private final AtomicLong groups = new AtomicLong(1);

    /**
     * @param onStop run on the IO thread once the {@code /stop} answer has been sent; must not block
     */
    public PluginRoutes(ProviderRuntime runtime, Executor requests, Executor control, Runnable onStop) {
        this.runtime = Objects.requireNonNull(runtime, "runtime == null");
        this.requests = Objects.requireNonNull(requests, "requests == null");
        this.control = Objects.requireNonNull(control, "control == null");
        this.onStop = Objects.requireNonNull(onStop, "onStop == null");
        var def = runtime.definition();
        this.publishRouted = def.hasPublish() && def.eventSubscriber().isEmpty();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        String method = exchange.getRequestMethod().toString();
        String clean = CleanPath.of(path);
        if (!clean.equals(path)) {
            exchange.setStatusCode(301);
            exchange.getResponseHeaders().put(Headers.LOCATION, clean
                    + (exchange.getQueryString().isEmpty() ? "" : "?" + exchange.getQueryString()));
            exchange.endExchange();
            return;
        }
        Route route = route(path);
        if (route == null || !Methods.POST.equals(exchange.getRequestMethod())) {
            send(exchange, Errors.notFound(method, path));
            return;
        }
        if (route == Route.STOP) {
            stop(exchange);
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (contentType == null || !contentType.toUpperCase(Locale.ROOT).contains("APPLICATION/JSON")) {
            send(exchange, Errors.badRequest(method, "Invalid content type: " + (contentType == null ? "" : contentType)));
            return;
        }
        RequestContext context = RequestContext.of(exchange, groups.incrementAndGet());
        if (isEmptyBody(exchange)) {
            dispatch(exchange, route, context, null);
            return;
        }
        exchange.getRequestReceiver().receiveFullBytes(
                (ex, body) -> dispatch(ex, route, context, body),
                (ex, error) -> tooBigOrBroken(ex, method, error));
    }

    private void dispatch(HttpServerExchange exchange, Route route, RequestContext context, byte[] body) {
        Executor executor = route == Route.CONFIG ? control : requests;
        try {
            exchange.dispatch(executor, () -> handle(exchange, route, context, body));
        } catch (RejectedExecutionException e) {
            send(exchange, new Reply(503, DrpError.builder(503, "POST").key(exchange.getRequestPath())
                    .message("provider busy: too many requests in flight, retry later").build()));
        }
    }

    private void handle(HttpServerExchange exchange, Route route, RequestContext context, byte[] body) {
        long start = System.nanoTime();
        context.enter();
        Reply reply;
        try {
            reply = switch (route) {
                case CONFIG -> Decoding.configBody(body).map(runtime::config, e -> e);
                case ACTION -> Decoding.actionBody(body).map(runtime::action, e -> e);
                case PUBLISH -> Decoding.eventBody(body).map(runtime::publish, e -> e);
                case STOP -> throw new IllegalStateException("stop is answered on the IO thread");
            };
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure handling {}", exchange.getRequestPath(), e);
            reply = Errors.raw(Errors.of(e, "POST", exchange.getRequestPath()));
        }
        reply = runtime.masked(reply); // no secret value in any error DRP gets
        send(exchange, reply);
        context.leave(reply.status(), System.nanoTime() - start, exchange);
    }

    private void stop(HttpServerExchange exchange) {
        // the completion listener must be in place before send(): send can complete at once
        exchange.addExchangeCompleteListener((ex, next) -> {
            try {
                next.proceed();
            } finally {
                onStop.run();
            }
        });
        send(exchange, Reply.ok(DrpError.ok()));
    }

    private static void tooBigOrBroken(HttpServerExchange exchange, String method, IOException error) {
        if (exchange.isResponseStarted()) {
            exchange.endExchange();
            return;
        }
        if (UnixHttpServer.isEntityTooLarge(error)) {
            exchange.setPersistent(false);
            send(exchange, new Reply(413, DrpError.builder(413, method).key(exchange.getRequestPath())
                    .message("request body too large: " + error.getMessage()).build()));
        } else {
            send(exchange, Errors.badRequest(method, "cannot read request body: " + error));
        }
    }

    private static boolean isEmptyBody(HttpServerExchange exchange) {
        var headers = exchange.getRequestHeaders();
        String length = headers.getFirst(Headers.CONTENT_LENGTH);
        if (length != null) {
            return "0".equals(length.trim());
        }
        return !headers.contains(Headers.TRANSFER_ENCODING);
    }

    static void send(HttpServerExchange exchange, Reply reply) {
        byte[] json = DrpJson.writeBytes(reply.body());
        ByteBuffer buffer = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        exchange.setStatusCode(reply.status());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(buffer);
    }

    private Route route(String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        return switch (path.substring(PREFIX.length())) {
            case "config" -> Route.CONFIG;
            case "action" -> Route.ACTION;
            case "stop" -> Route.STOP;
            case "publish" -> publishRouted ? Route.PUBLISH : null;
            default -> null;
        };
    }

    private enum Route { CONFIG, ACTION, PUBLISH, STOP }

    /** Per-request log context: a new log group, the X-Log-Request level and X-Log-Token (spec §3.3). */
    private record RequestContext(long group, String level, String token, String method, String target) {
        static RequestContext of(HttpServerExchange exchange, long group) {
            String level = exchange.getRequestHeaders().getFirst("X-Log-Request");
            String token = exchange.getRequestHeaders().getFirst("X-Log-Token");
            String query = exchange.getQueryString();
            return new RequestContext(group, level == null ? null : level.trim().toLowerCase(Locale.ROOT),
                    token, exchange.getRequestMethod().toString(),
                    exchange.getRequestPath() + (query.isEmpty() ? "" : "?" + query));
        }

        void enter() {
            MDC.put("drpkit.group", Long.toString(group));
            if (level != null && !level.isEmpty()) {
                if (LogLevels.isValid(level)) {
                    MDC.put("drpkit.level", LogLevels.normalize(level));
                } else {
                    LOG.error("Invalid requested log level {}", level);
                }
            }
            if (token != null) {
                MDC.put("drpkit.ignorePublish", "true");
                LOG.error("Log token: {}", token);
                MDC.remove("drpkit.ignorePublish");
            }
        }

        void leave(int status, long nanos, HttpServerExchange exchange) {
            MDC.put("drpkit.ignorePublish", "true");
            LOG.debug("API: st: {} lt: {}µs m: {} {}", status, nanos / 1000, method, target);
            MDC.clear();
        }
    }
}
