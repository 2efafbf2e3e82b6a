package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.JobLogger;
import io.drpkit.sdk.ProviderEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What one runbook run is for: the machine (its UUID and object), the params given with it,
 * where other params are looked up (secure ones decoded), which params are secure (masked in
 * every line of the run's log), the DRP session and the provider's environment, and the job log
 * its output also goes to. Made from an action, or from the object of a {@code machines.delete}
 * event (the machine is gone from DRP, so its params are looked up in its object, then its
 * profiles, then {@code global}, and there is no job). Immutable.
 */
record RunInvocation(String machine, JsonNode model, Map<String, JsonNode> params,
                     Function<String, Optional<JsonNode>> lookup, Set<String> secure, DrpApi api,
                     ProviderEnvironment environment, JobLogger jobLogger) {
    RunInvocation {
        Objects.requireNonNull(machine, "machine == null");
        Objects.requireNonNull(model, "model == null");
        params = Map.copyOf(params);
        Objects.requireNonNull(lookup, "lookup == null");
        secure = Set.copyOf(secure);
        Objects.requireNonNull(jobLogger, "jobLogger == null");
        Objects.requireNonNull(api, "api == null");
        Objects.requireNonNull(environment, "environment == null");
    }

    /**
     * An action on a live machine: params aggregated by DRP (machine, profiles, global); secure
     * are {@code secure} and the action's own secure params.
     */
    static RunInvocation of(ActionRequest request, String machine, Set<String> secure) {
        DrpApi api = request.api();
        Set<String> all = new TreeSet<>(secure);
        all.addAll(request.params().secureNames());
        return new RunInvocation(machine, request.model(), request.params().asMap(),
                name -> all.contains(name) ? api.decodedParam("machines", machine, name, true)
                        : api.param("machines", machine, name, true),
                all, api, request.config().environment(), request.jobLogger());
    }

    /**
     * A machine known only from its last object ({@code deleted}): params in the object, then in
     * each of its {@code Profiles} in order, then in {@code global}; a profile that is gone is
     * skipped. {@code params} are what the run gets besides (e.g. the plugin's configuration).
     */
    static RunInvocation ofDeleted(String machine, JsonNode deleted, Map<String, JsonNode> params,
                                   Set<String> secure, DrpApi api, ProviderEnvironment environment) {
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
                    v = secure.contains(name) ? api.decodedParam("profiles", profile, name, false)
                            : api.param("profiles", profile, name, false);
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
        return new RunInvocation(machine, deleted, new LinkedHashMap<>(params), lookup, secure, api, environment,
                JobLogger.none());
    }
}
