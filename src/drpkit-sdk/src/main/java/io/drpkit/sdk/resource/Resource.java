package io.drpkit.sdk.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One named thing a provider creates and destroys for a target, with a typed state, the names
 * of the resources it requires, and its lifecycle functions. Immutable and thread-safe (the
 * functions themselves are called one at a time per target by the {@link ResourceManager}).
 *
 * <pre>{@code
 * Resource<File> file = Resource.builder("file", File.class)
 *     .type("file")
 *     .requires("dir")
 *     .create(ctx -> render(ctx.dependency("dir", Dir.class).path()))
 *     .destroy(ctx -> {                                 // the state may be partial or absent
 *         Optional<File> f = ctx.state();
 *         if (f.isPresent()) Files.deleteIfExists(Path.of(f.get().path()));
 *     })
 *     .status(ctx -> ctx.report(Health.READY).build())
 *     .build();
 * }</pre>
 *
 * @param <S> the state type: a record or bean Jackson can write and read back
 * @since 0.1
 */
public final class Resource<S> {
    private final String name;
    private final Class<S> stateClass;
    private final String type;
    private final List<String> requires;
    final CreateFn<S> create;
    final DestroyFn<S> destroy;
    final StatusFn<S> status;

    private Resource(Builder<S> b) {
        this.name = b.name;
        this.stateClass = b.stateClass;
        this.type = b.type;
        this.requires = List.copyOf(b.requires);
        this.create = b.create;
        this.destroy = b.destroy;
        this.status = b.status;
    }

    /** Starts a resource called {@code name} whose state is a {@code stateClass}. */
    public static <S> Builder<S> builder(String name, Class<S> stateClass) {
        return new Builder<>(name, stateClass);
    }

    /** The name, unique within a manager; it is also the name in the stored state. */
    public String name() {
        return name;
    }

    /** The kind of resource, for status reports; empty when not set. */
    public String type() {
        return type;
    }

    public Class<S> stateClass() {
        return stateClass;
    }

    /** Names of the resources that must be created before this one, in declaration order. */
    public List<String> requires() {
        return requires;
    }

    /** Whether a status function was set; without one a created resource reports ALIVE. */
    public boolean hasStatus() {
        return status != null;
    }

    @Override
    public String toString() {
        return "Resource{" + name + (requires.isEmpty() ? "" : " requires " + requires) + "}";
    }

    /** Builds a {@link Resource}. Not thread-safe. */
    public static final class Builder<S> {
        private final String name;
        private final Class<S> stateClass;
        private String type = "";
        private final List<String> requires = new ArrayList<>();
        private CreateFn<S> create;
        private DestroyFn<S> destroy;
        private StatusFn<S> status;

        private Builder(String name, Class<S> stateClass) {
            this.name = Objects.requireNonNull(name, "name == null");
            this.stateClass = Objects.requireNonNull(stateClass, "stateClass == null");
        }

        /** The kind of resource (e.g. {@code directory}), shown in status reports. */
        public Builder<S> type(String type) {
            this.type = Objects.requireNonNull(type, "type == null");
            return this;
        }

        /**
         * Resources that must exist before this one is created and after it is destroyed; their
         * states are readable through {@link CreateContext#dependency}.
         */
        public Builder<S> requires(String... names) {
            for (String n : Objects.requireNonNull(names, "names == null")) {
                requires.add(Objects.requireNonNull(n, "required name == null"));
            }
            return this;
        }

        /** Required: creates the resource and returns its state. */
        public Builder<S> create(CreateFn<S> create) {
            this.create = Objects.requireNonNull(create, "create == null");
            return this;
        }

        /**
         * Required: destroys the resource; must tolerate partial or absent state and be
         * idempotent. A resource that must outlive its target (shared, looked up rather than
         * created) passes a no-op, {@code ctx -> { }}, saying so explicitly.
         */
        public Builder<S> destroy(DestroyFn<S> destroy) {
            this.destroy = Objects.requireNonNull(destroy, "destroy == null");
            return this;
        }

        /** Optional: checks the created resource. Without it the resource reports ALIVE. */
        public Builder<S> status(StatusFn<S> status) {
            this.status = Objects.requireNonNull(status, "status == null");
            return this;
        }

        /**
         * @throws IllegalArgumentException if the name or a required name is blank, a name is
         *     required twice, or create or destroy is not set
         */
        public Resource<S> build() {
            if (name.isBlank()) {
                throw new IllegalArgumentException("resource name is blank");
            }
            List<String> seen = new ArrayList<>();
            for (String r : requires) {
                if (r.isBlank()) {
                    throw new IllegalArgumentException("resource \"" + name + "\" requires a blank name");
                }
                if (seen.contains(r)) {
                    throw new IllegalArgumentException("resource \"" + name + "\" requires \"" + r + "\" twice");
                }
                seen.add(r);
            }
            if (create == null) {
                throw new IllegalArgumentException("resource \"" + name + "\" has no create function");
            }
            if (destroy == null) {
                throw new IllegalArgumentException("resource \"" + name + "\" has no destroy function;"
                        + " pass ctx -> { } if it must outlive its target");
            }
            return new Resource<>(this);
        }
    }
}
