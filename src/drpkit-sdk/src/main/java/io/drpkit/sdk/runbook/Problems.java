package io.drpkit.sdk.runbook;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects validation problems of one runbook, each one self-contained message naming the
 * runbook and, where there is one, the step. Not thread-safe; one per parse/validation.
 */
final class Problems {
    private final String runbookId;
    private final List<String> messages = new ArrayList<>();

    Problems(String runbookId) {
        this.runbookId = runbookId;
    }

    String runbookId() {
        return runbookId;
    }

    void runbook(String message) {
        messages.add(runbookLabel() + ": " + message);
    }

    void step(String stepLabel, String message) {
        messages.add(runbookLabel() + " step " + stepLabel + ": " + message);
    }

    void addAll(List<String> more) {
        messages.addAll(more);
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    /** {@code "name"} quoted, as the step label of messages. */
    static String quote(String s) {
        return "\"" + s + "\"";
    }

    private String runbookLabel() {
        return runbookId.isEmpty() ? "runbook (no Id)" : "runbook " + quote(runbookId);
    }
}
