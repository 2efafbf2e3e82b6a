package io.drpkit.sdk;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The environment DRP gives a provider process (spec §2.1): {@code RS_ENDPOINT},
 * {@code RS_TOKEN}, {@code RS_FILESERVER}, {@code RS_WEBROOT} and the scratch working directory.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public record ProviderEnvironment(String endpoint, Optional<String> token,
                                  Optional<String> fileServer, Optional<Path> webRoot,
                                  Path scratchDir) {
    /** The SDK default for {@code RS_ENDPOINT} when unset, as the Go SDK. */
    public static final String DEFAULT_ENDPOINT = "https://127.0.0.1:8092";

    public ProviderEnvironment {
        Objects.requireNonNull(endpoint, "endpoint == null");
        Objects.requireNonNull(token, "token == null");
        Objects.requireNonNull(fileServer, "fileServer == null");
        Objects.requireNonNull(webRoot, "webRoot == null");
        Objects.requireNonNull(scratchDir, "scratchDir == null");
    }

    /** Reads the variables from {@code env}; blank values count as unset. */
    public static ProviderEnvironment from(Map<String, String> env, Path cwd) {
        return new ProviderEnvironment(
                nonBlank(env.get("RS_ENDPOINT")).map(ProviderEnvironment::trimSlash)
                        .orElse(DEFAULT_ENDPOINT),
                nonBlank(env.get("RS_TOKEN")),
                nonBlank(env.get("RS_FILESERVER")).map(ProviderEnvironment::trimSlash),
                nonBlank(env.get("RS_WEBROOT")).map(Path::of),
                cwd);
    }

    /** The current process's environment and working directory. */
    public static ProviderEnvironment current() {
        return from(System.getenv(), Path.of("").toAbsolutePath());
    }

    /** True when {@code RS_TOKEN} is {@code catalog}: the definition is being harvested. */
    public boolean isCatalog() {
        return token.filter("catalog"::equals).isPresent();
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    private static String trimSlash(String s) {
        String r = s;
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
