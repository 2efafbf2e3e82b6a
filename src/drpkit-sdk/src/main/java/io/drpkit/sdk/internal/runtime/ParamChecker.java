package io.drpkit.sdk.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.Params;
import java.util.Map;
import java.util.Optional;

/**
 * Checks params before any provider code runs and returns the effective params (defaults
 * applied). Throws {@link io.drpkit.sdk.PluginException} listing every problem.
 */
public interface ParamChecker {
    /** The params of a {@code /config} body ({@code Name} excluded), given the config in force. */
    Params checkConfig(Map<String, JsonNode> params, Optional<Config> previous);

    /** The params of one action call. */
    Params checkAction(ActionSpec spec, Map<String, JsonNode> params);

    /**
     * Starts any preparation the checks need (in the background), so the first check waits
     * less; called once the provider announced {@code READY!}. Without it the first check
     * prepares. Does nothing by default.
     */
    default void prepare() {
    }
}
