package io.drpkit.sdk.internal.server;

import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.DrpError;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Enforces the request body limit so that the client gets a response, not a dropped connection.
 *
 * <ul>
 *   <li>A declared {@code Content-Length} over the limit is answered {@code 413 Payload Too Large}
 *       at once, before any body is read. Placed before {@code HttpContinueAcceptingHandler}, this
 *       also tells a client that sent {@code Expect: 100-continue} not to send the body at all.
 *   <li>A chunked body has no declared length, so it is counted as it is read: a read past the
 *       limit throws {@link RequestTooBigException}, and the handler can still answer (413 is the
 *       expected answer, see {@link UnixHttpServer#isEntityTooLarge}; Undertow's stock receivers
 *       answer 500).
 * </ul>
 *
 * <p>This replaces Undertow's {@code MAX_ENTITY_SIZE}, which the server therefore leaves unset:
 * Undertow 2.3 closes the connection without any response when a chunked body crosses that limit,
 * and the limit is fixed before the first handler runs, so it cannot be lifted per request.
 *
 * <p>In both cases the connection is closed after the response, because unread body bytes are
 * still on it. Thread-safe (stateless; per-request state lives in the per-request conduit).
 */
final class EntitySizeLimitHandler implements HttpHandler {
    private final HttpHandler next;
    private final long maxEntitySize;

    EntitySizeLimitHandler(HttpHandler next, long maxEntitySize) {
        this.next = Objects.requireNonNull(next, "next == null");
        this.maxEntitySize = maxEntitySize;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long length = exchange.getRequestContentLength();
        if (length > maxEntitySize) {
            exchange.setPersistent(false);
            // the DRP Error shape (Part A.13), like every other answer of the plugin API
            DrpError error = DrpError.builder(StatusCodes.REQUEST_ENTITY_TOO_LARGE, exchange.getRequestMethod().toString())
                    .key(exchange.getRequestPath())
                    .message("request body of " + length + " bytes exceeds the limit of " + maxEntitySize + " bytes")
                    .build();
            exchange.setStatusCode(StatusCodes.REQUEST_ENTITY_TOO_LARGE);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.getResponseSender().send(DrpJson.write(error) + "\n");
            return;
        }
        if (length < 0 && !exchange.isRequestComplete() && exchange.isRequestChannelAvailable()) {
            exchange.addRequestWrapper((factory, ex) -> new CountingSource(factory.create(), ex, maxEntitySize));
        }
        next.handleRequest(exchange);
    }

    /** Counts decoded body bytes and fails reads past the limit. Used by one exchange at a time. */
    private static final class CountingSource extends AbstractStreamSourceConduit<StreamSourceConduit> {
        private final HttpServerExchange exchange;
        private final long limit;
        private long count;

        CountingSource(StreamSourceConduit next, HttpServerExchange exchange, long limit) {
            super(next);
            this.exchange = exchange;
            this.limit = limit;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return (int) counted(next.read(dst));
        }

        @Override
        public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
            return counted(next.read(dsts, offs, len));
        }

        // Route transfers through read() so they are counted too.
        @Override
        public long transferTo(long position, long count, FileChannel target) throws IOException {
            return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
        }

        @Override
        public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
            return Conduits.transfer(this, count, throughBuffer, target);
        }

        private long counted(long n) throws RequestTooBigException {
            if (n > 0) {
                count += n;
                if (count > limit) {
                    // Marking the request finished stops endExchange() from draining the rest of
                    // the body before it sends the response; the connection then closes.
                    exchange.setPersistent(false);
                    Connectors.terminateRequest(exchange);
                    throw new RequestTooBigException("request body exceeds the limit of " + limit + " bytes");
                }
            }
            return n;
        }
    }
}
