package io.drpkit.sdk.resource;

import io.drpkit.sdk.resource.ResourceRecord.Phase;
import java.util.List;

/**
 * adopt's steps: record an existing resource as created, with the state the caller found, so
 * destroyAll cleans it up like one the manager made. Records stay in creation order.
 */
final class Adoption {
    private Adoption() {
    }

    static ManagerState run(Operation op, Resource<?> resource, Object state, List<String> order) {
        String name = resource.name();
        int live = op.journal.indexOfLive(name);
        if (live >= 0) {
            ResourceRecord r = op.journal.get(live);
            throw new ResourceException(409, op.key, name, List.of("cannot adopt resource \"" + name
                    + "\" for target \"" + op.key + "\": it is already recorded (" + r.phase().wireName()
                    + "); destroyAll or repair it instead"), op.journal.live(), null);
        }
        for (String required : resource.requires()) {
            int i = op.journal.indexOfLive(required);
            if (i < 0 || op.journal.get(i).phase() != Phase.CREATED) {
                throw new ResourceException(409, op.key, name, List.of("cannot adopt resource \"" + name
                        + "\" for target \"" + op.key + "\": it requires \"" + required + "\", which is not"
                        + " recorded as created; adopt or create \"" + required + "\" first"),
                        op.journal.live(), null);
            }
        }
        ResourceRecord record = ResourceRecord.builder(name, Phase.CREATED).type(resource.type())
                .state(Operation.write(state, resource)).createdTime(op.clock.instant()).build();
        op.journal.append(record);
        op.journal.sortBy(order);
        try {
            op.journal.save();
        } catch (RuntimeException e) {
            throw new ResourceException(500, op.key, name, List.of("cannot record the adoption of resource \""
                    + name + "\" for target \"" + op.key + "\": " + Failures.describe(e)), List.of(), e);
        }
        return op.journal.snapshot();
    }
}
