package io.drpkit.sdk.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.status.Health;
import io.drpkit.sdk.status.ResourceStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;

/** The contexts handed to resource callbacks. */
final class Contexts {
    private Contexts() {
    }

    private abstract static class Base implements ResourceContext {
        final Operation op;
        final Resource<?> resource;

        Base(Operation op, Resource<?> resource) {
            this.op = op;
            this.resource = resource;
        }

        @Override
        public String resourceName() {
            return resource.name();
        }

        @Override
        public String targetKey() {
            return op.key;
        }

        @Override
        public Object target() {
            return op.target;
        }

        @Override
        public <X> X target(Class<X> type) {
            return op.target(Objects.requireNonNull(type, "type == null"));
        }

        @Override
        public DrpApi api() {
            return op.context.api().orElseThrow(() -> new IllegalStateException("resource \""
                    + resource.name() + "\" for target \"" + op.key + "\": the operation was given no DRP"
                    + " session; pass an OperationContext (e.g. OperationContext.of(request))"));
        }

        @Override
        public Params params() {
            return op.context.params();
        }

        @Override
        public Logger logger() {
            return op.context.logger();
        }
    }

    static final class Create<S> extends Base implements CreateContext<S> {
        private final int index;
        private volatile boolean open = true;

        Create(Operation op, Resource<S> resource, int index) {
            super(op, resource);
            this.index = index;
        }

        @Override
        public <R> R dependency(String name, Class<R> type) {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(type, "type == null");
            return op.dependency(resource, name, type).orElseThrow(() -> new IllegalStateException(
                    "resource \"" + name + "\" has no recorded state"));
        }

        @Override
        public void save(S partialState) {
            Objects.requireNonNull(partialState, "partialState == null");
            if (!open) {
                throw new IllegalStateException("resource \"" + resource.name()
                        + "\": save after create returned");
            }
            JsonNode json = Operation.write(partialState, resource);
            op.journal.update(index, r -> r.toBuilder().state(json).build());
            RuntimeException failure = op.journal.trySave();
            if (failure != null) {
                throw new ResourceException(500, op.key, resource.name(), List.of(
                        "cannot save the partial state of resource \"" + resource.name()
                                + "\" for target \"" + op.key + "\": " + Failures.describe(failure)),
                        op.journal.live(), failure);
            }
        }

        void close() {
            open = false;
        }
    }

    static final class Destroy<S> extends Base implements DestroyContext<S> {
        private final Resource<S> typed;
        private final ResourceRecord record;

        Destroy(Operation op, Resource<S> resource, ResourceRecord record) {
            super(op, resource);
            this.typed = resource;
            this.record = record;
        }

        @Override
        public Optional<S> state() {
            return Optional.ofNullable(Operation.read(record.state(), typed));
        }

        @Override
        public JsonNode stateJson() {
            return record.state();
        }

        @Override
        public boolean createCompleted() {
            return record.createdTime().isPresent();
        }

        @Override
        public <R> Optional<R> dependency(String name, Class<R> type) {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(type, "type == null");
            return op.dependency(resource, name, type);
        }
    }

    static final class Status<S> extends Base implements StatusContext<S> {
        private final S state;
        private final ResourceRecord record;

        Status(Operation op, Resource<S> resource, ResourceRecord record, S state) {
            super(op, resource);
            this.state = state;
            this.record = record;
        }

        @Override
        public S state() {
            return state;
        }

        @Override
        public ResourceStatus.Builder report(Health health) {
            return prefilled(record, health);
        }
    }

    /** An entry for {@code record} with its name, type, state and created time. */
    static ResourceStatus.Builder prefilled(ResourceRecord record, Health health) {
        ResourceStatus.Builder b = ResourceStatus.builder(record.name(), health)
                .type(record.type())
                .state(record.state());
        record.createdTime().ifPresent(b::createdTime);
        return b;
    }
}
