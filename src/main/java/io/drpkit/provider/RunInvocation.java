package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.ProviderEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one runbook run is for: the machine (its UUID and object), the params given with it,
 * where other params are looked up, the DRP session and the provider's environment, and
 * whether its output also goes to a job's log. Made from an action, or from the object of a
 * {@code machines.delete} event (the machine is gone from DRP, so its params are looked up in
 * its object, then its profiles, then {@code global}, and there is no job). Immutable.
 */
record RunInvocation(String machine, JsonNode model, Map<String, JsonNode> params,
                     Function<String, Optional<JsonNode>> lookup, DrpApi api, ProviderEnvironment environment,
                     boolean jobLog) {
    RunInvocation {
        Objects.requireNonNull(machine, "machine == null");
        Objects.requireNonNull(model, "model == null");
        params = Map.copyOf(params);
        Objects.requireNonNull(lookup, "lookup == null");
        Objects.requireNonNull(api, "api == null");
        Objects.requireNonNull(environment, "environment == null");
    }

    /** An action on a live machine: params aggregated by DRP (machine, profiles, global). */
    static RunInvocation of(ActionRequest request, String machine) {
        DrpApi api = request.api();
        return new RunInvocation(machine, request.model(), request.params().asMap(),
                name -> api.param("machines", machine, name, true), api, request.config().environment(), true);
    }

    /**
     * A machine known only from its last object ({@code deleted}): params in the object, then in
     * each of its {@code Profiles} in order, then in {@code global}; a profile that is gone is
     * skipped. {@code params} are what the run gets besides (e.g. the plugin's configuration).
     */
    static RunInvocation ofDeleted(String machine, JsonNode deleted, Map<String, JsonNode> params, DrpApi api,
                                   ProviderEnvironment environment) {
        List<String> profiles = new java.util.ArrayList<>();
        deleted.path("Profiles").forEach(p -> {
            if (p.isTextual()) {
                profiles.add(p.textValue());
            }
        });
        profiles.add("global");
        Function<String, Optional<JsonNode>> lookup = name -> {
            for (String profile : profiles) {
                Optional<JsonNode> v;
                try {
                    v = api.param("profiles", profile, name, false);
                } catch (io.drpkit.sdk.PluginException e) {
                    if (e.error().code() == 404) {
                        continue;
                    }
                    throw e;
                }
                if (v.isPresent() && !v.get().isNull()) {
                    return v;
                }
            }
            return Optional.empty();
        };
        return new RunInvocation(machine, deleted, new LinkedHashMap<>(params), lookup, api, environment, false);
    }
}
