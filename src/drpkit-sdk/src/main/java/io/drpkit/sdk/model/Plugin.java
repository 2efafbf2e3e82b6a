package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DRP's {@code models.Plugin} (spec §5.8): a configured instance of a provider.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
@JsonPropertyOrder({"Validated", "Available", "Errors", "ReadOnly", "Meta", "Endpoint", "Bundle",
        "Partial", "Name", "Description", "Documentation", "Params", "Provider", "PluginErrors"})
public record Plugin(
        @JsonProperty("Validated") boolean validated,
        @JsonProperty("Available") boolean available,
        @JsonProperty("Errors") List<String> errors,
        @JsonProperty("ReadOnly") boolean readOnly,
        @JsonProperty("Meta") Map<String, String> meta,
        @JsonProperty("Endpoint") String endpoint,
        @JsonProperty("Bundle") String bundle,
        @JsonProperty("Partial") boolean partial,
        @JsonProperty("Name") String name,
        @JsonProperty("Description") String description,
        @JsonProperty("Documentation") String documentation,
        @JsonProperty("Params") Map<String, JsonNode> params,
        @JsonProperty("Provider") String provider,
        @JsonProperty("PluginErrors") List<String> pluginErrors) {

    @JsonCreator
    public Plugin {
        errors = errors == null ? List.of() : List.copyOf(errors);
        meta = meta == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        endpoint = endpoint == null ? "" : endpoint;
        bundle = bundle == null ? "" : bundle;
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        documentation = documentation == null ? "" : documentation;
        params = Models.copyTrees(params);
        provider = provider == null ? "" : provider;
        pluginErrors = pluginErrors == null ? List.of() : List.copyOf(pluginErrors);
    }

    /** A filled instance of {@code provider} named {@code name} with the given params. */
    public static Plugin of(String name, String provider, Map<String, JsonNode> params) {
        return new Plugin(false, false, null, false, null, null, null, false, name, null, null,
                params, provider, null);
    }
}
