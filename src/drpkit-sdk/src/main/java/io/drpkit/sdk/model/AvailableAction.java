package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * DRP's {@code models.AvailableAction} (spec §5.6): one action a provider offers.
 * An empty {@link #model()} means a system-level action. Immutable and thread-safe.
 *
 * @since 0.1
 */
@JsonPropertyOrder({"Provider", "Model", "Command", "RequiredParams", "OptionalParams"})
public record AvailableAction(
        @JsonProperty("Provider") String provider,
        @JsonProperty("Model") String model,
        @JsonProperty("Command") String command,
        @JsonProperty("RequiredParams") List<String> requiredParams,
        @JsonProperty("OptionalParams") List<String> optionalParams) {

    @JsonCreator
    public AvailableAction {
        provider = provider == null ? "" : provider;
        model = model == null ? "" : model;
        command = command == null ? "" : command;
        requiredParams = requiredParams == null ? List.of() : List.copyOf(requiredParams);
        optionalParams = optionalParams == null ? List.of() : List.copyOf(optionalParams);
    }
}
