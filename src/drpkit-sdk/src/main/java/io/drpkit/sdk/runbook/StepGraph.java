package io.drpkit.sdk.runbook;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dependency graph of one phase: a step depends on each step of the same phase it reads an
 * output from. References to steps outside the phase (a delete step reading a create step, or an
 * unknown step) are not edges. Immutable once built.
 */
final class StepGraph {
    private final List<String> order;
    private final Map<String, Set<String>> producers;
    private final Map<String, Set<String>> consumers;

    private StepGraph(List<String> order, Map<String, Set<String>> producers,
                      Map<String, Set<String>> consumers) {
        this.order = order;
        this.producers = producers;
        this.consumers = consumers;
    }

    static StepGraph of(List<Step> steps) {
        List<String> order = new ArrayList<>();
        Map<String, Set<String>> producers = new LinkedHashMap<>();
        Map<String, Set<String>> consumers = new LinkedHashMap<>();
        for (Step s : steps) {
            if (!producers.containsKey(s.name())) {
                order.add(s.name());
                producers.put(s.name(), new LinkedHashSet<>());
                consumers.put(s.name(), new LinkedHashSet<>());
            }
        }
        for (Step s : steps) {
            for (Input in : s.inputs()) {
                if (in.source() instanceof InputSource.StepOutput ref && producers.containsKey(ref.step())) {
                    producers.get(s.name()).add(ref.step());
                    consumers.get(ref.step()).add(s.name());
                }
            }
        }
        producers.replaceAll((k, v) -> Collections.unmodifiableSet(v));
        consumers.replaceAll((k, v) -> Collections.unmodifiableSet(v));
        return new StepGraph(List.copyOf(order), producers, consumers);
    }

    /** Step names in declaration order. */
    List<String> order() {
        return order;
    }

    /** The same-phase steps {@code step} reads from, in declaration order of its inputs. */
    Set<String> producers(String step) {
        return producers.getOrDefault(step, Set.of());
    }

    /** Every step that transitively reads from {@code step}, in declaration order. */
    List<String> transitiveConsumers(String step) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(consumers.getOrDefault(step, Set.of()));
        while (!todo.isEmpty()) {
            String s = todo.remove(todo.size() - 1);
            if (seen.add(s)) {
                todo.addAll(consumers.getOrDefault(s, Set.of()));
            }
        }
        List<String> result = new ArrayList<>(order);
        result.retainAll(seen);
        return result;
    }

    /**
     * One cycle for every back edge a depth-first walk in declaration order meets, each as the
     * list of steps {@code a, b, ..., a} where each reads the next.
     */
    List<List<String>> cycles() {
        List<List<String>> cycles = new ArrayList<>();
        Map<String, Integer> color = new LinkedHashMap<>();
        for (String s : order) {
            if (!color.containsKey(s)) {
                walk(s, color, new ArrayList<>(), cycles);
            }
        }
        return cycles;
    }

    private void walk(String s, Map<String, Integer> color, List<String> path, List<List<String>> cycles) {
        color.put(s, 1);
        path.add(s);
        for (String p : producers(s)) {
            Integer c = color.get(p);
            if (c == null) {
                walk(p, color, path, cycles);
            } else if (c == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(p), path.size()));
                cycle.add(p);
                cycles.add(List.copyOf(cycle));
            }
        }
        path.remove(path.size() - 1);
        color.put(s, 2);
    }

    Optional<String> firstInOrder(List<String> names) {
        return order.stream().filter(names::contains).findFirst();
    }
}
