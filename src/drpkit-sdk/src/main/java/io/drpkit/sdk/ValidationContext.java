package io.drpkit.sdk;

import io.drpkit.sdk.model.PluginProvider;
import java.util.Objects;

/**
 * What an {@link EnvironmentValidator} gets during {@code define}. Immutable and thread-safe.
 *
 * @param definition  the static definition
 * @param environment the {@code RS_*} environment the host set
 * @param api         a DRP REST session built from that environment
 * @since 0.1
 */
public record ValidationContext(PluginProvider definition, ProviderEnvironment environment,
                                DrpApi api) {
    public ValidationContext {
        Objects.requireNonNull(definition, "definition == null");
        Objects.requireNonNull(environment, "environment == null");
        Objects.requireNonNull(api, "api == null");
    }
}
