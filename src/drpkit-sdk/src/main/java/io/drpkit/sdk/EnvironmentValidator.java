package io.drpkit.sdk;

import io.drpkit.sdk.model.PluginProvider;

/**
 * Checks the environment during {@code define} (spec §1.1), e.g. a licence, and returns the
 * definition DRP should see (usually {@code context.definition()}, possibly changed). Not
 * called when {@code RS_TOKEN} is {@code catalog}. Throw {@link PluginException} to fail
 * {@code define} (exit 1, the message on stderr). Called once, on the main thread.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EnvironmentValidator {
    PluginProvider validate(ValidationContext context) throws Exception;
}
