package io.drpkit.sdk.internal.server;

import java.util.ArrayDeque;
import java.util.Deque;

/** Go's {@code path.Clean} for request paths: the SDK redirects unclean paths with 301 (spec §3.1). */
final class CleanPath {
    private CleanPath() {
    }

    static String of(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        String clean = "/" + String.join("/", parts);
        // Go keeps a trailing slash of the original path
        if (path.endsWith("/") && !clean.equals("/")) {
            clean += "/";
        }
        return clean;
    }
}
