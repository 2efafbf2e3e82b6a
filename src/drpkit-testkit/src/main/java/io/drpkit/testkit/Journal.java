package io.drpkit.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * An append-only record of things that happened, which tests can wait on. Waiting is on a
 * condition signalled by every append, never a sleep loop. Thread-safe.
 */
final class Journal<T> {
    private final String what;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final List<T> entries = new ArrayList<>();
    private long clears; // lets a waiter notice that clear() restarted the record

    Journal(String what) {
        this.what = what;
    }

    void add(T entry) {
        Objects.requireNonNull(entry, "entry == null");
        lock.lock();
        try {
            entries.add(entry);
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    List<T> snapshot() {
        lock.lock();
        try {
            return List.copyOf(entries);
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        lock.lock();
        try {
            entries.clear();
            clears++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first entry (oldest first) matching {@code match}, waiting up to {@code timeout} for
     * one to arrive.
     *
     * @throws AssertionError if none arrived in time; the message lists what did arrive
     */
    T await(Predicate<? super T> match, Duration timeout) {
        return awaitCount(match, 1, timeout).get(0);
    }

    /**
     * Waits until at least {@code count} entries match.
     *
     * @return the first {@code count} matching entries
     * @throws AssertionError if fewer arrived in time
     */
    List<T> awaitCount(Predicate<? super T> match, int count, Duration timeout) {
        Objects.requireNonNull(match, "match == null");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            List<T> found = new ArrayList<>();
            int checked = 0;
            long seenClears = clears;
            while (true) {
                if (seenClears != clears) {
                    seenClears = clears;
                    checked = 0;
                    found.clear();
                }
                for (; checked < entries.size() && found.size() < count; checked++) {
                    if (match.test(entries.get(checked))) {
                        found.add(entries.get(checked));
                    }
                }
                if (found.size() == count) {
                    return List.copyOf(found);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    String wanted = count == 1 ? "no matching " + what
                            : "expected " + count + " matching " + what + ", found " + found.size();
                    throw new AssertionError(wanted + " within " + timeout + "; got "
                            + entries.size() + ": " + summary(entries));
                }
                appended.await(left, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        } finally {
            lock.unlock();
        }
    }

    private static String summary(List<?> entries) {
        int from = Math.max(0, entries.size() - 10);
        StringBuilder s = new StringBuilder(from > 0 ? "[... " : "[");
        for (int i = from; i < entries.size(); i++) {
            s.append(i > from ? ", " : "").append(RecordedRequest.abbreviate(String.valueOf(entries.get(i))));
        }
        return s.append(']').toString();
    }
}
