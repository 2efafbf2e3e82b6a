package io.drpkit.sdk;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One accepted configuration of the plugin instance: what {@code /config} delivered, after
 * validation and defaults, plus the DRP session and host link built for it. An immutable
 * snapshot: a later {@code /config} makes a new one and never changes this. Thread-safe.
 *
 * @since 0.1
 */
public final class Config {
    private final String name;
    private final Params params;
    private final DrpApi api;
    private final Host host;
    private final ProviderEnvironment environment;
    private final long generation;
    private final Supplier<Optional<EventStreamStats>> eventStream;

    private Config(Builder b) {
        this.name = b.name;
        this.params = b.params;
        this.api = b.api;
        this.host = b.host;
        this.environment = b.environment;
        this.generation = b.generation;
        this.eventStream = b.eventStream;
    }

    public static Builder builder(String name, DrpApi api, Host host, ProviderEnvironment environment) {
        return new Builder(name, api, host, environment);
    }

    /** The plugin instance name ({@code Name} in the {@code /config} body; {@code unknown} if absent). */
    public String name() {
        return name;
    }

    /** The instance's params, validated and with schema defaults applied. */
    public Params params() {
        return params;
    }

    /** The DRP REST session built for this configuration. */
    public DrpApi api() {
        return api;
    }

    /** The link to the host socket. */
    public Host host() {
        return host;
    }

    public ProviderEnvironment environment() {
        return environment;
    }

    /** 1 for the first accepted {@code /config}, then counting up. */
    public long generation() {
        return generation;
    }

    /**
     * The counters of the event stream opened for this configuration, read now; empty when the
     * provider has no {@link EventSubscriber}. The one live part of this snapshot: the stream
     * belongs to this configuration, so once a later {@code /config} replaced it, the counts
     * stop changing.
     *
     * @since 0.1
     */
    public Optional<EventStreamStats> eventStream() {
        return eventStream.get();
    }

    public Builder toBuilder() {
        return new Builder(name, api, host, environment).params(params).generation(generation)
                .eventStream(eventStream);
    }

    @Override
    public String toString() {
        return "Config{name=" + name + ", generation=" + generation + ", params=" + params.names() + "}";
    }

    /** Builds a {@link Config}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final DrpApi api;
        private final Host host;
        private final ProviderEnvironment environment;
        private Params params = Params.empty();
        private long generation = 1;
        private Supplier<Optional<EventStreamStats>> eventStream = Optional::empty;

        private Builder(String name, DrpApi api, Host host, ProviderEnvironment environment) {
            this.name = Objects.requireNonNull(name, "name == null");
            this.api = Objects.requireNonNull(api, "api == null");
            this.host = Objects.requireNonNull(host, "host == null");
            this.environment = Objects.requireNonNull(environment, "environment == null");
        }

        public Builder params(Params params) {
            this.params = Objects.requireNonNull(params, "params == null");
            return this;
        }

        public Builder generation(long generation) {
            this.generation = generation;
            return this;
        }

        /**
         * Where {@link Config#eventStream()} reads the stream's counters (the SDK wires this;
         * default: no stream). The supplier is called on every read, on the caller's thread.
         */
        public Builder eventStream(Supplier<Optional<EventStreamStats>> stats) {
            this.eventStream = Objects.requireNonNull(stats, "stats == null");
            return this;
        }

        public Config build() {
            return new Config(this);
        }
    }
}
