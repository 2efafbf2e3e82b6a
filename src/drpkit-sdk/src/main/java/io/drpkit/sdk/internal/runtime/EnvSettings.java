package io.drpkit.sdk.internal.runtime;

import io.drpkit.sdk.internal.api.DrpApiOptions;
import io.drpkit.sdk.internal.hostclient.HostClient;
import java.time.Duration;
import java.util.Map;

/**
 * The runtime's {@code DRPKIT_*} settings, read in one place (README, "Logging and
 * environment"). A bad value is an error naming the variable, never silently a default.
 * Timeouts are capped at the Go SDK's whole retry window, about 20 s (Part A.14).
 */
final class EnvSettings {
    static final String MAX_BODY = "DRPKIT_MAX_BODY";
    static final String HOST_TIMEOUT = "DRPKIT_HOST_TIMEOUT";
    static final String API_TIMEOUT = "DRPKIT_API_TIMEOUT";
    static final String MAX_CONNECTIONS = "DRPKIT_MAX_CONNECTIONS";
    /** Descriptors kept for everything but inbound connections: jars, pipes, DRP, the host, steps. */
    static final long FD_RESERVE = 64;
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(20);

    private final Map<String, String> env;

    EnvSettings(Map<String, String> env) {
        this.env = env;
    }

    /** Request body limit in bytes, default 64 MiB (Part A.13). */
    long maxBodyBytes() {
        String v = env.get(MAX_BODY);
        if (v == null || v.isBlank()) {
            return 64L * 1024 * 1024;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_BODY + ": expected a positive number of bytes, got \"" + v + "\"");
        }
    }

    /**
     * Inbound connections open at once (issue 11 item 2). Default: 512, or fewer when the
     * process's descriptor limit is low — half of what is left after {@link #FD_RESERVE}, at least
     * 16 — so a flood is shed before descriptors run out.
     *
     * @param fdLimit the process's descriptor limit ({@code ulimit -n}), or 0 if unknown
     */
    int maxConnections(long fdLimit) {
        String v = env.get(MAX_CONNECTIONS);
        if (v == null || v.isBlank()) {
            long fit = fdLimit <= 0 ? Long.MAX_VALUE : Math.max(16, (fdLimit - FD_RESERVE) / 2);
            return (int) Math.min(io.drpkit.sdk.internal.server.UnixHttpServer.Options.DEFAULT_MAX_CONNECTIONS, fit);
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_CONNECTIONS + ": expected a positive number of connections, got \""
                    + v + "\"");
        }
    }

    /**
     * The process's soft descriptor limit from {@code /proc/self/limits}, or 0 where it cannot be
     * read (not Linux). Read from the file rather than the management beans, which would cost
     * start-up time.
     */
    static long fdLimit() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? 0 : Long.parseLong(soft);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // unknown: the fixed default applies
        }
        return 0;
    }

    /** Each call to the host socket: connect and whole call, default 2 s / 5 s. */
    HostClient.Options hostOptions() {
        Duration call = duration(HOST_TIMEOUT, Duration.ofSeconds(5));
        return HostClient.Options.of(call.compareTo(Duration.ofSeconds(2)) < 0 ? call : Duration.ofSeconds(2), call);
    }

    /** DRP API calls: the whole call, retries included, default 20 s. */
    DrpApiOptions apiOptions() {
        Duration total = duration(API_TIMEOUT, MAX_TIMEOUT);
        DrpApiOptions base = DrpApiOptions.fromEnvironment(env);
        return base.toBuilder().totalTimeout(total)
                .attemptTimeout(base.attemptTimeout().compareTo(total) < 0 ? base.attemptTimeout() : total)
                .connectTimeout(base.connectTimeout().compareTo(total) < 0 ? base.connectTimeout() : total)
                .build();
    }

    /** {@code 500ms}, {@code 3s}, {@code 3} (seconds); at most {@link #MAX_TIMEOUT}. */
    Duration duration(String name, Duration fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        String t = v.trim();
        Duration d;
        try {
            if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            } else {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a duration like 500ms or 5s, got \"" + v + "\"");
        }
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(name + ": expected a duration above 0 and at most "
                    + MAX_TIMEOUT.toSeconds() + "s, got \"" + v + "\"");
        }
        return d;
    }
}
