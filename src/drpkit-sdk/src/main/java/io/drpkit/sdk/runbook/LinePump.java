package io.drpkit.sdk.runbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains one stream of a step's process on its own thread, splitting it into lines for a sink.
 * Each stream needs its own drainer: a script that fills the stderr pipe while we block reading
 * stdout would otherwise stall forever. Lines longer than {@link #MAX_LINE} bytes are cut into
 * pieces, so a script writing without newlines cannot grow memory without bound.
 */
final class LinePump implements Runnable {
    static final int MAX_LINE = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(LinePump.class);

    private final InputStream in;
    private final Consumer<String> sink;
    private final String what;
    private volatile boolean detached;

    LinePump(InputStream in, Consumer<String> sink, String what) {
        this.in = in;
        this.sink = sink;
        this.what = what;
    }

    /** Stops delivering lines (the step has been reported finished); the stream is still drained. */
    void detach() {
        detached = true;
    }

    @Override
    public void run() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        emit(line);
                    } else {
                        line.write(b);
                        if (line.size() >= MAX_LINE) {
                            emit(line);
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: stream closed: {}", what, e.toString());
        }
        if (line.size() > 0) {
            emit(line);
        }
    }

    private void emit(ByteArrayOutputStream line) {
        String s = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (s.endsWith("\r")) {
            s = s.substring(0, s.length() - 1);
        }
        if (detached) {
            return;
        }
        try {
            sink.accept(s);
        } catch (RuntimeException e) {
            LOG.warn("{}: line listener failed", what, e);
        }
    }
}
