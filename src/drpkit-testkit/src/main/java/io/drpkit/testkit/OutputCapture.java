package io.drpkit.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Drains one output stream of a child process on a daemon thread, so the child never blocks on a
 * full pipe. Keeps the last {@code capacity} bytes, hands each complete line to a sink, and notices
 * the first line equal to a marker ({@code READY!}), which is then left out of {@link #extra()}.
 * Waiting is on a condition, with a timeout. Thread-safe.
 */
final class OutputCapture {
    private static final int MAX_LINE = 64 * 1024;

    private final String name;
    private final int capacity;
    private final Consumer<String> lineSink;
    private final String marker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Tail all;
    private final Tail extra;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean markerSeen;
    private boolean ended;
    private final Thread thread;

    /**
     * @param marker the line to watch for, or null
     */
    OutputCapture(String name, InputStream in, int capacity, Consumer<String> lineSink, String marker) {
        this.name = name;
        this.capacity = capacity;
        this.lineSink = lineSink;
        this.marker = marker;
        this.all = new Tail(capacity);
        this.extra = new Tail(capacity);
        this.thread = new Thread(() -> drain(in), name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Outcome of {@link #awaitMarker}. */
    enum Wait { MARKER, ENDED, TIMED_OUT }

    /** Waits until the marker line has been read, the stream has ended, or {@code timeout}. */
    Wait awaitMarker(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!markerSeen && !ended) {
                if (left <= 0) {
                    return Wait.TIMED_OUT;
                }
                left = changed.awaitNanos(left);
            }
            return markerSeen ? Wait.MARKER : Wait.ENDED;
        } finally {
            lock.unlock();
        }
    }

    /** Waits (bounded) until the stream has ended, i.e. everything written has been read. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    /** Everything read (its last {@code capacity} bytes), as UTF-8. */
    String text() {
        lock.lock();
        try {
            return all.text();
        } finally {
            lock.unlock();
        }
    }

    /** Everything read except the first marker line (a line still being written included). */
    String extra() {
        lock.lock();
        try {
            String pending = line.toString(StandardCharsets.UTF_8);
            if (!markerSeen && marker != null && marker.startsWith(pending)) {
                pending = ""; // may yet become the marker
            }
            return extra.text() + pending;
        } finally {
            lock.unlock();
        }
    }

    private void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                accept(buf, n);
            }
        } catch (IOException e) {
            // the process went away; what was read is kept
        } finally {
            lock.lock();
            try {
                if (line.size() > 0) {
                    finishLine(false);
                }
                ended = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void accept(byte[] buf, int n) {
        lock.lock();
        try {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                all.write(b);
                line.write(b);
                if (b == '\n' || line.size() >= MAX_LINE) {
                    finishLine(b == '\n');
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held; the line buffer holds one line, with its newline if complete. */
    private void finishLine(boolean complete) {
        byte[] bytes = line.toByteArray();
        line.reset();
        String text = new String(bytes, 0, complete ? bytes.length - 1 : bytes.length,
                StandardCharsets.UTF_8);
        if (complete && !markerSeen && marker != null && text.equals(marker)) {
            markerSeen = true;
            changed.signalAll();
        } else {
            extra.write(bytes, 0, bytes.length);
        }
        if (lineSink != null) {
            try {
                lineSink.accept(text);
            } catch (RuntimeException e) {
                // a debugging sink must not stop the draining
            }
        }
    }

    @Override
    public String toString() {
        return name + " (last " + capacity + " bytes kept)";
    }

    /** The last {@code capacity} bytes written. Not thread-safe; guarded by the capture's lock. */
    private static final class Tail {
        private final byte[] ring;
        private long written;

        Tail(int capacity) {
            ring = new byte[capacity];
        }

        void write(byte b) {
            ring[(int) (written++ % ring.length)] = b;
        }

        void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        String text() {
            int size = (int) Math.min(written, ring.length);
            byte[] out = new byte[size];
            int start = (int) ((written - size) % ring.length);
            for (int i = 0; i < size; i++) {
                out[i] = ring[(start + i) % ring.length];
            }
            return new String(out, StandardCharsets.UTF_8);
        }
    }
}
