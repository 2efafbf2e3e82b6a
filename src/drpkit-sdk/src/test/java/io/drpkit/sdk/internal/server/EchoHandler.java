package io.drpkit.sdk.internal.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test handler: POST echoes the body with its content type (413 if Undertow's entity limit trips
 * while reading); GET answers "ok"; any request to {@code /slow} is answered from a worker thread
 * once {@link #release()} is called. Thread-safe.
 */
public final class EchoHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EchoHandler.class);
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch slowEntered = new CountDownLatch(1);

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.getRequestPath().equals("/slow")) {
            exchange.dispatch(() -> {
                slowEntered.countDown();
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.getResponseSender().send("slow done");
            });
        } else if (exchange.getRequestMethod().equals(Methods.GET)) {
            exchange.getResponseSender().send("ok");
        } else {
            exchange.getRequestReceiver().receiveFullBytes(
                    (ex, body) -> {
                        String type = ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
                        if (type != null) {
                            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
                        }
                        ex.getResponseSender().send(ByteBuffer.wrap(body));
                    },
                    (ex, e) -> {
                        LOG.debug("reading the request body failed", e);
                        ex.setPersistent(false);
                        ex.setStatusCode(UnixHttpServer.isEntityTooLarge(e)
                                ? StatusCodes.REQUEST_ENTITY_TOO_LARGE
                                : StatusCodes.INTERNAL_SERVER_ERROR);
                        ex.endExchange();
                    });
        }
    }

    /** Waits until a {@code /slow} request has entered the handler. */
    public boolean awaitSlowEntered() throws InterruptedException {
        return slowEntered.await(5, TimeUnit.SECONDS);
    }

    /** Lets {@code /slow} requests answer. */
    public void release() {
        gate.countDown();
    }
}
