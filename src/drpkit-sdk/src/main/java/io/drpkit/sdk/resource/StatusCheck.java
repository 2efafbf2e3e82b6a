package io.drpkit.sdk.resource;

import io.drpkit.sdk.status.Health;
import io.drpkit.sdk.status.ResourceStatus;
import io.drpkit.sdk.status.StatusReport;
import java.util.ArrayList;
import java.util.List;

/**
 * statusAll's steps: for a target with anything recorded, one entry per declared resource, in
 * creation order, then one per live record of a resource the manager does not declare. Only a
 * created resource's status function is called; any other phase means the record is waiting
 * for a destroy, and is reported as UNKNOWN saying so; a declared resource with no live record
 * is MISSING. A target with nothing recorded has no entries.
 */
final class StatusCheck {
    private StatusCheck() {
    }

    static StatusReport run(Operation op, List<Resource<?>> order) {
        List<ResourceStatus> entries = new ArrayList<>();
        if (!op.journal.live().isEmpty()) {
            for (Resource<?> resource : order) {
                int i = op.journal.indexOfLive(resource.name());
                entries.add(i >= 0 ? entry(op, op.journal.get(i)) : ResourceStatus.builder(resource.name(),
                        Health.MISSING).type(resource.type()).healthMessage("not created for target \"" + op.key
                        + "\" (nothing recorded); repair creates it").build());
                op.noteInterrupt(null);
            }
            for (int i = 0; i < op.journal.size(); i++) {
                ResourceRecord record = op.journal.get(i);
                if (record.isLive() && !op.resources.containsKey(record.name())) {
                    entries.add(entry(op, record));
                }
            }
        }
        return StatusReport.summarize(entries, op.clock.instant()).toBuilder().external(true).build();
    }

    private static ResourceStatus entry(Operation op, ResourceRecord record) {
        Resource<?> resource = op.resources.get(record.name());
        if (resource == null) {
            return unknown(record, "recorded but not declared by this manager");
        }
        return switch (record.phase()) {
            case CREATED -> check(op, resource, record);
            case CREATING -> unknown(record, "create did not finish (was the provider stopped?);"
                    + " destroyAll cleans it up");
            case DESTROYING -> unknown(record, "destroy did not finish; destroyAll retries it");
            case FAILED -> unknown(record, record.error() + "; destroyAll retries it");
            case DESTROYED -> throw new AssertionError("destroyed resources are not reported");
        };
    }

    /** The status of created {@code resource}: its status function's, ALIVE without one, UNKNOWN if it fails. */
    static <S> ResourceStatus check(Operation op, Resource<S> resource, ResourceRecord record) {
        if (resource.status == null) {
            return Contexts.prefilled(record, Health.ALIVE)
                    .healthMessage("created; no status check declared").build();
        }
        try {
            S state = Operation.read(record.state(), resource);
            ResourceStatus status = resource.status.status(new Contexts.Status<>(op, resource, record, state));
            return status != null ? status : unknown(record, "status check returned nothing");
        } catch (Throwable t) {
            Failures.rethrowIfFatal(t);
            op.noteInterrupt(t);
            return unknown(record, "status check failed: " + Failures.describe(t));
        }
    }

    private static ResourceStatus unknown(ResourceRecord record, String why) {
        return Contexts.prefilled(record, Health.UNKNOWN).healthMessage(why).build();
    }
}
