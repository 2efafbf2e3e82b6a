package io.drpkit.sdk.runbook;

import java.util.Objects;
import java.util.Optional;

/**
 * A named value a step consumes, delivered as an environment variable ({@code as.env}) and/or a
 * file ({@code as.path}, relative to the step's working directory). At least one delivery is
 * required; {@link Runbook} validation checks that, and the names. Immutable and thread-safe.
 *
 * <pre>{@code
 * Input root = Input.builder("root", InputSource.param("runbook/root")).env("ROOT").build();
 * }</pre>
 *
 * @since 0.1
 */
public final class Input {
    private final String name;
    private final InputSource source;
    private final Optional<String> env;
    private final Optional<String> path;

    private Input(Builder b) {
        this.name = b.name;
        this.source = b.source;
        this.env = Optional.ofNullable(b.env);
        this.path = Optional.ofNullable(b.path);
    }

    /** Starts an input called {@code name} reading from {@code source}. */
    public static Builder builder(String name, InputSource source) {
        return new Builder(name, source);
    }

    /** The input's name, unique within its step. */
    public String name() {
        return name;
    }

    /** Where the value comes from. */
    public InputSource source() {
        return source;
    }

    /** The environment variable the value is put in ({@code as.env}), if any. */
    public Optional<String> env() {
        return env;
    }

    /** The file, relative to the step's directory, the value is written to ({@code as.path}), if any. */
    public Optional<String> path() {
        return path;
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, source);
        b.env = env.orElse(null);
        b.path = path.orElse(null);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Input i && name.equals(i.name) && source.equals(i.source)
                && env.equals(i.env) && path.equals(i.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, source, env, path);
    }

    @Override
    public String toString() {
        return "Input{name=" + name + ", source=" + source + ", env=" + env.orElse("-")
                + ", path=" + path.orElse("-") + "}";
    }

    /** Builds an {@link Input}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final InputSource source;
        private String env;
        private String path;

        private Builder(String name, InputSource source) {
            this.name = Objects.requireNonNull(name, "name == null");
            this.source = Objects.requireNonNull(source, "source == null");
        }

        /** Delivers the value in environment variable {@code env}. */
        public Builder env(String env) {
            this.env = Objects.requireNonNull(env, "env == null");
            return this;
        }

        /** Delivers the value in the file {@code path}, relative to the step's directory. */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path == null");
            return this;
        }

        public Input build() {
            return new Input(this);
        }
    }
}
