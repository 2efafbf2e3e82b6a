package io.drpkit.sdk;

import io.drpkit.sdk.model.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One event selection as DRP's websocket understands it (spec §7.2, §7.4):
 * {@code <type>.<action>.<key>}, each part {@code *} (anything) or a comma-separated list of
 * literal values. Inside a value, {@code \1}, {@code \2} and {@code \3} stand for {@code .},
 * {@code ,} and {@code *}, so a key with dots (a name, an address) must be escaped; the
 * factories here do that. Immutable and thread-safe.
 *
 * <pre>{@code
 * EventSelection.of("machines", "create", "*").text();       // machines.create.*
 * EventSelection.of("profiles", "save", "rack1.dc").text();  // profiles.save.rack1\1dc
 * EventSelection.anyOf(List.of("machines"), List.of("create", "delete"), List.of()).text();
 *                                                            // machines.create,delete.*
 * }</pre>
 *
 * @since 0.1
 */
public final class EventSelection {
    /** The part that matches anything. */
    public static final String ANY = "*";

    private final String text;
    private final Set<String> types;   // empty = any
    private final Set<String> actions;
    private final Set<String> keys;

    private EventSelection(String text, Set<String> types, Set<String> actions, Set<String> keys) {
        this.text = text;
        this.types = types;
        this.actions = actions;
        this.keys = keys;
    }

    /**
     * A selection of one type, one action and one key, each {@value #ANY} for anything or one
     * literal value (escaped here: a literal {@code *} cannot be written this way, use
     * {@link #anyOf}).
     *
     * @throws IllegalArgumentException if a part is empty
     */
    public static EventSelection of(String type, String action, String key) {
        return anyOf(one("type", type), one("action", action), one("key", key));
    }

    /**
     * A selection of any of the given literal values per part (escaped here); an empty
     * collection matches anything.
     *
     * @throws IllegalArgumentException if a value is empty
     */
    public static EventSelection anyOf(Collection<String> types, Collection<String> actions, Collection<String> keys) {
        Set<String> t = values("type", types);
        Set<String> a = values("action", actions);
        Set<String> k = values("key", keys);
        return new EventSelection(part(t) + "." + part(a) + "." + part(k), t, a, k);
    }

    /**
     * Reads a selection in wire form, e.g. {@code machines.create,delete.*}: split into three
     * parts on the first two dots, each part {@code *} or a comma list of escaped values; white
     * space around a value is ignored ({@code machines.create, delete.*} selects deletes too), as
     * DRP's {@code ValueInList} trims each value. {@link #text()} stays as written.
     *
     * @throws IllegalArgumentException naming the text if it has fewer than three parts or an
     *                                  empty part or value
     */
    public static EventSelection parse(String text) {
        Objects.requireNonNull(text, "text == null");
        String[] parts = text.split("\\.", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("event selection \"" + text
                    + "\": expected <type>.<action>.<key>, each * or a comma-separated list");
        }
        return new EventSelection(text, parsePart(text, "type", parts[0]), parsePart(text, "action", parts[1]),
                parsePart(text, "key", parts[2]));
    }

    /** {@code value} with {@code .}, {@code ,} and {@code *} written as {@code \1}, {@code \2}, {@code \3}. */
    public static String escape(String value) {
        Objects.requireNonNull(value, "value == null");
        return value.replace(".", "\\1").replace(",", "\\2").replace("*", "\\3");
    }

    /** The inverse of {@link #escape}. */
    public static String unescape(String value) {
        Objects.requireNonNull(value, "value == null");
        return value.replace("\\1", ".").replace("\\2", ",").replace("\\3", "*");
    }

    /** The wire form sent in {@code register} and {@code deregister}. */
    public String text() {
        return text;
    }

    /** Whether {@code event}'s type, action and key are each selected. */
    public boolean matches(Event event) {
        Objects.requireNonNull(event, "event == null");
        return matches(event.type(), event.action(), event.key());
    }

    /** Whether an event with this type, action and key is selected. */
    public boolean matches(String type, String action, String key) {
        return selected(types, type) && selected(actions, action) && selected(keys, key);
    }

    private static boolean selected(Set<String> values, String value) {
        return values.isEmpty() || values.contains(value);
    }

    private static List<String> one(String what, String value) {
        Objects.requireNonNull(value, what + " == null");
        return ANY.equals(value) ? List.of() : List.of(value);
    }

    private static Set<String> values(String what, Collection<String> values) {
        Objects.requireNonNull(values, what + "s == null");
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            Objects.requireNonNull(v, what + " value == null");
            if (v.isEmpty()) {
                throw new IllegalArgumentException("event selection: empty " + what + " value");
            }
            out.add(v);
        }
        return Collections.unmodifiableSet(out);
    }

    private static String part(Set<String> values) {
        if (values.isEmpty()) {
            return ANY;
        }
        List<String> escaped = new ArrayList<>(values.size());
        values.forEach(v -> escaped.add(escape(v)));
        return String.join(",", escaped);
    }

    private static Set<String> parsePart(String text, String what, String part) {
        if (part.equals(ANY)) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String raw : part.split(",", -1)) {
            String v = raw.strip(); // as Go's ValueInList: each value trimmed of white space
            if (v.isEmpty()) {
                throw new IllegalArgumentException("event selection \"" + text + "\": empty " + what
                        + " value (use * for any " + what + ")");
            }
            out.add(unescape(v));
        }
        return Collections.unmodifiableSet(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventSelection s && s.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The wire form. */
    @Override
    public String toString() {
        return text;
    }
}
