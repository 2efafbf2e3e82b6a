package io.drpkit.sdk.internal.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns plain-text API paths into the encoded path after {@code /api/v3/}, the way DRP's Go
 * client does ({@code path.Join} of the parts, then Go's path escaping): {@code /} separates
 * segments and is never escaped — DRP routes {@code params/*key}, so {@code incrementer/step}
 * must arrive as two segments — while characters outside RFC 3986's unreserved set and
 * {@code $&+,:;=@} are percent-encoded as UTF-8. Empty segments are dropped (as
 * {@code path.Join} does); {@code .} and {@code ..} are refused rather than resolved, so a key
 * can never address a different object.
 */
final class ApiPaths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ApiPaths() {
    }

    /** {@code parts} joined with {@code /} and encoded, e.g. {@code machines/u1/params/a%20b/c}. */
    static String encode(String... parts) {
        List<String> segments = new ArrayList<>();
        for (String part : parts) {
            Objects.requireNonNull(part, "path part == null");
            for (String segment : part.split("/", -1)) {
                if (segment.isEmpty()) {
                    continue;
                }
                if (segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("path segment '" + segment + "' not allowed in "
                            + String.join("/", parts));
                }
                segments.add(escape(segment));
            }
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("empty API path");
        }
        return String.join("/", segments);
    }

    private static String escape(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isKept(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isKept(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~$&+,:;=@".indexOf(c) >= 0;
    }
}
