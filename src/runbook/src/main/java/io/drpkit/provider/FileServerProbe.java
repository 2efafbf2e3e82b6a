package io.drpkit.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Fetches a URL from dr-provision's static file server and digests what it serves, for
 * {@code publish-status}. Plain HTTP GET with the JDK client (the file server is not DRP's API,
 * so none of the API session's machinery is needed), a short connect and request timeout, no
 * redirects. The client is built on first use. Thread-safe.
 */
final class FileServerProbe {
    /** What the file server answered: the status and, for a 200, the SHA-256 of the body. */
    record Fetch(int status, String sha256) {
    }

    private final Duration timeout;
    private volatile HttpClient client;

    FileServerProbe(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout == null");
    }

    /**
     * {@code GET url}.
     *
     * @throws IOException if there is no answer within the timeout, or the connection fails
     * @throws InterruptedException if interrupted while waiting
     */
    Fetch get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().timeout(timeout)
                .header("Cache-Control", "no-cache").build();
        HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                return new Fetch(response.statusCode(), "");
            }
            MessageDigest digest = sha256();
            byte[] buffer = new byte[8192];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return new Fetch(200, HexFormat.of().formatHex(digest.digest()));
        }
    }

    /** The hex SHA-256 of {@code bytes}, as {@link #get} reports it. */
    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().connectTimeout(timeout)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .version(HttpClient.Version.HTTP_1_1).build();
                    client = c;
                }
            }
        }
        return c;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
