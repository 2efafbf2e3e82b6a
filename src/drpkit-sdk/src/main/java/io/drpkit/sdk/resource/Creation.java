package io.drpkit.sdk.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.resource.ResourceRecord.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * createAll's steps: for each resource in creation order, record the intent, create, record the
 * state; on the first failure, roll back everything attempted through {@link Teardown}.
 */
final class Creation {
    record Failure(String resource, String message, Throwable cause) {
    }

    private Creation() {
    }

    static ManagerState run(Operation op, List<Resource<?>> order) {
        Failure failure = null;
        for (Resource<?> resource : order) {
            if (op.noteInterrupt(null)) {
                failure = new Failure(resource.name(), "createAll on target \"" + op.key
                        + "\" was interrupted before creating resource \"" + resource.name() + "\"",
                        null);
                break;
            }
            int index = op.journal.append(ResourceRecord.builder(resource.name(), Phase.CREATING)
                    .type(resource.type()).build());
            RuntimeException unrecorded = op.journal.trySave();
            if (unrecorded != null) {
                op.journal.removeLast();
                failure = new Failure(resource.name(), "cannot record the intent to create resource \""
                        + resource.name() + "\" for target \"" + op.key + "\", so it was not created: "
                        + Failures.describe(unrecorded), unrecorded);
                break;
            }
            failure = create(op, resource, index);
            if (failure != null) {
                break;
            }
        }
        if (failure == null) {
            return op.journal.snapshot();
        }
        throw rollBack(op, failure);
    }

    /**
     * Creates {@code resource}, whose CREATING record is at {@code index}, and records the
     * outcome there; returns the failure, or null when it was created and recorded.
     */
    static <S> Failure create(Operation op, Resource<S> resource, int index) {
        String name = resource.name();
        Contexts.Create<S> ctx = new Contexts.Create<>(op, resource, index);
        JsonNode state;
        try {
            S created = resource.create.create(ctx);
            if (created == null) {
                throw new IllegalStateException("create returned null; return a state, even an empty record");
            }
            state = Operation.write(created, resource);
            op.noteInterrupt(null); // seen before the next resource; cleared so the save below works
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            op.noteInterrupt(t);
            String why = Failures.describe(t);
            op.journal.update(index, r -> r.toBuilder().phase(Phase.FAILED)
                    .error("create failed: " + why).build());
            op.journal.trySave(); // live either way; the rollback decides what is persisted
            return new Failure(name, "create of resource \"" + name + "\" for target \"" + op.key
                    + "\" failed: " + why, t);
        } finally {
            ctx.close();
        }
        op.journal.update(index, r -> r.toBuilder().phase(Phase.CREATED).state(state)
                .createdTime(op.clock.instant()).error("").build());
        RuntimeException unrecorded = op.journal.trySave();
        if (unrecorded != null) {
            // It exists and only memory knows its full state: roll back while we still know it.
            return new Failure(name, "resource \"" + name + "\" was created for target \"" + op.key
                    + "\" but its state cannot be recorded: " + Failures.describe(unrecorded), unrecorded);
        }
        return null;
    }

    private static ResourceException rollBack(Operation op, Failure failure) {
        Teardown.Result undone = Teardown.run(op);
        RuntimeException unpersisted = op.journal.persist();
        List<String> messages = new ArrayList<>();
        messages.add(failure.message());
        undone.failures().forEach(m -> messages.add("rollback: " + m));
        if (unpersisted != null) {
            messages.add("rollback: cannot record the outcome for target \"" + op.key + "\": "
                    + Failures.describe(unpersisted));
        }
        List<String> live = op.journal.live();
        if (!live.isEmpty()) {
            messages.add("kept for a later destroyAll: " + String.join(", ", live));
        } else if (!undone.destroyed().isEmpty()) {
            messages.add("rolled back: " + String.join(", ", undone.destroyed()));
        }
        return new ResourceException(500, op.key, failure.resource(), messages, live, failure.cause());
    }
}
