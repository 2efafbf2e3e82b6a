package io.drpkit.sdk.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.DrpObject;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** Waiting for a DRP object to reach a condition ({@link DrpApi#waitFor}). */
public final class Waits {
    private Waits() {
    }

    /** By reading the object every {@code every} until {@code condition} holds or time is up. */
    public static <T extends DrpObject> T polling(DrpApi api, T object, Predicate<? super T> condition,
                                                  Duration timeout, Duration every) {
        check(object, condition, timeout);
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) object.getClass();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T now = api.find(type, object.key()).orElseThrow(() -> gone(object));
            if (condition.test(now)) {
                return now;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw timedOut(object, timeout);
            }
            try {
                Thread.sleep(Math.max(1, Math.min(left, every.toNanos()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PluginException(DrpError.builder(408, "WaitTimeout").model(object.prefix())
                        .key(object.key()).message("interrupted while waiting").build(), e);
            }
        }
    }

    static <T extends DrpObject> void check(T object, Predicate<? super T> condition, Duration timeout) {
        Objects.requireNonNull(object, "object == null");
        Objects.requireNonNull(condition, "condition == null");
        Objects.requireNonNull(timeout, "timeout == null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout is negative: " + timeout);
        }
        if (object.key().isEmpty()) {
            throw new IllegalArgumentException("cannot wait for " + object.prefix() + " with an empty " + object.keyMember());
        }
    }

    static PluginException timedOut(DrpObject object, Duration timeout) {
        return new PluginException(DrpError.builder(408, "WaitTimeout").model(object.prefix()).key(object.key())
                .message("condition not met within " + timeout.toMillis() + " ms").build());
    }

    static PluginException gone(DrpObject object) {
        return new PluginException(DrpError.builder(404, "WaitTimeout").model(object.prefix()).key(object.key())
                .message("Not Found: the object does not exist (or was deleted) while waiting").build());
    }

    static Optional<JsonNode> nonNull(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? Optional.empty() : Optional.of(n);
    }
}
