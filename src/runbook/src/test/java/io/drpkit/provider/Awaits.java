package io.drpkit.provider;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting on a condition that spans more than one record (no single journal to wait on), by
 * polling it until a deadline. The deadline is generous on purpose: the build machine is loaded,
 * and a condition that holds returns at once.
 */
final class Awaits {
    private static final long POLL_MS = 20;

    private Awaits() {
    }

    /**
     * Returns as soon as {@code condition} holds.
     *
     * @param state what was seen, for the failure message
     * @throws AssertionError naming {@code what} and the last state if it does not hold in time
     */
    static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + what + "; last seen: " + state.get());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}
