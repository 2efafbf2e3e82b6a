package io.drpkit.sdk.resource;

import io.drpkit.sdk.resource.ResourceRecord.Phase;
import io.drpkit.sdk.status.Health;
import io.drpkit.sdk.status.ResourceStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * repair's steps: check every declared resource of a target that has a record, then, in
 * creation order, re-create those that are MISSING (no record, or reported MISSING), DOWN, or
 * whose last create or destroy did not finish: destroy first with the recorded state (so what
 * is left of a broken resource goes), then create, each step recorded as createAll records it.
 * A resource whose required resource could not be repaired is left as it is.
 */
final class Repair {
    record Result(List<String> repaired, List<String> failures, String firstFailed, Throwable firstCause) {
    }

    private Repair() {
    }

    static Result run(Operation op, List<Resource<?>> order) {
        List<String> repaired = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Set<String> broken = new HashSet<>();
        String firstFailed = null;
        Throwable firstCause = null;
        if (op.journal.live().isEmpty()) {
            return new Result(List.of(), List.of(), null, null);
        }
        for (Resource<?> resource : order) {
            String name = resource.name();
            if (!needsRepair(op, resource)) {
                continue;
            }
            if (resource.requires().stream().anyMatch(broken::contains)) {
                broken.add(name);
                failures.add("resource \"" + name + "\" for target \"" + op.key + "\" was not repaired: a"
                        + " resource it requires could not be repaired");
                continue;
            }
            String why = repairOne(op, resource);
            op.noteInterrupt(null);
            if (why == null) {
                repaired.add(name);
            } else {
                broken.add(name);
                failures.add(why);
                if (firstFailed == null) {
                    firstFailed = name;
                }
            }
        }
        op.journal.sortBy(order.stream().map(Resource::name).toList());
        return new Result(List.copyOf(repaired), List.copyOf(failures), firstFailed, firstCause);
    }

    private static boolean needsRepair(Operation op, Resource<?> resource) {
        int i = op.journal.indexOfLive(resource.name());
        if (i < 0) {
            return true;
        }
        ResourceRecord record = op.journal.get(i);
        if (record.phase() != Phase.CREATED) {
            return true;
        }
        ResourceStatus status = StatusCheck.check(op, resource, record);
        return status.health() == Health.MISSING || status.health() == Health.DOWN;
    }

    /** Destroys what is recorded (if anything), then creates; returns why it failed, or null. */
    private static String repairOne(Operation op, Resource<?> resource) {
        String name = resource.name();
        int i = op.journal.indexOfLive(name);
        if (i >= 0) {
            ResourceRecord record = op.journal.get(i);
            op.journal.set(i, record.toBuilder().phase(Phase.DESTROYING).build());
            op.journal.trySave();
            try {
                Teardown.destroy(op, resource, record);
            } catch (Throwable t) {
                Failures.rethrowIfFatal(t);
                op.noteInterrupt(t);
                String why = Failures.describe(t);
                op.journal.set(i, record.toBuilder().phase(Phase.FAILED).error("destroy failed: " + why).build());
                op.journal.trySave();
                return "repair of resource \"" + name + "\" for target \"" + op.key + "\" failed: its destroy"
                        + " failed: " + why;
            }
            op.journal.set(i, ResourceRecord.builder(name, Phase.CREATING).type(resource.type()).build());
        } else {
            i = op.journal.append(ResourceRecord.builder(name, Phase.CREATING).type(resource.type()).build());
        }
        RuntimeException unrecorded = op.journal.trySave();
        if (unrecorded != null) {
            return "repair of resource \"" + name + "\" for target \"" + op.key + "\" failed: cannot record"
                    + " the intent to create it: " + Failures.describe(unrecorded);
        }
        Creation.Failure failure = Creation.create(op, resource, i);
        return failure == null ? null : "repair of resource \"" + name + "\" for target \"" + op.key
                + "\" failed: " + failure.message();
    }
}
