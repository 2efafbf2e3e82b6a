package io.drpkit.sdk.runbook;

import java.util.Objects;

/**
 * The two step lists of a {@link Runbook}. Thread-safe (an enum).
 *
 * @since 0.1
 */
public enum Phase {
    /** Brings the thing into being; its outputs are kept for {@link #DELETE}. */
    CREATE("create"),
    /** Tears it down again; its steps may read the stored outputs of {@link #CREATE} steps. */
    DELETE("delete");

    private final String wireName;

    Phase(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in runbook documents and in {@code RUNBOOK_PHASE}: {@code create} or {@code delete}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The phase named {@code wireName}.
     *
     * @throws IllegalArgumentException if it is neither {@code create} nor {@code delete}
     */
    public static Phase of(String wireName) {
        Objects.requireNonNull(wireName, "wireName == null");
        for (Phase p : values()) {
            if (p.wireName.equals(wireName)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown runbook phase \"" + wireName
                + "\" (expected create or delete)");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
