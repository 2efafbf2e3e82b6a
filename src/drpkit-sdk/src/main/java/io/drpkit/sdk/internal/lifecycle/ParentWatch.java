package io.drpkit.sdk.internal.lifecycle;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stop sequence when the launching process goes away (Part A.12): Java has no
 * parent-death signal, so the parent pid is checked periodically; a change (re-parenting) or a
 * dead parent triggers {@code onParentDeath} once. Thread-safe.
 */
public final class ParentWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParentWatch.class);
    private final ScheduledExecutorService timer;

    private ParentWatch(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts watching; does nothing useful if the process was started by init (pid 1). */
    public static ParentWatch start(Duration period, Runnable onParentDeath) {
        long original = parentPid().orElse(1L);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drpkit-parent-watch");
            t.setDaemon(true);
            return t;
        });
        ParentWatch watch = new ParentWatch(timer);
        if (original <= 1) {
            LOG.debug("No parent to watch (parent pid {})", original);
            return watch;
        }
        AtomicBoolean fired = new AtomicBoolean();
        timer.scheduleWithFixedDelay(() -> {
            Optional<Long> now = parentPid();
            boolean gone = now.isEmpty() || now.get() != original
                    || ProcessHandle.of(original).map(p -> !p.isAlive()).orElse(true);
            if (gone && fired.compareAndSet(false, true)) {
                LOG.warn("The launching process {} went away; stopping", original);
                onParentDeath.run();
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    private static Optional<Long> parentPid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
