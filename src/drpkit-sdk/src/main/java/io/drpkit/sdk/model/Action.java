package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DRP's {@code models.Action} (spec §5.7): the body of {@code POST /api-plugin/v4/action}.
 * Immutable; JSON trees are copied in and out. Thread-safe.
 *
 * @param model      the target object (a Machine, a Plugin, ...) or JSON null for system actions
 * @param plugin     the plugin instance name
 * @param command    the action name
 * @param commandSet opaque, usually empty
 * @param params     params resolved by the host, in arrival order
 * @since 0.1
 */
@JsonPropertyOrder({"Model", "Plugin", "Command", "CommandSet", "Params"})
public record Action(
        @JsonProperty("Model") JsonNode model,
        @JsonProperty("Plugin") String plugin,
        @JsonProperty("Command") String command,
        @JsonProperty("CommandSet") String commandSet,
        @JsonProperty("Params") Map<String, JsonNode> params) {

    @JsonCreator
    public Action {
        model = model == null ? NullNode.getInstance() : model.deepCopy();
        plugin = plugin == null ? "" : plugin;
        command = command == null ? "" : command;
        commandSet = commandSet == null ? "" : commandSet;
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        if (params != null) {
            params.forEach((k, v) -> copy.put(k, v == null ? NullNode.getInstance() : v.deepCopy()));
        }
        params = Collections.unmodifiableMap(copy);
    }

    @Override
    public JsonNode model() {
        return model.deepCopy();
    }
}
