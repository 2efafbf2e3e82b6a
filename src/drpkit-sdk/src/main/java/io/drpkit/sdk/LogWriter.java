package io.drpkit.sdk;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * An {@link OutputStream} that turns bytes into log lines (the Go SDK's {@code LogWriter} idea):
 * point a child process's output at it ({@code process.getInputStream().transferTo(writer)}) and
 * each line, decoded as UTF-8 without its {@code \n} (and a {@code \r} before it), goes to the
 * sink: a {@link JobLogger}, an SLF4J {@link Logger}, or any consumer. A line longer than
 * {@value #MAX_LINE} bytes is passed on in pieces of that size. {@link #flush()} passes nothing on
 * (lines stay whole); {@link #close()} passes on the last, unterminated line. Thread-safe:
 * writes from several threads never interleave within a line.
 *
 * <pre>{@code
 * try (LogWriter out = request.jobLogger().writer("[ipmitool] ")) {
 *     process.getInputStream().transferTo(out);
 * }
 * }</pre>
 *
 * @since 0.2
 */
public final class LogWriter extends OutputStream {
    /** Bytes after which a line without a newline is passed on anyway. */
    public static final int MAX_LINE = 16 * 1024;

    private final Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(); // guarded by this
    private boolean closed;                                                  // guarded by this

    private LogWriter(Consumer<String> sink) {
        this.sink = sink;
    }

    /** Lines to {@code sink}, on the writing thread. */
    public static LogWriter to(Consumer<String> sink) {
        return new LogWriter(Objects.requireNonNull(sink, "sink == null"));
    }

    /** Lines to {@code logger} at INFO, each as {@code prefix + line}. */
    public static LogWriter to(Logger logger, String prefix) {
        Objects.requireNonNull(logger, "logger == null");
        Objects.requireNonNull(prefix, "prefix == null");
        return new LogWriter(l -> logger.info("{}{}", prefix, l));
    }

    @Override
    public synchronized void write(int b) {
        if (closed) {
            return;
        }
        if (b == '\n') {
            emit();
            return;
        }
        line.write(b);
        if (line.size() >= MAX_LINE) {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** Passes on the last line if it has no newline yet; later writes are ignored. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            if (line.size() > 0) {
                emit();
            }
            closed = true;
        }
    }

    private void emit() {
        byte[] bytes = line.toByteArray();
        line.reset();
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\r') {
            n--;
        }
        sink.accept(new String(bytes, 0, n, StandardCharsets.UTF_8));
    }
}
