package io.drpkit.sdk.internal.cli;

import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.internal.lifecycle.ProtocolOut;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every command needs: the provider (and its definition, built once), the protocol stdout,
 * stderr, the environment, and how to open a DRP session. Immutable.
 */
public record CliContext(Provider provider, ProviderDefinition definition, ProtocolOut out,
                         PrintWriter err, ProviderEnvironment environment,
                         Function<ProviderEnvironment, DrpApi> apiFactory,
                         ListenLauncher listenLauncher) {
    public CliContext {
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(definition, "definition == null");
        Objects.requireNonNull(out, "out == null");
        Objects.requireNonNull(err, "err == null");
        Objects.requireNonNull(environment, "environment == null");
        Objects.requireNonNull(apiFactory, "apiFactory == null");
        Objects.requireNonNull(listenLauncher, "listenLauncher == null");
    }

    /** Runs {@code listen}; kept behind an interface so {@code define} never loads the server classes. */
    @FunctionalInterface
    public interface ListenLauncher {
        int listen(CliContext context, java.nio.file.Path servePath, java.nio.file.Path dialPath, boolean debug)
                throws Exception;
    }
}
