package io.drpkit.sdk.internal.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered shutdown of {@code listen} (Part A.5), run exactly once whoever asks first:
 * {@code /stop}, SIGTERM, or the parent going away. Steps run in order on a thread of their own;
 * a failing step is logged and the next one still runs. Thread-safe.
 */
public final class StopSequence {
    private static final Logger LOG = LoggerFactory.getLogger(StopSequence.class);

    private final List<Step> steps;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    private StopSequence(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the sequence (once) without waiting for it. */
    public void trigger(String reason) {
        if (started.compareAndSet(false, true)) {
            Thread t = new Thread(() -> run(reason), "drpkit-stop");
            t.setDaemon(false);
            t.start();
        }
    }

    /** Starts the sequence if needed and waits at most {@code timeout} for it to finish. */
    public boolean triggerAndAwait(String reason, Duration timeout) {
        trigger(reason);
        try {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Blocks until the sequence has run. */
    public void await() throws InterruptedException {
        done.await();
    }

    public boolean isStarted() {
        return started.get();
    }

    private void run(String reason) {
        LOG.info("STOPPING ({})", reason);
        try {
            for (Step step : steps) {
                long t0 = System.nanoTime();
                try {
                    step.action().run();
                } catch (RuntimeException e) {
                    LOG.error("Stop step '{}' failed: {}", step.name(), e.toString(), e);
                }
                LOG.trace("Stop step '{}' took {} ms", step.name(), (System.nanoTime() - t0) / 1_000_000);
            }
        } finally {
            done.countDown();
        }
    }

    private record Step(String name, Runnable action) {
    }

    /** Builds a {@link StopSequence}. Not thread-safe. */
    public static final class Builder {
        private final List<Step> steps = new ArrayList<>();

        public Builder step(String name, Runnable action) {
            steps.add(new Step(Objects.requireNonNull(name, "name == null"),
                    Objects.requireNonNull(action, "action == null")));
            return this;
        }

        public StopSequence build() {
            return new StopSequence(steps);
        }
    }
}
