package io.drpkit.sdk.internal.cli;

import io.drpkit.sdk.internal.lifecycle.ProtocolOut;
import java.io.FileInputStream;
import java.io.IOException;

/**
 * {@code define} answered from the build: {@code drpkit:executable} runs the provider's own
 * {@code define} when it packages the provider and writes the exact bytes it printed into the
 * executable, between the launcher stub and the jar; the stub names them in {@value #AT_PROPERTY}
 * ({@code <offset>,<length>} in the one class path entry, the executable) when it starts
 * {@code define}. Exactly that command line is then answered by copying them to the protocol
 * output before the provider is asked for its definition: no definition, content pack, params,
 * handlers or JSON generator are made, which were most of a {@code define}'s time, and a
 * {@code define} started from its archive never opens the jar (whose central directory, ~10,000
 * entries, was the largest cost left before {@code main}). The bytes cannot be stale: the goal
 * renders them again on every package, and the stub names them only for the main class it was
 * built with. {@code -D}{@value #LIVE_PROPERTY}{@code =true} renders live anyway (that is also how
 * the build renders them). Anything else returns false and the caller runs the command as before.
 *
 * <p>Not a class path resource: a jar on another provider's class path (a test's, a fat jar's)
 * would answer for that provider.
 *
 * <p>Kept to a handful of JDK classes on purpose (no lambdas, no string concatenation, no
 * Jackson): this is all a rendered {@code define} loads after the provider's main class. Stateless.
 */
public final class RenderedDefine {
    /** The system property that makes {@code define} render live, ignoring what the build rendered. */
    public static final String LIVE_PROPERTY = "drpkit.define.live";
    /**
     * Set by the build on the {@code define} it runs to render the definition: a provider whose
     * definition cannot be rendered ahead (an environment validator) then fails saying so.
     */
    public static final String BUILD_PROPERTY = "drpkit.define.build";

    /** Set by the launcher stub: where in the executable the rendered definition is. */
    public static final String AT_PROPERTY = "drpkit.define.at";

    private RenderedDefine() {
    }

    /**
     * Writes the definition the build rendered to {@code out} and returns true, when {@code args}
     * is exactly {@code define}, {@code live} is false and the launcher named the bytes
     * ({@value #AT_PROPERTY}); otherwise writes nothing and returns false.
     */
    public static boolean answer(String[] args, boolean live, ProtocolOut out) {
        if (live || args.length != 1 || !"define".equals(args[0])) {
            return false;
        }
        byte[] definition = inExecutable(System.getProperty(AT_PROPERTY), System.getProperty("java.class.path"));
        if (definition == null) {
            return false;
        }
        out.write(definition);
        return true;
    }

    /**
     * The {@code length} bytes at {@code offset} of {@code file}, from {@code at} =
     * {@code <offset>,<length>}; null when {@code at} is absent or malformed, or the bytes are not
     * there or do not end a JSON document and its newline (a file changed after it was built),
     * so the caller renders live.
     */
    static byte[] inExecutable(String at, String file) {
        int comma = at == null ? -1 : at.indexOf(',');
        if (comma <= 0 || file == null || file.isEmpty() || file.indexOf(java.io.File.pathSeparatorChar) >= 0) {
            return null;
        }
        long offset = number(at, 0, comma);
        long length = number(at, comma + 1, at.length());
        if (offset < 0 || length < 2 || length > Integer.MAX_VALUE - 16) {
            return null;
        }
        byte[] bytes = new byte[(int) length];
        try (FileInputStream in = new FileInputStream(file)) {
            if (in.skip(offset) != offset || in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                return null;
            }
        } catch (IOException e) {
            return null; // define then renders live
        }
        return bytes[bytes.length - 2] == '}' && bytes[bytes.length - 1] == '\n' ? bytes : null;
    }

    /** The decimal number in {@code s[from, to)}, or -1. */
    private static long number(String s, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Whether {@value #LIVE_PROPERTY} asks for a live rendering. */
    public static boolean liveRequested() {
        return "true".equalsIgnoreCase(System.getProperty(LIVE_PROPERTY));
    }
}
