package io.drpkit.sdk.internal.events;

import io.drpkit.sdk.Config;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.EventSelection;
import io.drpkit.sdk.EventSubscriber;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.internal.api.HttpDrpApi;
import io.drpkit.sdk.internal.api.Waits;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.DrpObject;
import io.drpkit.sdk.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DrpApi#waitFor} over DRP's event websocket, as the Go client's
 * {@code EventStream.WaitFor}: register {@code <prefix>.*.<key>} (waiting for DRP's
 * acknowledgement, so no change after it is missed), then read the object and test it, then test
 * the object carried by each event. A {@code delete} event ends the wait with 404. When the
 * websocket cannot be opened the wait falls back to reading the object every 250 ms (logged).
 */
public final class EventWait {
    private static final Logger LOG = LoggerFactory.getLogger(EventWait.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private EventWait() {
    }

    public static <T extends DrpObject> T await(HttpDrpApi api, T object, Predicate<? super T> condition, Duration timeout) {
        Waits.polling(api, object, o -> true, Duration.ZERO, POLL); // checks arguments, 404 when absent
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) object.getClass();
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<T> result = new CompletableFuture<>();
        EventSubscriber subscriber = new EventSubscriber() {
            @Override
            public List<String> selections(Config config) {
                return List.of();
            }

            @Override
            public void onEvent(Event event) {
                if (!event.key().equals(object.key())) {
                    return;
                }
                if (event.action().equals("delete")) {
                    result.completeExceptionally(gone(object));
                    return;
                }
                if (!event.object().isObject()) {
                    return;
                }
                test(DrpObject.of(type, event.object()), condition, result);
            }
        };
        EventStreamOptions options = EventStreamOptions.defaults().withBufferSize(64);
        EventStream stream = new EventStream(Dialer.of(api, options.pingInterval()),
                List.of(EventSelection.of(object.prefix(), EventSelection.ANY, object.key())), subscriber,
                new ReentrantLock(), options);
        try {
            stream.open();
        } catch (EventStreamException e) {
            LOG.warn("waiting for {} by reading it every {} ms: the event stream cannot be opened ({})",
                    object, POLL.toMillis(), e.getMessage());
            return Waits.polling(api, object, condition, remaining(deadline), POLL);
        }
        try {
            Optional<T> now = api.find(type, object.key());
            if (now.isEmpty()) {
                throw gone(object);
            }
            test(now.get(), condition, result);
            return result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new PluginException(DrpError.builder(408, "WaitTimeout").model(object.prefix()).key(object.key())
                    .message("condition not met within " + timeout.toMillis() + " ms").build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(DrpError.builder(408, "WaitTimeout").model(object.prefix()).key(object.key())
                    .message("interrupted while waiting").build(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new PluginException(DrpError.builder(500, "WaitTimeout").model(object.prefix()).key(object.key())
                    .message("the condition failed: " + cause).build(), cause);
        } finally {
            stream.close(Duration.ofSeconds(2));
        }
    }

    private static <T> void test(T view, Predicate<? super T> condition, CompletableFuture<T> result) {
        try {
            if (condition.test(view)) {
                result.complete(view);
            }
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private static PluginException gone(DrpObject object) {
        return new PluginException(DrpError.builder(404, "WaitTimeout").model(object.prefix()).key(object.key())
                .message("Not Found: the object does not exist (or was deleted) while waiting").build());
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
