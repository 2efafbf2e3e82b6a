package io.drpkit.sdk.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.drpkit.sdk.ProviderEnvironment;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EnvProxySelectorTest {
    private static ProxySelector selector(Map<String, String> env) {
        return EnvProxySelector.from(env).orElseThrow();
    }

    private static String proxied(ProxySelector s, String uri) {
        Proxy p = s.select(URI.create(uri)).get(0);
        return p.type() == Proxy.Type.DIRECT ? "direct" : p.type() + " " + p.address();
    }

    @Test
    void noProxyVariablesMeansNoSelector() {
        assertThat(EnvProxySelector.from(Map.of("NO_PROXY", "x"))).isEmpty();
    }

    @Test
    void httpsAndWssUseHttpsProxyAndHttpUsesHttpProxy() {
        ProxySelector s = selector(Map.of("HTTPS_PROXY", "http://secure:3128", "http_proxy", "plain:8080"));
        assertThat(proxied(s, "https://drp.example:8092/api/v3/info")).isEqualTo("HTTP secure/<unresolved>:3128");
        assertThat(proxied(s, "wss://drp.example:8092/api/v3/ws")).isEqualTo("HTTP secure/<unresolved>:3128");
        assertThat(proxied(s, "http://drp.example:8091/x")).isEqualTo("HTTP plain/<unresolved>:8080");
    }

    @Test
    void loopbackAndNoProxyEntriesGoDirect() {
        ProxySelector s = selector(Map.of("HTTPS_PROXY", "http://p:3128", "NO_PROXY", "internal.lan, drp.example:8092"));
        assertThat(proxied(s, "https://127.0.0.1:8092/")).isEqualTo("direct");
        assertThat(proxied(s, "https://localhost:8092/")).isEqualTo("direct");
        assertThat(proxied(s, "https://[::1]:8092/")).isEqualTo("direct");
        assertThat(proxied(s, "https://a.internal.lan/")).isEqualTo("direct");
        assertThat(proxied(s, "https://internal.lan/")).isEqualTo("direct");
        assertThat(proxied(s, "https://drp.example:8092/")).isEqualTo("direct");
        assertThat(proxied(s, "https://drp.example:9999/")).startsWith("HTTP p");
        assertThat(proxied(selector(Map.of("HTTPS_PROXY", "p:1", "NO_PROXY", "*")), "https://x/")).isEqualTo("direct");
    }

    @Test
    void socksProxiesAreSupportedAndOthersNamed() {
        assertThat(proxied(selector(Map.of("HTTPS_PROXY", "socks5://s:1080")), "https://x/")).startsWith("SOCKS s");
        assertThatThrownBy(() -> EnvProxySelector.from(Map.of("HTTPS_PROXY", "ftp://p:21")))
                .hasMessageContaining("HTTPS_PROXY").hasMessageContaining("ftp");
    }

    @Test
    void theSessionSendsItsRequestsThroughTheProxy() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", ex -> {
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            byte[] body = "{\"version\":\"v4.8.0\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        proxy.start();
        try {
            Map<String, String> env = Map.of("RS_ENDPOINT", "http://drp.example.invalid:8092", "RS_TOKEN", "t",
                    "HTTP_PROXY", "http://127.0.0.1:" + proxy.getAddress().getPort());
            try (HttpDrpApi api = HttpDrpApi.connect(ProviderEnvironment.from(env, Path.of("/tmp")),
                    DrpApiOptions.fromEnvironment(env))) {
                assertThat(api.info().path("version").asText()).isEqualTo("v4.8.0");
            }
            assertThat(seen).containsExactly("GET http://drp.example.invalid:8092/api/v3/info");
        } finally {
            proxy.stop(0);
        }
    }
}
