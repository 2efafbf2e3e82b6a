package io.drpkit.sdk.resource;

import com.fasterxml.jackson.databind.node.NullNode;
import io.drpkit.sdk.resource.ResourceRecord.Phase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Destroys a target's live resources in reverse creation order; shared by destroyAll and the
 * rollback of createAll.
 *
 * <p>When a destroy fails, the resources it requires are kept (transitively): they may still be
 * in use by what could not be destroyed. Resources unrelated to the failure are still destroyed.
 * A recorded resource this manager does not declare stops everything created before it, since
 * nothing is known about what it needs. Each step is written through the journal before and
 * after, and a kept resource keeps its state for the next try.
 */
final class Teardown {
    record Result(List<String> destroyed, List<String> failures, String firstFailed,
                  Throwable firstCause) {
    }

    private Teardown() {
    }

    static Result run(Operation op) {
        List<String> destroyed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        String firstFailed = null;
        Throwable firstCause = null;
        Set<String> keep = new HashSet<>();
        boolean keepAll = false;
        for (int i = op.journal.size() - 1; i >= 0; i--) {
            ResourceRecord record = op.journal.get(i);
            if (!record.isLive()) {
                continue;
            }
            String name = record.name();
            Resource<?> resource = op.resources.get(name);
            if (resource == null) {
                failures.add("resource \"" + name + "\" is recorded for target \"" + op.key
                        + "\" but not declared by this manager; it and the resources created"
                        + " before it are kept");
                firstFailed = firstFailed == null ? name : firstFailed;
                keepAll = true;
                continue;
            }
            if (keepAll || keep.contains(name)) {
                keep.addAll(resource.requires());
                continue;
            }
            op.journal.set(i, record.toBuilder().phase(Phase.DESTROYING).build());
            op.journal.trySave(); // a lost write only loses the hint: the record is live either way
            try {
                destroy(op, resource, record);
                op.journal.set(i, record.toBuilder().phase(Phase.DESTROYED)
                        .state(NullNode.instance).error("").build());
                destroyed.add(name);
                op.noteInterrupt(null);
            } catch (Throwable t) {
                Failures.rethrowIfFatal(t);
                op.noteInterrupt(t);
                String why = Failures.describe(t);
                op.journal.set(i, record.toBuilder().phase(Phase.FAILED)
                        .error("destroy failed: " + why).build());
                failures.add("destroy of resource \"" + name + "\" for target \"" + op.key
                        + "\" failed: " + why);
                if (firstFailed == null) {
                    firstFailed = name;
                    firstCause = t;
                }
                keep.addAll(resource.requires());
            }
            op.journal.trySave(); // the final outcome is persisted by the caller, and reported there
        }
        return new Result(List.copyOf(destroyed), List.copyOf(failures), firstFailed, firstCause);
    }

    /** Calls {@code resource}'s destroy function with {@code record}; records nothing. */
    static <S> void destroy(Operation op, Resource<S> resource, ResourceRecord record)
            throws Exception {
        resource.destroy.destroy(new Contexts.Destroy<>(op, resource, record));
    }
}
