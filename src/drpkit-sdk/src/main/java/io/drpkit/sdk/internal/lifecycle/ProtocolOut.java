package io.drpkit.sdk.internal.lifecycle;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The provider's stdout, which belongs to the protocol: the {@code define} JSON, the
 * {@code READY!} line, and what a person explicitly asked for ({@code version}, {@code --help}).
 * This is the only class that may touch {@code System.out}; a test greps for others.
 * Every write is flushed at once. Thread-safe.
 */
public final class ProtocolOut {
    private final PrintStream out;

    public ProtocolOut(OutputStream out) {
        this.out = new PrintStream(Objects.requireNonNull(out, "out == null"), false, StandardCharsets.UTF_8);
    }

    /** The system property naming the descriptor that carries the protocol (set by the launcher). */
    public static final String FD_PROPERTY = "drpkit.protocol.fd";

    /**
     * Takes the process's stdout for the protocol: returns it as a {@code ProtocolOut} and points
     * {@code System.out} at stderr, so nothing else in the process (a library's status messages,
     * logback's configuration warnings, a stray print in provider code) can write to the channel
     * DRP parses. For the entry point only; call it once, before anything else runs.
     *
     * <p>The launcher ({@code scripts/stub.sh}) starts the JVM with stderr as its stdout, so the
     * JVM's and agents' own messages ({@code -verbose:gc}, jdwp) cannot reach DRP either, and
     * names the protocol's descriptor in {@value #FD_PROPERTY}; that descriptor is then the
     * protocol's stdout. Without the property (a plain {@code java -jar}) it is the process's stdout.
     */
    public static ProtocolOut takeOverSystemOut() {
        ProtocolOut out = new ProtocolOut(protocolStream(System.getProperty(FD_PROPERTY)));
        System.setOut(System.err);
        return out;
    }

    private static OutputStream protocolStream(String fd) {
        if (!descriptorNumber(fd)) {
            return System.out;
        }
        // reopened in append mode: a file as stdout is neither truncated nor overwritten
        for (String path : new String[] {"/dev/fd/" + fd, "/proc/self/fd/" + fd}) {
            try {
                return new FileOutputStream(path, true);
            } catch (FileNotFoundException | SecurityException e) {
                // try the next name for the descriptor
            }
        }
        System.err.println("drpkit: cannot open the protocol descriptor " + fd + " (" + FD_PROPERTY
                + "); using stdout");
        return System.out;
    }

    /** {@code [0-9]{1,4}}, without a regex: {@code define} would load java.util.regex for it alone. */
    static boolean descriptorNumber(String fd) {
        if (fd == null || fd.isEmpty() || fd.length() > 4) {
            return false;
        }
        for (int i = 0; i < fd.length(); i++) {
            if (fd.charAt(i) < '0' || fd.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Writes {@code READY!\n} and flushes: only after the server accepts connections. */
    public synchronized void ready() {
        out.print("READY!\n");
        out.flush();
    }

    /** Writes {@code bytes} as given and flushes (a definition rendered at build time). */
    public synchronized void write(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        out.flush();
    }

    /** Writes {@code text} as given and flushes. */
    public synchronized void print(String text) {
        out.print(text);
        out.flush();
    }

    /** A writer for picocli's help and version text; flushes on every println. */
    public PrintWriter writer() {
        return new PrintWriter(out, true, StandardCharsets.UTF_8);
    }
}
