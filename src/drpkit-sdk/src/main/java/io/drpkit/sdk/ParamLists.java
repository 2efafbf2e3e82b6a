package io.drpkit.sdk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks a required + optional param list gets, shared by actions and the provider. */
final class ParamLists {
    private ParamLists() {
    }

    /** {@code required} then {@code optional}, in order. */
    static List<String> concat(List<String> required, List<String> optional) {
        List<String> all = new ArrayList<>(required);
        all.addAll(optional);
        return all;
    }

    /**
     * Every blank name and every name listed twice, in list order, phrased
     * {@code <prefix>a <noun> name is blank} and {@code <prefix><noun> <name> is listed twice}.
     */
    static List<String> problems(String prefix, String noun, List<String> required, List<String> optional) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String p : concat(required, optional)) {
            if (p == null || p.isBlank()) {
                problems.add(prefix + "a " + noun + " name is blank");
            } else if (!seen.add(p)) {
                problems.add(prefix + noun + " " + p + " is listed twice");
            }
        }
        return problems;
    }
}
