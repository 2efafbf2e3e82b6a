package io.drpkit.sdk.internal.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link HttpDrpApi} session talks to DRP. Immutable and thread-safe.
 *
 * <p>Defaults keep every call, retries included, within about 20 s — the Go SDK's retry window
 * (spec Part A.14):
 * <ul>
 *   <li>{@code connectTimeout} 5 s — TCP connect plus TLS handshake;</li>
 *   <li>{@code attemptTimeout} 20 s — one whole attempt (connect, send, wait, read);</li>
 *   <li>{@code totalTimeout} 20 s — the whole call: no attempt or back-off runs past it, and an
 *       attempt's own timeout is cut to what is left;</li>
 *   <li>{@code retryDelays} 1, 1, 2, 3, 5, 8 s — the Go client's back-off, one delay per retry of
 *       a transport failure (never of an HTTP answer);</li>
 *   <li>{@code caFile} none — DRP's self-signed certificate is accepted without verification,
 *       as the Go SDK does. With a CA file (PEM, one or more certificates) the server
 *       certificate and host name are verified against those certificates only;</li>
 *   <li>{@code updateAttempts} 3 — how often {@code update} re-reads and re-patches after a
 *       409 Conflict.</li>
 * </ul>
 *
 * @param proxySelector the proxies to use; {@link #fromEnvironment} reads {@code HTTPS_PROXY},
 *                   {@code HTTP_PROXY} and {@code NO_PROXY} as DRP's Go client does
 * @param traceLevel sent as {@code X-Log-Request} (with {@code traceToken} as {@code X-Log-Token})
 *                   so DRP logs this session's requests at that level
 */
public record DrpApiOptions(Duration connectTimeout, Duration attemptTimeout, Duration totalTimeout,
                            List<Duration> retryDelays, Optional<Path> caFile,
                            Optional<String> traceLevel, Optional<String> traceToken,
                            int updateAttempts, Optional<java.net.ProxySelector> proxySelector) {
    /**
     * Environment variable naming a PEM CA file to verify DRP's certificate with. Not an
     * {@code RS_} name: that namespace belongs to DRP, which never sets this one; an operator
     * does, in the environment dr-provision passes to its plugins.
     */
    public static final String CA_FILE_ENV = "DRPKIT_CA_FILE";

    public DrpApiOptions {
        positive("connectTimeout", connectTimeout);
        positive("attemptTimeout", attemptTimeout);
        positive("totalTimeout", totalTimeout);
        Objects.requireNonNull(retryDelays, "retryDelays == null");
        retryDelays = List.copyOf(retryDelays);
        retryDelays.forEach(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("retry delay is negative: " + d);
            }
        });
        Objects.requireNonNull(caFile, "caFile == null");
        Objects.requireNonNull(traceLevel, "traceLevel == null");
        Objects.requireNonNull(traceToken, "traceToken == null");
        Objects.requireNonNull(proxySelector, "proxySelector == null");
        if (updateAttempts < 1) {
            throw new IllegalArgumentException("updateAttempts < 1: " + updateAttempts);
        }
    }

    public static DrpApiOptions defaults() {
        return builder().build();
    }

    /** The defaults, plus {@value #CA_FILE_ENV} from {@code env} when set and not blank. */
    public static DrpApiOptions fromEnvironment(Map<String, String> env) {
        Builder b = builder();
        String ca = env.get(CA_FILE_ENV);
        if (ca != null && !ca.isBlank()) {
            b.caFile(Path.of(ca.trim()));
        }
        b.proxySelector = EnvProxySelector.from(env);
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().connectTimeout(connectTimeout).attemptTimeout(attemptTimeout)
                .totalTimeout(totalTimeout).retryDelays(retryDelays).updateAttempts(updateAttempts);
        b.caFile = caFile;
        b.traceLevel = traceLevel;
        b.traceToken = traceToken;
        b.proxySelector = proxySelector;
        return b;
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name + " == null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /** Builds {@link DrpApiOptions}; starts from the defaults. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration attemptTimeout = Duration.ofSeconds(20);
        private Duration totalTimeout = Duration.ofSeconds(20);
        private List<Duration> retryDelays = List.of(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(8));
        private Optional<Path> caFile = Optional.empty();
        private Optional<String> traceLevel = Optional.empty();
        private Optional<String> traceToken = Optional.empty();
        private int updateAttempts = 3;
        private Optional<java.net.ProxySelector> proxySelector = Optional.empty();

        private Builder() {
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder attemptTimeout(Duration d) {
            this.attemptTimeout = d;
            return this;
        }

        public Builder totalTimeout(Duration d) {
            this.totalTimeout = d;
            return this;
        }

        /** Delays before each retry; an empty list disables retries. */
        public Builder retryDelays(List<Duration> delays) {
            this.retryDelays = delays;
            return this;
        }

        public Builder caFile(Path pemFile) {
            this.caFile = Optional.of(Objects.requireNonNull(pemFile, "pemFile == null"));
            return this;
        }

        /** Accept DRP's certificate without verification (the default). */
        public Builder trustAll() {
            this.caFile = Optional.empty();
            return this;
        }

        public Builder trace(String level, String token) {
            this.traceLevel = Optional.of(Objects.requireNonNull(level, "level == null"));
            this.traceToken = Optional.ofNullable(token);
            return this;
        }

        public Builder updateAttempts(int attempts) {
            this.updateAttempts = attempts;
            return this;
        }

        public DrpApiOptions build() {
            return new DrpApiOptions(connectTimeout, attemptTimeout, totalTimeout, retryDelays, caFile,
                    traceLevel, traceToken, updateAttempts, proxySelector);
        }
    }
}
