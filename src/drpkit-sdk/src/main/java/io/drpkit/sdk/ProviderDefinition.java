package io.drpkit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.config.ParamSpec;
import io.drpkit.sdk.content.ContentPack;
import io.drpkit.sdk.model.PluginProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything DRP learns from {@code define}, plus the code behind it: each action with its
 * handler and the optional capabilities (event subscriber, legacy publisher, stop hook,
 * unpacker, environment validator). Built once, checked when built, immutable and thread-safe.
 *
 * <pre>{@code
 * ProviderDefinition.builder("runbook", "1.0.0")
 *     .content(ContentPack.fromClasspath())
 *     .action(ActionSpec.builder("machines", "increment")
 *         .optionalParams("incrementer/step").build(), this::increment)
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class ProviderDefinition {
    private final String name;
    private final String version;
    private final boolean autoStart;
    private final String documentation;
    private final Map<String, String> meta;
    private final List<String> requiredParams;
    private final List<String> optionalParams;
    private final Map<String, JsonNode> storeObjects;
    private final ContentPack content;
    private final Map<String, ActionSpec> actions;
    private final Map<String, ActionHandler> handlers;
    private final EventSubscriber subscriber;
    private final LegacyPublisher publisher;
    private final Stoppable stopHook;
    private final Unpacker unpacker;
    private final EnvironmentValidator validator;
    /** Built on first use: converting every param's schema is work {@code define} never needs. */
    private final java.util.function.Supplier<Map<String, ParamSpec>> paramsSource;
    private volatile Map<String, ParamSpec> params;
    private final Set<String> immutableParams;

    private ProviderDefinition(Builder b, java.util.function.Supplier<Map<String, ParamSpec>> params) {
        this.paramsSource = params;
        this.immutableParams = Set.copyOf(b.immutable);
        this.name = b.name;
        this.version = b.version;
        this.autoStart = b.autoStart;
        this.documentation = b.documentation;
        this.meta = Collections.unmodifiableMap(new LinkedHashMap<>(b.meta));
        this.requiredParams = List.copyOf(b.required);
        this.optionalParams = List.copyOf(b.optional);
        this.storeObjects = Collections.unmodifiableMap(new LinkedHashMap<>(b.storeObjects));
        this.content = b.content;
        this.actions = Collections.unmodifiableMap(new LinkedHashMap<>(b.actions));
        this.handlers = Collections.unmodifiableMap(new LinkedHashMap<>(b.handlers));
        this.subscriber = b.subscriber;
        this.publisher = b.publisher;
        this.stopHook = b.stopHook;
        this.unpacker = b.unpacker;
        this.validator = b.validator;
    }

    public static Builder builder(String name, String version) {
        return new Builder(name, version);
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    /** The provider-level params a plugin instance must have. */
    public List<String> requiredParams() {
        return requiredParams;
    }

    public List<String> optionalParams() {
        return optionalParams;
    }

    /** The actions in declaration order. */
    public List<ActionSpec> actions() {
        return List.copyOf(actions.values());
    }

    public Optional<ActionSpec> action(String command) {
        return Optional.ofNullable(actions.get(command));
    }

    public Optional<ActionHandler> handler(String command) {
        return Optional.ofNullable(handlers.get(command));
    }

    public Optional<ContentPack> content() {
        return Optional.ofNullable(content);
    }

    public Optional<EventSubscriber> eventSubscriber() {
        return Optional.ofNullable(subscriber);
    }

    public Optional<LegacyPublisher> legacyPublisher() {
        return Optional.ofNullable(publisher);
    }

    public Optional<Stoppable> stopHook() {
        return Optional.ofNullable(stopHook);
    }

    public Optional<Unpacker> unpacker() {
        return Optional.ofNullable(unpacker);
    }

    public Optional<EnvironmentValidator> validator() {
        return Optional.ofNullable(validator);
    }

    /**
     * Every declared param (the content pack's {@code params} section, then those declared with
     * {@link Builder#param}), by name.
     */
    public Map<String, ParamSpec> params() {
        Map<String, ParamSpec> p = params;
        if (p == null) {
            synchronized (paramsSource) {
                p = params;
                if (p == null) {
                    p = Collections.unmodifiableMap(new LinkedHashMap<>(paramsSource.get()));
                    params = p;
                }
            }
        }
        return p;
    }

    /**
     * Declared params that neither the provider nor any action names, in name order: a lint for
     * content packs (each should be a param the provider reads or writes some other way, e.g.
     * state it keeps on machines, or a leftover).
     */
    public java.util.SortedSet<String> unreferencedParams() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>(params().keySet());
        out.removeAll(ParamLists.concat(requiredParams, optionalParams));
        for (ActionSpec a : actions.values()) {
            out.removeAll(ParamLists.concat(a.requiredParams(), a.optionalParams()));
        }
        return java.util.Collections.unmodifiableSortedSet(out);
    }

    /** Params that may not change after the first accepted configuration. */
    public Set<String> immutableParams() {
        return immutableParams;
    }

    /** True when a legacy publisher is registered: DRP then posts every event to {@code /publish}. */
    public boolean hasPublish() {
        return publisher != null;
    }

    /** The wire form {@code define} prints (spec §5.5). */
    public PluginProvider toPluginProvider() {
        PluginProvider.Builder b = PluginProvider.builder(name, version)
                .pluginVersion(4)
                .autoStart(autoStart)
                .hasPublish(hasPublish())
                .requiredParams(requiredParams)
                .optionalParams(optionalParams)
                .documentation(documentation)
                .content(content == null ? "" : content.yaml());
        meta.forEach(b::meta);
        actions.values().forEach(a -> b.action(a.toAvailableAction()));
        storeObjects.forEach(b::storeObject);
        return b.build();
    }

    /** Builds a {@link ProviderDefinition}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String version;
        private boolean autoStart;
        private String documentation = "";
        private final Map<String, String> meta = new LinkedHashMap<>();
        private final List<String> required = new ArrayList<>();
        private final List<String> optional = new ArrayList<>();
        private final Map<String, JsonNode> storeObjects = new LinkedHashMap<>();
        private ContentPack content;
        private final Map<String, ActionSpec> actions = new LinkedHashMap<>();
        private final Map<String, ActionHandler> handlers = new LinkedHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private EventSubscriber subscriber;
        private LegacyPublisher publisher;
        private Stoppable stopHook;
        private Unpacker unpacker;
        private EnvironmentValidator validator;
        private final Map<String, ParamSpec> declared = new LinkedHashMap<>();
        private final Set<String> immutable = new java.util.LinkedHashSet<>();

        private Builder(String name, String version) {
            this.name = Objects.requireNonNull(name, "name == null");
            this.version = Objects.requireNonNull(version, "version == null");
        }

        /** DRP creates a plugin instance named after the provider by itself. */
        public Builder autoStart(boolean autoStart) {
            this.autoStart = autoStart;
            return this;
        }

        public Builder documentation(String documentation) {
            this.documentation = Objects.requireNonNull(documentation, "documentation == null");
            return this;
        }

        public Builder meta(String key, String value) {
            meta.put(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(value, "value == null"));
            return this;
        }

        public Builder requiredParams(String... names) {
            required.addAll(Arrays.asList(names));
            return this;
        }

        public Builder optionalParams(String... names) {
            optional.addAll(Arrays.asList(names));
            return this;
        }

        /** Declares a custom object type DRP stores for this provider, with its schema. */
        public Builder storeObject(String prefix, JsonNode schema) {
            storeObjects.put(Objects.requireNonNull(prefix, "prefix == null"),
                    Objects.requireNonNull(schema, "schema == null").deepCopy());
            return this;
        }

        /** The content pack shipped in {@code define} (params, tasks, ...). */
        public Builder content(ContentPack content) {
            this.content = Objects.requireNonNull(content, "content == null");
            return this;
        }

        /**
         * Declares a param in code, for providers without a content pack (a param in the pack
         * needs no declaration here). Its schema is what {@code /config} and actions check.
         */
        public Builder param(ParamSpec spec) {
            declared.put(Objects.requireNonNull(spec, "spec == null").name(), spec);
            return this;
        }

        /**
         * Params that may not change once a configuration was accepted: a later {@code /config}
         * changing one is refused and the configuration in force stays.
         */
        public Builder immutableParams(String... names) {
            immutable.addAll(Arrays.asList(names));
            return this;
        }

        /** Declares an action and the code that runs it. */
        public Builder action(ActionSpec spec, ActionHandler handler) {
            Objects.requireNonNull(spec, "spec == null");
            if (handler == null) {
                problems.add("action " + spec + " has no handler");
            }
            if (actions.putIfAbsent(spec.command(), spec) != null) {
                problems.add("action command " + spec.command() + " is declared twice");
            } else if (handler != null) {
                handlers.put(spec.command(), handler);
            }
            return this;
        }

        public Builder eventSubscriber(EventSubscriber subscriber) {
            this.subscriber = Objects.requireNonNull(subscriber, "subscriber == null");
            return this;
        }

        /** Registers a legacy publisher, which sets {@code HasPublish}. */
        public Builder legacyPublisher(LegacyPublisher publisher) {
            this.publisher = Objects.requireNonNull(publisher, "publisher == null");
            return this;
        }

        public Builder onStop(Stoppable stopHook) {
            this.stopHook = Objects.requireNonNull(stopHook, "stopHook == null");
            return this;
        }

        /**
         * What {@code unpack <dir>} writes. Without one, the provider unpacks
         * {@link io.drpkit.sdk.content.Assets#fromClasspath()}: the project's {@code assets/} tree
         * as drpkit:bundle put it on the class path.
         */
        public Builder unpacker(Unpacker unpacker) {
            this.unpacker = Objects.requireNonNull(unpacker, "unpacker == null");
            return this;
        }

        public Builder validator(EnvironmentValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator == null");
            return this;
        }

        /**
         * Checks the definition and builds it.
         *
         * @throws IllegalArgumentException listing every problem: a blank name or version, an
         *     action declared twice or without a handler, a legacy publisher together with an
         *     event subscriber, a provider param listed twice, a param named by the provider or
         *     an action that is not declared
         */
        public ProviderDefinition build() {
            List<String> all = new ArrayList<>(problems);
            if (name.isBlank()) {
                all.add("provider name is blank");
            } else if (!name.equals(name.strip()) || name.contains("/")) {
                all.add("provider name \"" + name + "\" must not contain white space or '/'");
            }
            if (version.isBlank()) {
                all.add("provider version is blank");
            }
            if (publisher != null && subscriber != null) {
                all.add("a provider cannot have both a legacy publisher (HasPublish) and an event subscriber");
            }
            all.addAll(ParamLists.problems("", "provider param", required, optional));
            // only the names are checked here; the specs are converted on first use (define never does)
            Set<String> names = new java.util.HashSet<>(declared.keySet());
            if (content != null) {
                names.addAll(content.paramNames());
            }
            ContentPack pack = content;
            Map<String, ParamSpec> declaredCopy = new LinkedHashMap<>(declared);
            java.util.function.Supplier<Map<String, ParamSpec>> params = () -> {
                Map<String, ParamSpec> specs = new LinkedHashMap<>();
                if (pack != null) {
                    pack.params().forEach((k, p) -> specs.put(k, ParamSpec.of(p)));
                }
                specs.putAll(declaredCopy);
                return specs;
            };
            for (String p : ParamLists.concat(required, optional)) {
                if (p != null && !p.isBlank() && !names.contains(p)) {
                    all.add("provider param " + p + " is not declared (add it to content/params or declare it with param())");
                }
            }
            for (ActionSpec a : actions.values()) {
                for (String p : ParamLists.concat(a.requiredParams(), a.optionalParams())) {
                    if (!names.contains(p)) {
                        all.add("action " + a.command() + " names param " + p
                                + ", which is not declared (add it to content/params or declare it with param())");
                    }
                }
            }
            for (String p : immutable) {
                if (!names.contains(p)) {
                    all.add("immutable param " + p + " is not declared");
                }
            }
            if (!all.isEmpty()) {
                throw new IllegalArgumentException("invalid provider definition "
                        + (name.isBlank() ? "" : name + " ") + ": " + String.join("; ", all));
            }
            return new ProviderDefinition(this, params);
        }
    }
}
