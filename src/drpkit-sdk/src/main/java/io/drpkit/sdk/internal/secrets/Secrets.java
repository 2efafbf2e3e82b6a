package io.drpkit.sdk.internal.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.Params;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The secret values one provider process currently knows, and {@link #mask(String)}, which
 * replaces each of them by {@value Params#HIDDEN} in a text. One instance per runtime (no static
 * state): the runtime fills it, the log forwarder, the job loggers and the error replies mask
 * with it.
 *
 * <p>What it holds: the secure params of the {@code /config} in force ({@link #replaceConfig};
 * the previous configuration's values are kept as {@linkplain #learn learned} ones, since lines
 * naming them may still be on their way), and every value {@link #learn learned} since: action
 * secure params, values read decoded or sealed through the DRP API. Learned values are at most
 * {@value #MAX_LEARNED}; past that the oldest is forgotten. Values shorter than
 * {@value Params#MASK_MIN_LENGTH} characters are not held (they would mask ordinary words), as
 * {@link Params#mask} does.
 *
 * <p>Cost: {@link #mask} reads one volatile array, precomputed on every change (longest value
 * first, so a value containing another is masked whole), and returns the text itself when the
 * array is empty or no value occurs; no regular expressions. Thread-safe: changes are serialized
 * and publish a new array; {@link #mask} never locks.
 */
public final class Secrets {
    /** How many learned values are kept (the configuration's are not counted). */
    public static final int MAX_LEARNED = 1024;
    private static final String[] NONE = new String[0];

    private final Object lock = new Object();
    private Set<String> config = Set.of();                          // guarded by lock
    private final LinkedHashSet<String> learned = new LinkedHashSet<>(); // guarded by lock; oldest first
    private volatile String[] patterns = NONE;

    /**
     * The text a value shows in free text: a JSON string as its text, any other value as its JSON;
     * null for JSON null or a missing value.
     */
    public static String shown(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /** The secure values of {@code params} (its {@link Params#secureNames()}), as {@link #shown}. */
    public static List<String> secureValues(Params params) {
        Objects.requireNonNull(params, "params == null");
        List<String> out = new ArrayList<>();
        for (String name : params.secureNames()) {
            params.raw(name).map(Secrets::shown).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The values of the configuration now in force, replacing the previous configuration's (which
     * are kept as learned values).
     */
    public void replaceConfig(Collection<String> values) {
        Objects.requireNonNull(values, "values == null");
        Set<String> next = new LinkedHashSet<>();
        for (String v : values) {
            if (maskable(v)) {
                next.add(v);
            }
        }
        synchronized (lock) {
            for (String old : config) {
                if (!next.contains(old)) {
                    remember(old);
                }
            }
            config = Set.copyOf(next);
            publish();
        }
    }

    /** Adds {@code value} (ignored when null or shorter than {@value Params#MASK_MIN_LENGTH}). */
    public void learn(String value) {
        if (!maskable(value)) {
            return;
        }
        synchronized (lock) {
            if (config.contains(value) || !remember(value)) {
                return;
            }
            publish();
        }
    }

    /** {@link #learn(String)} of {@link #shown(JsonNode) value as shown}. */
    public void learn(JsonNode value) {
        learn(shown(value));
    }

    /** {@link #learn(String)} of each. */
    public void learnAll(Collection<String> values) {
        Objects.requireNonNull(values, "values == null");
        values.forEach(this::learn);
    }

    /** {@code text} with every known value replaced by {@value Params#HIDDEN}; {@code text} itself when none occurs. */
    public String mask(String text) {
        String[] p = patterns;
        if (p.length == 0 || text == null) {
            return text;
        }
        String out = text;
        for (String secret : p) {
            if (out.contains(secret)) {
                out = out.replace(secret, Params.HIDDEN);
            }
        }
        return out;
    }

    /** Whether no value is known (then {@link #mask} returns its argument at once). */
    public boolean isEmpty() {
        return patterns.length == 0;
    }

    /** How many values are known. */
    public int size() {
        return patterns.length;
    }

    private static boolean maskable(String value) {
        return value != null && value.length() >= Params.MASK_MIN_LENGTH;
    }

    /** Adds to the learned values, or moves it to their newest end; false when it was held already. */
    private boolean remember(String value) {
        boolean present = learned.remove(value);
        learned.add(value);
        if (!present && learned.size() > MAX_LEARNED) {
            Iterator<String> oldest = learned.iterator();
            oldest.next();
            oldest.remove();
        }
        return !present;
    }

    private void publish() {
        Set<String> all = new LinkedHashSet<>(config);
        all.addAll(learned);
        String[] next = all.toArray(NONE);
        java.util.Arrays.sort(next, Comparator.comparingInt(String::length).reversed());
        patterns = next;
    }
}
