package io.drpkit.sdk.internal.logging;

import io.drpkit.sdk.model.LogLine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ordered, bounded queue between logging threads and the one sender. {@code Seq} is assigned
 * under the same lock that appends, so queue order and {@code Seq} order are the same and
 * {@code Seq} is strictly increasing (spec Part A.6). A full queue (its line count, or the memory
 * its lines take, estimated by {@link #sizeOf}) drops the line and counts it; {@link #offer} never
 * waits for room. The lock is held only for a few field updates — never
 * during I/O — so a logging thread waits at most for another thread's append. Thread-safe.
 */
final class LineQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final ArrayDeque<LogLine> lines = new ArrayDeque<>();
    private final int capacity;
    private final long maxBytes;
    private long bytes;
    private boolean lastDropForBytes;
    private long lastSeq;
    private long handledSeq;
    private long lastReportSeq;
    private long dropped;
    private int peak;
    private boolean closed;

    LineQueue(int capacity, long maxBytes) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
    }

    /**
     * What {@code line} takes in memory, roughly: two bytes a character of its strings (an upper
     * bound: Latin-1 strings take one) and 160 bytes for the objects around them.
     */
    static long sizeOf(LogLine line) {
        long chars = (long) line.message().length() + line.file().length() + line.service().length()
                + line.principal().length() + line.level().length();
        return 160 + 2 * chars + 64L * line.data().size();
    }

    /** Appends {@code draft} with the next {@code Seq}; returns that Seq, or 0 if dropped. */
    long offer(LogLine draft) {
        return offer(draft, false);
    }

    /**
     * As {@link #offer(LogLine)}; a {@code report} is a line the sender adds about its own state,
     * which {@link #awaitHandled} also waits for, so a flush right after the host came back
     * includes the line saying what it missed.
     */
    long offer(LogLine draft, boolean report) {
        lock.lock();
        try {
            long size = sizeOf(draft);
            boolean fullByCount = lines.size() >= capacity;
            boolean fullByBytes = !lines.isEmpty() && bytes + size > maxBytes;
            if (closed || fullByCount || fullByBytes) {
                dropped++;
                lastDropForBytes = !closed && !fullByCount;
                return 0;
            }
            long seq = ++lastSeq;
            if (report) {
                lastReportSeq = seq;
            }
            lines.addLast(withSeq(draft, seq));
            bytes += size;
            peak = Math.max(peak, lines.size());
            notEmpty.signal();
            return seq;
        } finally {
            lock.unlock();
        }
    }

    /** The next line, waiting for one; null once closed and empty. */
    LogLine take() throws InterruptedException {
        lock.lock();
        try {
            while (lines.isEmpty() && !closed) {
                notEmpty.await();
            }
            LogLine line = lines.pollFirst();
            if (line != null) {
                bytes -= sizeOf(line);
            }
            return line;
        } finally {
            lock.unlock();
        }
    }

    /** Records that every line up to {@code seq} was sent or written locally. */
    void handled(long seq) {
        lock.lock();
        try {
            handledSeq = Math.max(handledSeq, seq);
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every line queued before this call, and the latest report line, are handled;
     * false on timeout.
     */
    boolean awaitHandled(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            long target = lastSeq;
            while (handledSeq < Math.max(target, lastReportSeq)) {
                if (left <= 0) {
                    return false;
                }
                left = progress.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new lines (they count as dropped) and wakes the sender; returns what was queued. */
    List<LogLine> close() {
        lock.lock();
        try {
            closed = true;
            List<LogLine> rest = new ArrayList<>(lines);
            lines.clear();
            bytes = 0;
            notEmpty.signalAll();
            progress.signalAll();
            return rest;
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the latest dropped line was dropped for the memory budget rather than the line count. */
    boolean lastDropForBytes() {
        lock.lock();
        try {
            return lastDropForBytes;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return lines.size();
        } finally {
            lock.unlock();
        }
    }

    int peak() {
        lock.lock();
        try {
            return peak;
        } finally {
            lock.unlock();
        }
    }

    static LogLine withSeq(LogLine l, long seq) {
        return new LogLine(l.group(), seq, l.time(), l.service(), l.principal(), l.level(), l.file(), l.line(),
                l.message(), l.data(), l.ignorePublish());
    }
}
