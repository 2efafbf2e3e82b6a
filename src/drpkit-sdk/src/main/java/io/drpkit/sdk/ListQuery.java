package io.drpkit.sdk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The query string of a DRP list call ({@code GET /api/v3/<prefix>?...}): index filters in DRP's
 * syntax ({@code Name=Eq(foo)}, {@code CurrentTask=Gt(2)}, {@code Stage=In(a,b)},
 * {@code Name=Re(^rack-)} ...; the operators {@code drpcli <prefix> list} offers) and the paging
 * and ordering options {@code offset}, {@code limit}, {@code sort}, {@code reverse}, plus
 * {@code aggregate} and {@code decode}. DRP answers 400 for an index the object type does not
 * have. Several filters are ANDed; one index may be filtered once. Immutable and thread-safe.
 *
 * <pre>{@code
 * List<Machine> racked = api.list(Machine.class, ListQuery.builder()
 *     .eq("Stage", "complete").re("Name", "^rack-12-").sort("Name").limit(50).build());
 * }</pre>
 *
 * @since 0.2
 */
public final class ListQuery {
    private static final ListQuery ALL = new ListQuery(Map.of());

    private final Map<String, String> parameters;

    private ListQuery(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    /** No filter, no paging: every object. */
    public static ListQuery all() {
        return ALL;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The query parameters, in the order they were added. */
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListQuery q && parameters.equals(q.parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("?");
        parameters.forEach((k, v) -> s.append(s.length() > 1 ? "&" : "").append(k).append('=').append(v));
        return s.toString();
    }

    /** Builds a {@link ListQuery}. Not thread-safe. */
    public static final class Builder {
        private static final List<String> OPTIONS = List.of("offset", "limit", "sort", "reverse", "aggregate", "decode");
        private final Map<String, String> parameters = new LinkedHashMap<>();

        private Builder() {
        }

        /** {@code index=Eq(value)}: equal to. */
        public Builder eq(String index, String value) {
            return filter(index, "Eq", value);
        }

        /** {@code index=Ne(value)}: not equal to. */
        public Builder ne(String index, String value) {
            return filter(index, "Ne", value);
        }

        /** {@code index=Lt(value)}: less than (numbers compare as numbers, text as text). */
        public Builder lt(String index, String value) {
            return filter(index, "Lt", value);
        }

        public Builder lte(String index, String value) {
            return filter(index, "Lte", value);
        }

        public Builder gt(String index, String value) {
            return filter(index, "Gt", value);
        }

        public Builder gte(String index, String value) {
            return filter(index, "Gte", value);
        }

        /** {@code index=Re(regex)}: matches the (RE2) regular expression. */
        public Builder re(String index, String regex) {
            return filter(index, "Re", regex);
        }

        /** {@code index=Between(lower,upper)}: lower ≤ value ≤ upper. */
        public Builder between(String index, String lower, String upper) {
            return filter(index, "Between", noComma(lower) + "," + noComma(upper));
        }

        /** {@code index=Except(lower,upper)}: value &lt; lower or value &gt; upper. */
        public Builder except(String index, String lower, String upper) {
            return filter(index, "Except", noComma(lower) + "," + noComma(upper));
        }

        /** {@code index=In(a,b,...)}: one of the values. */
        public Builder in(String index, List<String> values) {
            return filter(index, "In", list(values));
        }

        /** {@code index=Nin(a,b,...)}: none of the values. */
        public Builder nin(String index, List<String> values) {
            return filter(index, "Nin", list(values));
        }

        /** Skip the first {@code offset} matches. */
        public Builder offset(int offset) {
            return option("offset", nonNegative("offset", offset));
        }

        /** At most {@code limit} objects. */
        public Builder limit(int limit) {
            return option("limit", nonNegative("limit", limit));
        }

        /** Order by {@code index} (DRP's default is the key). */
        public Builder sort(String index) {
            return option("sort", requireIndex(index));
        }

        /** Reverse the order. */
        public Builder reverse() {
            return option("reverse", "true");
        }

        /** Params as aggregated from profiles and global (objects with params). */
        public Builder aggregate() {
            return option("aggregate", "true");
        }

        /** Secure params decrypted (needs DRP's {@code getSecure} claim). */
        public Builder decode() {
            return option("decode", "true");
        }

        /** The query; every check already ran as the parts were added. */
        public ListQuery build() {
            return parameters.isEmpty() ? ALL : new ListQuery(Collections.unmodifiableMap(new LinkedHashMap<>(parameters)));
        }

        private Builder filter(String index, String op, String argument) {
            requireIndex(index);
            Objects.requireNonNull(argument, index + " value == null");
            if (OPTIONS.contains(index)) {
                throw new IllegalArgumentException("'" + index + "' is a list option, not an index");
            }
            if (parameters.containsKey(index)) {
                throw new IllegalArgumentException("index " + index + " is filtered twice (" + parameters.get(index)
                        + " and " + op + "(" + argument + ")); DRP takes one filter per index");
            }
            parameters.put(index, op + "(" + argument + ")");
            return this;
        }

        private Builder option(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        private static String requireIndex(String index) {
            Objects.requireNonNull(index, "index == null");
            if (index.isBlank()) {
                throw new IllegalArgumentException("index is blank");
            }
            return index;
        }

        private static String nonNegative(String what, int n) {
            if (n < 0) {
                throw new IllegalArgumentException(what + " is negative: " + n);
            }
            return Integer.toString(n);
        }

        private static String list(List<String> values) {
            Objects.requireNonNull(values, "values == null");
            if (values.isEmpty()) {
                throw new IllegalArgumentException("In/Nin need at least one value");
            }
            List<String> checked = new ArrayList<>(values.size());
            values.forEach(v -> checked.add(noComma(v)));
            return String.join(",", checked);
        }

        private static String noComma(String v) {
            Objects.requireNonNull(v, "value == null");
            if (v.contains(",")) {
                throw new IllegalArgumentException("value '" + v + "' contains ',', which DRP's list syntax uses to separate values");
            }
            return v;
        }
    }
}
