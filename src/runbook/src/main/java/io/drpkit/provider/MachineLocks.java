package io.drpkit.provider;

import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per machine, so runbook actions on the same machine run one after the other while
 * different machines run at once. A lock exists only while some thread holds or waits for it,
 * so the map does not grow with every machine ever seen; the user count changes only inside
 * {@link ConcurrentHashMap#compute}, which is atomic per key. Thread-safe.
 */
final class MachineLocks {
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

    /**
     * Runs {@code body} holding the lock of {@code machine}, waiting for it as long as it takes
     * (a runbook on the same machine may run for minutes).
     *
     * @throws InterruptedException if interrupted while waiting; {@code body} did not run
     */
    <T> T call(String machine, Callable<T> body) throws Exception {
        Entry entry = locks.compute(machine, (k, e) -> {
            Entry held = e == null ? new Entry() : e;
            held.users++;
            return held;
        });
        try {
            entry.lock.lockInterruptibly();
            try {
                return body.call();
            } finally {
                entry.lock.unlock();
            }
        } finally {
            locks.computeIfPresent(machine, (k, e) -> --e.users == 0 ? null : e);
        }
    }

    /** How many machines have a lock right now (held or awaited). */
    int size() {
        return locks.size();
    }
}
