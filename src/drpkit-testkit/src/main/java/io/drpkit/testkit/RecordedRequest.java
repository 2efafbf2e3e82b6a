package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.json.DrpJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the fake host received it, before it answered. Immutable (the body is
 * copied in and out) and thread-safe.
 *
 * @param method  the HTTP method, upper case
 * @param path    the decoded request path, e.g. {@code /api-server-plugin/v4/log}
 * @param query   the raw query string without {@code ?}, or empty
 * @param headers header name to values; names are compared case-insensitively
 * @param body    the request body (empty when there was none)
 * @param time    when the request was recorded
 * @since 0.1
 */
public record RecordedRequest(String method, String path, String query,
                              Map<String, List<String>> headers, byte[] body, Instant time) {

    public RecordedRequest {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(path, "path == null");
        query = query == null ? "" : query;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> h.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
            h.replaceAll((k, v) -> List.copyOf(v));
        }
        headers = Collections.unmodifiableMap(h);
        body = body == null ? new byte[0] : body.clone();
        Objects.requireNonNull(time, "time == null");
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The first value of header {@code name} (any letter case), if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(Objects.requireNonNull(name, "name == null"));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body parsed as JSON.
     *
     * @throws UncheckedIOException if the body is not JSON
     */
    public JsonNode json() {
        try {
            return DrpJson.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": body is not JSON: "
                    + abbreviate(bodyText()), e);
        }
    }

    /** {@code METHOD path[?query]}, as in a log line. */
    public String line() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedRequest r && method.equals(r.method) && path.equals(r.path)
                && query.equals(r.query) && headers.equals(r.headers)
                && java.util.Arrays.equals(body, r.body) && time.equals(r.time);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, query, headers, java.util.Arrays.hashCode(body), time);
    }

    @Override
    public String toString() {
        return line() + " (" + body.length + " bytes)";
    }

    static String abbreviate(String s) {
        String oneLine = s.replace('\n', ' ');
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
