package io.drpkit.sdk.status;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * The one summary rule (see {@link StatusReport#summarize}). Kept apart from the value type so
 * the rule reads in one place. Counts iterate an {@link EnumMap}, i.e. in {@link Health} code
 * order, and the types named for each health are sorted, which is what makes the message
 * deterministic whatever the order of the entries.
 */
record HealthSummary(Health health, String message) {
    static final String NO_RESOURCES = "No resources to report";

    static HealthSummary of(List<ResourceStatus> resources) {
        if (resources.isEmpty()) {
            return new HealthSummary(Health.UNKNOWN, NO_RESOURCES);
        }
        Map<Health, Integer> counts = new EnumMap<>(Health.class);
        Map<Health, SortedSet<String>> types = new EnumMap<>(Health.class);
        for (ResourceStatus r : resources) {
            counts.merge(r.health(), 1, Integer::sum);
            types.computeIfAbsent(r.health(), h -> new TreeSet<>()).add(r.type().isEmpty() ? r.name() : r.type());
        }
        if (counts.size() == 1) {
            Health only = counts.keySet().iterator().next();
            int n = resources.size();
            String named = named(types.get(only));
            return new HealthSummary(only, n == 1
                    ? "1 resource is reporting " + only + named
                    : "All " + n + " resources are reporting " + only + named);
        }
        StringJoiner message = new StringJoiner(", ");
        counts.forEach((health, count) -> message.add(count + " " + health + named(types.get(health))));
        return new HealthSummary(Health.PARTIAL, message.toString());
    }

    /** {@code " (directory, file)"}: the types (or names, for untyped entries) with that health. */
    private static String named(SortedSet<String> types) {
        return " (" + String.join(", ", types) + ")";
    }
}
