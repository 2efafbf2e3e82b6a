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
