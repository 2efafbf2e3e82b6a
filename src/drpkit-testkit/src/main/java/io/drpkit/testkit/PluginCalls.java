package io.drpkit.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import io.drpkit.sdk.internal.hostclient.UnixSocketClients;

/** The host's side of a call to a provider's socket, shared by {@link ProviderProcess} and {@link ProviderHarness}. */
final class PluginCalls {
    private PluginCalls() {
    }

    static ProviderProcess.Response post(OkHttpClient client, Path servePath, String path, String contentType,
                                         byte[] body, String... headers) {
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(body, "body == null");
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("headers must be name, value pairs");
        }
        Request.Builder request = new Request.Builder().url(UnixSocketClients.BASE_URL + path)
                .post(RequestBody.create(body, contentType == null ? null : MediaType.get(contentType)));
        for (int i = 0; i < headers.length; i += 2) {
            request.addHeader(headers[i], headers[i + 1]);
        }
        try (okhttp3.Response response = client.newCall(request.build()).execute()) {
            return new ProviderProcess.Response(response.code(), headers(response.headers()), response.body().bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " on " + servePath + " failed: " + e, e);
        }
    }

    private static Map<String, List<String>> headers(Headers headers) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : headers.names()) {
            out.put(name, headers.values(name));
        }
        return out;
    }
}
