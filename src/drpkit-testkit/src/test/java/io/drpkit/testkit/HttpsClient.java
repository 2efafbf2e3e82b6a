package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.json.DrpJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A small REST client for tests of the fake: OkHttp, bearer token, bounded timeouts. */
final class HttpsClient implements AutoCloseable {
    static final MediaType JSON = MediaType.get("application/json");

    final OkHttpClient http;
    private final FakeDrp drp;
    private final String token;

    private HttpsClient(OkHttpClient http, FakeDrp drp, String token) {
        this.http = http;
        this.drp = drp;
        this.token = token;
    }

    /** Verifies the fake's certificate, host name included. */
    static HttpsClient verifying(FakeDrp drp) {
        OkHttpClient http = base()
                .sslSocketFactory(drp.clientSslContext().getSocketFactory(), drp.trustManager())
                .build();
        return new HttpsClient(http, drp, drp.token());
    }

    /** Verifies nothing, as the Go SDK's client does (spec §2.2). */
    static HttpsClient trustingAll(FakeDrp drp, String token) {
        X509TrustManager all = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {all}, new SecureRandom());
            OkHttpClient http = base().sslSocketFactory(ctx.getSocketFactory(), all)
                    .hostnameVerifier((h, s) -> true).build();
            return new HttpsClient(http, drp, token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static OkHttpClient.Builder base() {
        return new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20))
                .readTimeout(Duration.ofSeconds(20));
    }

    Request.Builder request(String path) {
        return new Request.Builder().url(drp.endpoint() + path)
                .header("Authorization", "Bearer " + token);
    }

    Reply get(String path) {
        return execute(request(path).get().build());
    }

    Reply post(String path, String json) {
        return execute(request(path).post(RequestBody.create(json, JSON)).build());
    }

    Reply put(String path, String json) {
        return execute(request(path).put(RequestBody.create(json, JSON)).build());
    }

    Reply patch(String path, String json) {
        return execute(request(path).patch(RequestBody.create(json, JSON)).build());
    }

    Reply delete(String path) {
        return execute(request(path).delete().build());
    }

    Reply execute(Request request) {
        try (Response r = http.newCall(request).execute()) {
            return new Reply(r.code(), r.header("Content-Type", ""), r.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.url(), e);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return DrpJson.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }
}
