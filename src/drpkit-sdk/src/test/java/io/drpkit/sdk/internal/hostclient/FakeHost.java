package io.drpkit.sdk.internal.hostclient;

import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.internal.server.UnixHttpServer;
import io.drpkit.sdk.model.LogLine;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A dr-provision host's from-plugin socket for tests: a real {@link UnixHttpServer} that records
 * every request and answers through a function. By default it serves the given prefixes with
 * 200 {@code {}} (and a JSON 404 elsewhere). Requests are answered on worker threads, so a
 * responder may block. Thread-safe.
 */
public final class FakeHost implements AutoCloseable {
    /** One request as received. */
    public record Request(String method, String path, String contentType, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as a log line ({@code POST .../log}). */
        public LogLine logLine() {
            try {
                return DrpJson.read(body, LogLine.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An answer. */
    public record Reply(int status, String contentType, String body) {
        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", body);
        }

        public static Reply text(int status, String body) {
            return new Reply(status, "text/plain", body);
        }
    }

    private final UnixHttpServer server;
    private final Set<String> prefixes;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Reply> responder;

    private FakeHost(Path socket, Set<String> prefixes) throws IOException {
        this.prefixes = Set.copyOf(prefixes);
        this.responder = this::standard;
        this.server = UnixHttpServer.start(socket, new Handler(), UnixHttpServer.Options.defaults());
    }

    /** A host serving both prefixes, as the test kit's host does. */
    public static FakeHost start(Path socket) throws IOException {
        return new FakeHost(socket, Set.of(HostClient.PRIMARY_BASE, HostClient.DOCUMENTED_BASE));
    }

    /** A host serving only {@code prefixes}; other paths get 404. */
    public static FakeHost serving(Path socket, String... prefixes) throws IOException {
        return new FakeHost(socket, Set.of(prefixes));
    }

    /** Replaces the answers; {@link #standard} is the default. */
    public FakeHost respond(Function<Request, Reply> responder) {
        this.responder = responder;
        return this;
    }

    /** 200 {@code {}} under a served prefix, else 404 with a DRP error. */
    public Reply standard(Request r) {
        for (String prefix : prefixes) {
            if (r.path().startsWith(prefix + "/")) {
                return Reply.json(200, "{}");
            }
        }
        return Reply.json(404, "{\"Model\":\"\",\"Key\":\"" + r.path() + "\",\"Type\":\"" + r.method()
                + "\",\"Messages\":null,\"Code\":404}");
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The log lines posted so far, in arrival order. */
    public List<LogLine> logLines() {
        return requests.stream().filter(r -> r.path().endsWith("/log")).map(Request::logLine).toList();
    }

    @Override
    public void close() {
        server.close();
    }

    private final class Handler implements HttpHandler {
        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            if (exchange.isInIoThread()) {
                exchange.dispatch(this);
                return;
            }
            exchange.startBlocking();
            byte[] body = exchange.getInputStream().readAllBytes();
            Request r = new Request(exchange.getRequestMethod().toString(), exchange.getRequestPath(),
                    exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE), body);
            requests.add(r);
            Reply reply;
            try {
                reply = responder.apply(r);
            } catch (RuntimeException e) {
                reply = Reply.text(599, "test responder failed: " + e);
            }
            exchange.setStatusCode(reply.status());
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, reply.contentType());
            exchange.getOutputStream().write(reply.body().getBytes(StandardCharsets.UTF_8));
            exchange.endExchange();
        }
    }
}
