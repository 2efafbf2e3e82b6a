package io.drpkit.sdk.internal.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * parent-death signal, so the parent pid is checked periodically; a change (re-parenting, which
 * is what a parent's death does) triggers {@code onParentDeath} once. When the launcher stays
 * between the host and the JVM (while it trains a start-up archive) it names the host's pid in
 * {@value #PARENT_PROPERTY}: that process's death counts too. A check that cannot read the parent
 * pid (no descriptor left) is not a death: the next check tells. Thread-safe.
 */
public final class ParentWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParentWatch.class);
    /** The system property naming the launching process when it is not the JVM's parent. */
    public static final String PARENT_PROPERTY = "drpkit.parent.pid";

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
        long launcher = Long.getLong(PARENT_PROPERTY, 0L);
        AtomicBoolean fired = new AtomicBoolean();
        timer.scheduleWithFixedDelay(() -> {
            // unknown (e.g. no descriptor left to read /proc: issue 11 item 2) is not gone. A
            // parent pid that is still the original one means the parent lives: a dead parent's
            // children are re-parented at once.
            Optional<Long> now = parentPid();
            boolean gone = now.isPresent() && (now.get() != original
                    || launcher > 1 && ProcessHandle.of(launcher).map(p -> !p.isAlive()).orElse(true));
            if (gone && fired.compareAndSet(false, true)) {
                LOG.warn("The launching process {} went away; stopping", original);
                onParentDeath.run();
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** The parent pid, or empty when it cannot be told right now. */
    static Optional<Long> parentPid() {
        Path stat = Path.of("/proc/self/stat");
        if (Files.exists(stat)) {
            try {
                return parsePpid(Files.readString(stat));
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // EMFILE and the like: ask again next time
            }
        }
        // not Linux; ProcessHandle answers empty both for "no parent" and for "cannot tell"
        return ProcessHandle.current().parent().map(ProcessHandle::pid);
    }

    /** {@code pid (comm) state ppid ...}; the command name may hold spaces and parentheses. */
    static Optional<Long> parsePpid(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        try {
            return fields.length > 1 ? Optional.of(Long.parseLong(fields[1])) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
