package io.drpkit.sdk.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.model.DrpError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The minimum check when a provider ships no param schemas: required params are present.
 * Thread-safe.
 */
public final class RequiredParamChecker implements ParamChecker {
    private final ProviderDefinition definition;

    public RequiredParamChecker(ProviderDefinition definition) {
        this.definition = definition;
    }

    @Override
    public Params checkConfig(Map<String, JsonNode> params, Optional<Config> previous) {
        require(definition.requiredParams(), params, 400, "plugin " + definition.name());
        return Params.of(params);
    }

    @Override
    public Params checkAction(ActionSpec spec, Map<String, JsonNode> params) {
        require(spec.requiredParams(), params, 422, "action " + spec.command());
        return Params.of(params);
    }

    private void require(List<String> required, Map<String, JsonNode> params, int code, String what) {
        List<String> missing = new ArrayList<>();
        for (String name : required) {
            JsonNode v = params.get(name);
            if (v == null || v.isNull()) {
                missing.add(name + ": required by " + what + " but not set");
            }
        }
        if (!missing.isEmpty()) {
            throw new PluginException(DrpError.builder(code, "ValidationError").model("plugin")
                    .key(definition.name()).messages(missing).build());
        }
    }
}
