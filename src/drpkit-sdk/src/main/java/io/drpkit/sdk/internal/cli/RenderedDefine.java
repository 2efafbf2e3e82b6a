package io.drpkit.sdk.internal.cli;

import io.drpkit.sdk.internal.lifecycle.ProtocolOut;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code define} answered from the build: {@code drpkit:executable} runs the provider's own
 * {@code define} when it packages the provider and stores the exact bytes it printed as
 * {@value #RESOURCE} in the jar. Exactly the command line dr-provision runs, {@code define}, is
 * then answered by copying them to the protocol output, before the provider is asked for its
 * definition: no definition, content pack, params, handlers or JSON generator are made, which
 * were most of a {@code define}'s time. The resource cannot be stale, since the goal renders it
 * again on every package; {@code -D}{@value #LIVE_PROPERTY}{@code =true} renders live anyway
 * (that is also how the build renders it). Anything else, or no resource, returns false and the
 * caller runs the command as before.
 *
 * <p>Kept to a handful of JDK classes on purpose (no lambdas, no string concatenation, no
 * Jackson): this is all a rendered {@code define} loads after the provider's main class. Stateless.
 */
public final class RenderedDefine {
    /** Where the build stores the rendered definition, in the provider's jar. */
    public static final String RESOURCE = "META-INF/drpkit/define.json";
    /** The system property that makes {@code define} render live, ignoring {@value #RESOURCE}. */
    public static final String LIVE_PROPERTY = "drpkit.define.live";
    /**
     * Set by the build on the {@code define} it runs to render {@value #RESOURCE}: a provider
     * whose definition cannot be rendered ahead (an environment validator) then fails saying so.
     */
    public static final String BUILD_PROPERTY = "drpkit.define.build";

    private RenderedDefine() {
    }

    /**
     * Writes the rendered definition found through {@code loader} to {@code out} and returns
     * true, when {@code args} is exactly {@code define}, {@code live} is false and the resource
     * exists; otherwise writes nothing and returns false.
     *
     * @throws IOException when the resource exists but cannot be read or written
     */
    public static boolean answer(String[] args, boolean live, ClassLoader loader, ProtocolOut out)
            throws IOException {
        if (live || args.length != 1 || !"define".equals(args[0]) || loader == null) {
            return false;
        }
        byte[] definition;
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return false;
            }
            definition = in.readAllBytes();
        }
        out.write(definition);
        return true;
    }

    /** Whether {@value #LIVE_PROPERTY} asks for a live rendering. */
    public static boolean liveRequested() {
        return "true".equalsIgnoreCase(System.getProperty(LIVE_PROPERTY));
    }
}
