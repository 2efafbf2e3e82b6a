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
        if (isClean(path)) {
            return path; // every request DRP sends: no split, no join, no garbage
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

    /**
     * True when {@link #of} would answer {@code path} itself: it starts with {@code /} and no
     * segment is empty (but a trailing one), {@code .} or {@code ..}.
     */
    private static boolean isClean(String path) {
        if (path.charAt(0) != '/') {
            return false;
        }
        int start = 1;
        int n = path.length();
        while (start < n) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            int len = end - start;
            if (len == 0 || (len == 1 && path.charAt(start) == '.')
                    || (len == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }
}
