package io.drpkit.sdk.runbook;

import java.util.ArrayDeque;
import java.util.List;

/** The last {@code capacity} lines seen. Thread-safe: written by a drainer, read by the step's thread. */
final class LineTail {
    private final int capacity;
    private final ArrayDeque<String> lines;

    LineTail(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.max(capacity, 1));
    }

    synchronized void add(String line) {
        if (capacity == 0) {
            return;
        }
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
