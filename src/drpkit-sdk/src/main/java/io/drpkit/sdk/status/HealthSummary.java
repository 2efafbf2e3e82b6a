package io.drpkit.sdk.status;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one summary rule (see {@link StatusReport#summarize}). Kept apart from the value type so
 * the rule reads in one place. Counts iterate an {@link EnumMap}, i.e. in {@link Health} code
 * order, which is what makes the message deterministic.
 */
record HealthSummary(Health health, String message) {
    static final String NO_RESOURCES = "No resources to report";

    static HealthSummary of(List<ResourceStatus> resources) {
        if (resources.isEmpty()) {
            return new HealthSummary(Health.UNKNOWN, NO_RESOURCES);
        }
        Map<Health, Integer> counts = new EnumMap<>(Health.class);
        for (ResourceStatus r : resources) {
            counts.merge(r.health(), 1, Integer::sum);
        }
        if (counts.size() == 1) {
            Health only = counts.keySet().iterator().next();
            int n = resources.size();
            return new HealthSummary(only, n == 1
                    ? "1 resource is reporting " + only
                    : "All " + n + " resources are reporting " + only);
        }
        StringJoiner message = new StringJoiner(", ");
        counts.forEach((health, count) -> message.add(count + " " + health));
        return new HealthSummary(Health.PARTIAL, message.toString());
    }
}
