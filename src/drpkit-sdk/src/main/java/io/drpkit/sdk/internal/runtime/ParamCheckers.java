package io.drpkit.sdk.internal.runtime;

import io.drpkit.sdk.ProviderDefinition;

/** Chooses the param checker for a definition. */
final class ParamCheckers {
    private ParamCheckers() {
    }

    static ParamChecker forDefinition(ProviderDefinition definition) {
        return new SchemaParamChecker(definition);
    }
}
