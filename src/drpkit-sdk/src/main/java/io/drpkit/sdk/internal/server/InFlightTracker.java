package io.drpkit.sdk.internal.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.Objects;

/**
 * Counts exchanges between handler entry and exchange completion, so a shutdown can wait for
 * in-flight requests.
 *
 * <p>The completion listener is added on entry, before the next handler runs: a handler that
 * sends its response on the IO thread can complete the exchange synchronously, and a listener
 * added after that would never fire.
 *
 * <p>Thread-safe.
 */
final class InFlightTracker implements HttpHandler {
    private final HttpHandler next;
    private final Object lock = new Object();
    private int inFlight; // guarded by lock

    InFlightTracker(HttpHandler next) {
        this.next = Objects.requireNonNull(next, "next == null");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        synchronized (lock) {
            inFlight++;
        }
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            try {
                completed();
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    /** Returns the number of exchanges that entered and have not completed. */
    int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /**
     * Blocks until no exchange is in flight or {@code timeout} elapses.
     *
     * @return true if none is in flight
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (inFlight > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                // wait(millis) would truncate sub-millisecond remainders to 0, i.e. wait forever
                lock.wait(Math.max(1, Duration.ofNanos(remaining).toMillis()));
            }
            return true;
        }
    }

    private void completed() {
        synchronized (lock) {
            inFlight--;
            if (inFlight == 0) {
                lock.notifyAll();
            }
        }
    }
}
