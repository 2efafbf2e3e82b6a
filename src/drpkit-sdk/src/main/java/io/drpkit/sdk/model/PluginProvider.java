package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * DRP's {@code models.PluginProvider} (spec §5.5): what {@code define} prints. Lists and maps
 * keep their insertion order and are never null. Immutable and thread-safe.
 *
 * @since 0.1
 */
@JsonPropertyOrder({"Meta", "Name", "Version", "PluginVersion", "AutoStart", "HasPublish",
        "AvailableActions", "RequiredParams", "OptionalParams", "StoreObjects", "Documentation",
        "Content"})
public record PluginProvider(
        @JsonProperty("Meta") Map<String, String> meta,
        @JsonProperty("Name") String name,
        @JsonProperty("Version") String version,
        @JsonProperty("PluginVersion") int pluginVersion,
        @JsonProperty("AutoStart") boolean autoStart,
        @JsonProperty("HasPublish") boolean hasPublish,
        @JsonProperty("AvailableActions") List<AvailableAction> availableActions,
        @JsonProperty("RequiredParams") List<String> requiredParams,
        @JsonProperty("OptionalParams") List<String> optionalParams,
        @JsonProperty("StoreObjects") Map<String, JsonNode> storeObjects,
        @JsonProperty("Documentation") String documentation,
        @JsonProperty("Content") String content) {

    @JsonCreator
    public PluginProvider {
        meta = meta == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        name = name == null ? "" : name;
        version = version == null ? "" : version;
        availableActions = availableActions == null ? List.of() : List.copyOf(availableActions);
        requiredParams = requiredParams == null ? List.of() : List.copyOf(requiredParams);
        optionalParams = optionalParams == null ? List.of() : List.copyOf(optionalParams);
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        if (storeObjects != null) {
            storeObjects.forEach((k, v) -> objects.put(k, v == null
                    ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    : v.deepCopy()));
        }
        storeObjects = Collections.unmodifiableMap(objects);
        documentation = documentation == null ? "" : documentation;
        content = content == null ? "" : content;
    }

    public static Builder builder(String name, String version) {
        return new Builder(name, version);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, version).pluginVersion(pluginVersion).autoStart(autoStart)
                .hasPublish(hasPublish).documentation(documentation).content(content);
        b.meta.putAll(meta);
        b.actions.addAll(availableActions);
        b.required.addAll(requiredParams);
        b.optional.addAll(optionalParams);
        b.storeObjects.putAll(storeObjects);
        return b;
    }

    /** Builds a {@link PluginProvider}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String> meta = new LinkedHashMap<>();
        private String name;
        private String version;
        private int pluginVersion = 4;
        private boolean autoStart;
        private boolean hasPublish;
        private final List<AvailableAction> actions = new ArrayList<>();
        private final List<String> required = new ArrayList<>();
        private final List<String> optional = new ArrayList<>();
        private final Map<String, JsonNode> storeObjects = new LinkedHashMap<>();
        private String documentation = "";
        private String content = "";

        private Builder(String name, String version) {
            this.name = Objects.requireNonNull(name, "name == null");
            this.version = Objects.requireNonNull(version, "version == null");
        }

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name == null");
            return this;
        }

        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version == null");
            return this;
        }

        public Builder meta(String key, String value) {
            meta.put(Objects.requireNonNull(key, "key == null"),
                    Objects.requireNonNull(value, "value == null"));
            return this;
        }

        public Builder pluginVersion(int pluginVersion) {
            this.pluginVersion = pluginVersion;
            return this;
        }

        public Builder autoStart(boolean autoStart) {
            this.autoStart = autoStart;
            return this;
        }

        public Builder hasPublish(boolean hasPublish) {
            this.hasPublish = hasPublish;
            return this;
        }

        public Builder action(AvailableAction action) {
            actions.add(Objects.requireNonNull(action, "action == null"));
            return this;
        }

        public Builder requiredParams(List<String> params) {
            required.addAll(params);
            return this;
        }

        public Builder optionalParams(List<String> params) {
            optional.addAll(params);
            return this;
        }

        public Builder storeObject(String prefix, JsonNode schema) {
            storeObjects.put(Objects.requireNonNull(prefix, "prefix == null"),
                    Objects.requireNonNull(schema, "schema == null"));
            return this;
        }

        public Builder documentation(String documentation) {
            this.documentation = Objects.requireNonNull(documentation, "documentation == null");
            return this;
        }

        public Builder content(String content) {
            this.content = Objects.requireNonNull(content, "content == null");
            return this;
        }

        public PluginProvider build() {
            return new PluginProvider(meta, name, version, pluginVersion, autoStart, hasPublish,
                    actions, required, optional, storeObjects, documentation, content);
        }
    }
}
