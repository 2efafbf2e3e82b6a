package io.drpkit.sdk.internal.server;

import java.util.Set;

/** The level names DRP accepts in {@code X-Log-Request} (spec §3.3). */
final class LogLevels {
    private static final Set<String> VALID =
            Set.of("trace", "debug", "info", "warn", "error", "err", "fatal", "panic", "audit");

    private LogLevels() {
    }

    static boolean isValid(String level) {
        return VALID.contains(level);
    }

    static String normalize(String level) {
        return level.equals("err") ? "error" : level;
    }
}
