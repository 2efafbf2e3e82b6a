package io.drpkit.sdk.runbook;

import java.util.List;

/** Kills a process and everything it started. */
final class ProcessTrees {
    private ProcessTrees() {
    }

    /**
     * Forcibly kills {@code root} and all its descendants. The descendants are listed first:
     * once {@code root} dies its children are re-parented and no longer findable from it. The
     * root goes first so a shell cannot start its next command between the kills.
     */
    static void kill(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
