package io.drpkit.testkit;

import io.drpkit.sdk.model.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One websocket registration, {@code <type>.<action>.<key>} (spec §7.2, §7.4): the text is split
 * into exactly three parts on its first two dots; each part is {@code *} (anything) or a
 * comma-separated list of literal values, each trimmed of white space as DRP's {@code ValueInList}
 * does, in which {@code \1}, {@code \2} and {@code \3} stand for
 * {@code .}, {@code ,} and {@code *}. Immutable and thread-safe.
 */
final class EventPattern {
    private final String text;
    private final Set<String> types;    // null = any
    private final Set<String> actions;
    private final Set<String> keys;

    private EventPattern(String text, Set<String> types, Set<String> actions, Set<String> keys) {
        this.text = text;
        this.types = types;
        this.actions = actions;
        this.keys = keys;
    }

    /**
     * Parses a registration.
     *
     * @throws IllegalArgumentException if it does not have three dot-separated parts
     */
    static EventPattern parse(String text) {
        Objects.requireNonNull(text, "text == null");
        String[] parts = text.split("\\.", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("registration \"" + text
                    + "\": expected <type>.<action>.<key>");
        }
        return new EventPattern(text, part(parts[0]), part(parts[1]), part(parts[2]));
    }

    private static Set<String> part(String part) {
        if (part.equals("*")) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (String v : part.split(",", -1)) {
            v = v.strip(); // DRP's ValueInList trims each value
            values.add(v.replace("\\1", ".").replace("\\2", ",").replace("\\3", "*"));
        }
        return Set.copyOf(values);
    }

    String text() {
        return text;
    }

    boolean matches(Event e) {
        return matches(types, e.type()) && matches(actions, e.action()) && matches(keys, e.key());
    }

    private static boolean matches(Set<String> values, String value) {
        return values == null || values.contains(value);
    }

    @Override
    public String toString() {
        return text;
    }
}
