package io.drpkit.sdk.resource;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per target key, created on first use and dropped when no thread holds or waits for
 * it, so the map does not grow with every machine ever seen. The user count is only changed
 * inside {@link ConcurrentHashMap#compute}, which is atomic per key.
 */
final class TargetLocks {
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

    /**
     * Runs {@code body} holding the lock of {@code key}.
     *
     * @throws IllegalStateException if this thread already holds it: an operation called from
     *     inside a callback of another operation on the same target would otherwise interleave
     * @throws InterruptedException if interrupted while waiting
     */
    <R> R call(String key, String operation, Supplier<R> body) throws InterruptedException {
        Entry entry = locks.compute(key, (k, e) -> {
            Entry held = e == null ? new Entry() : e;
            held.users++;
            return held;
        });
        try {
            if (entry.lock.isHeldByCurrentThread()) {
                throw new IllegalStateException(operation + " on target \"" + key
                        + "\" was called from inside another operation on the same target");
            }
            entry.lock.lockInterruptibly();
            try {
                return body.get();
            } finally {
                entry.lock.unlock();
            }
        } finally {
            locks.computeIfPresent(key, (k, e) -> --e.users == 0 ? null : e);
        }
    }

    /** How many targets have a lock right now (held or awaited). */
    int size() {
        return locks.size();
    }
}
