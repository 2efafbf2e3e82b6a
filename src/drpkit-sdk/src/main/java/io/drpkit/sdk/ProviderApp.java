package io.drpkit.sdk;

import io.drpkit.sdk.internal.cli.Cli;
import io.drpkit.sdk.internal.cli.CliContext;
import io.drpkit.sdk.internal.cli.RenderedDefine;
import io.drpkit.sdk.internal.lifecycle.ExitMarker;
import io.drpkit.sdk.internal.lifecycle.ProtocolOut;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs a provider as dr-provision expects: {@code define}, {@code unpack <dir>},
 * {@code listen <to-plugin.sock> <from-plugin.sock>}, {@code version}, {@code autocomplete <file>}.
 * The provider's {@code main} is one line:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     System.exit(ProviderApp.run(new MyProvider(), args));
 * }
 * }</pre>
 *
 * <p>{@code drpkit:executable} renders {@code define} when it builds the provider; exactly the
 * command line {@code define} is then answered with those bytes before the provider is asked for
 * its definition (see the README, "Performance"). A provider whose definition depends on its
 * runtime environment opts out of that in the build ({@code renderDefine}). With
 * {@link #run(Supplier, String...)} the provider is not even constructed for it:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     System.exit(ProviderApp.run(MyProvider::new, args));
 * }
 * }</pre>
 *
 * <p>Stdout carries only the protocol ({@code define} JSON, {@code READY!}) and what a person
 * asked for ({@code version}, {@code --help}); errors go to stderr as {@code Error: <message>}.
 * {@code run} points Java's standard output stream at stderr for the rest of the process, so no library or
 * stray print can corrupt the protocol.
 * Stateless; {@code run} may be called from any thread, once per process in practice.
 *
 * @since 0.1
 */
public final class ProviderApp {
    private ProviderApp() {
    }

    /**
     * Runs one command and returns the process exit code: 0 on success, 1 on any error
     * (including an invalid definition or bad usage). Never calls {@code System.exit}.
     */
    public static int run(Provider provider, String... args) {
        Objects.requireNonNull(provider, "provider == null");
        return run(new Given(provider), args);
    }

    /**
     * As {@link #run(Provider, String...)}, but asks {@code provider} for the provider only when the
     * command needs one: a {@code define} answered from the build's rendering constructs nothing.
     * {@code provider} is called at most once, on the calling thread; what it throws propagates.
     *
     * @since 0.1
     */
    public static int run(Supplier<? extends Provider> provider, String... args) {
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(args, "args == null");
        // from here on Java's standard output stream is stderr: only the protocol writes to the real stdout
        ProtocolOut out = ProtocolOut.takeOverSystemOut();
        if (RenderedDefine.answer(args, RenderedDefine.liveRequested(), out)) {
            return ExitMarker.record(0);
        }
        Provider p = Objects.requireNonNull(provider.get(), "the provider supplier returned null");
        return ExitMarker.record(run(p, args, System.getenv(), Path.of("").toAbsolutePath(), out,
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    static int run(Provider provider, String[] args, Map<String, String> env, Path cwd, ProtocolOut out,
                   PrintWriter err) {
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(args, "args == null");
        ProviderDefinition definition;
        try {
            definition = provider.definition();
            Objects.requireNonNull(definition, "provider.definition() returned null");
        } catch (RuntimeException e) {
            err.println("Error: " + e.getMessage());
            err.flush();
            return 1;
        }
        CliContext ctx = new CliContext(provider, definition, out, err, ProviderEnvironment.from(env, cwd),
                e -> io.drpkit.sdk.internal.runtime.Sessions.connect(e),
                (c, serve, dial, debug) -> io.drpkit.sdk.internal.runtime.Listen.run(c, serve, dial, debug));
        return Cli.execute(ctx, args);
    }

    /** An already constructed provider, as a supplier (a class, not a lambda: see RunbookMain). */
    private static final class Given implements Supplier<Provider> {
        private final Provider provider;

        Given(Provider provider) {
            this.provider = provider;
        }

        @Override
        public Provider get() {
            return provider;
        }
    }
}
