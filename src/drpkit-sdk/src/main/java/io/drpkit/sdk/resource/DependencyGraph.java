package io.drpkit.sdk.resource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a manager's resources and orders them for creation. Everything fails with
 * IllegalArgumentException at build time, naming the resources involved, so a wiring mistake
 * shows up in {@code define} and unit tests rather than in the middle of a create.
 */
final class DependencyGraph {
    private DependencyGraph() {
    }

    /**
     * The creation order: repeatedly the earliest-declared resource whose required resources are
     * all placed. Independent resources therefore keep declaration order, and the result is the
     * same on every run.
     */
    static List<Resource<?>> creationOrder(List<Resource<?>> declared) {
        Map<String, Resource<?>> byName = new LinkedHashMap<>();
        for (Resource<?> r : declared) {
            if (byName.putIfAbsent(r.name(), r) != null) {
                throw new IllegalArgumentException("duplicate resource name \"" + r.name() + "\"");
            }
        }
        List<String> unknown = new ArrayList<>();
        for (Resource<?> r : declared) {
            for (String required : r.requires()) {
                if (!byName.containsKey(required)) {
                    unknown.add("resource \"" + r.name() + "\" requires unknown resource \"" + required + "\"");
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", unknown));
        }

        List<Resource<?>> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<Resource<?>> pending = new ArrayList<>(declared);
        while (!pending.isEmpty()) {
            Resource<?> next = null;
            for (Resource<?> r : pending) {
                if (placed.containsAll(r.requires())) {
                    next = r;
                    break;
                }
            }
            if (next == null) {
                throw new IllegalArgumentException("dependency cycle: " + cycle(pending, byName));
            }
            pending.remove(next);
            placed.add(next.name());
            order.add(next);
        }
        return List.copyOf(order);
    }

    /** One cycle among {@code pending} as {@code a -> b -> a}, where an arrow reads "requires". */
    private static String cycle(List<Resource<?>> pending, Map<String, Resource<?>> byName) {
        Set<String> done = new HashSet<>();
        for (Resource<?> start : pending) {
            List<String> path = new ArrayList<>();
            String found = walk(start.name(), path, done, byName);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no cycle among " + pending);
    }

    private static String walk(String name, List<String> path, Set<String> done,
                               Map<String, Resource<?>> byName) {
        int at = path.indexOf(name);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(name);
            return String.join(" -> ", cycle);
        }
        if (done.contains(name)) {
            return null;
        }
        path.add(name);
        for (String required : byName.get(name).requires()) {
            String found = walk(required, path, done, byName);
            if (found != null) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(name);
        return null;
    }
}
