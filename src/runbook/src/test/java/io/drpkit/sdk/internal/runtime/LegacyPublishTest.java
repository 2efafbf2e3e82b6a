package io.drpkit.sdk.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.provider.Runbook;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.internal.hostclient.UnixSocketClients;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.internal.server.LogCapture;
import io.drpkit.sdk.internal.server.PluginRoutes;
import io.drpkit.sdk.internal.server.UnixHttpServer;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.Event;
import io.drpkit.sdk.model.RawModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deprecated synchronous event delivery (spec §3.6): {@code POST /api-plugin/v4/publish}
 * reaches a {@link io.drpkit.sdk.LegacyPublisher} through the real routes and server, errors
 * come back wrapped like {@code /config}'s, and a provider without one answers 404.
 */
class LegacyPublishTest {
    private static final String EVENT = "{\"Time\":\"2021-09-01T10:00:00Z\",\"Type\":\"machines\","
            + "\"Action\":\"create\",\"Key\":\"u1\",\"Principal\":\"user:x\",\"Object\":{\"Name\":\"m1\"},\"Original\":null}";

    @TempDir
    Path tmp;

    private Path dir;
    private UnixHttpServer server;
    private OkHttpClient client;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final List<Event> published = new CopyOnWriteArrayList<>();
    private LogCapture logs;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "lp");
        logs = new LogCapture();
    }

    @AfterEach
    void tearDown() throws IOException {
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
        if (server != null) {
            server.close();
        }
        pool.shutdownNow();
        Files.deleteIfExists(dir.resolve("p.sock"));
        Files.deleteIfExists(dir);
        logs.close();
    }

    private void serve(Provider provider) throws IOException {
        ProviderDefinition def = provider.definition();
        ProviderRuntime runtime = new ProviderRuntime(provider, def, ProviderEnvironment.from(Map.of(), tmp),
                new NoHost(), e -> {
                    throw new UnsupportedOperationException("no session needed");
                }, ParamCheckers.forDefinition(def), EventLinks.factory(def, Map.of()));
        Path socket = dir.resolve("p.sock");
        server = UnixHttpServer.start(socket, new PluginRoutes(runtime, pool, pool, () -> { }),
                UnixHttpServer.Options.defaults());
        client = UnixSocketClients.create(socket, UnixSocketClients.Timeouts.defaults());
    }

    private Answer post(String path, String json) throws IOException {
        Request r = new Request.Builder().url(UnixSocketClients.BASE_URL + path)
                .post(RequestBody.create(json, MediaType.get("application/json"))).build();
        try (Response response = client.newCall(r).execute()) {
            return new Answer(response.code(), DrpJson.readTree(response.body().bytes()));
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private Provider publishing(io.drpkit.sdk.LegacyPublisher publisher) {
        ProviderDefinition def = ProviderDefinition.builder("legacy", "1").legacyPublisher(publisher).build();
        return () -> def;
    }

    @Test
    void publishDeliversTheDecodedEventAndAnswersOk() throws Exception {
        serve(publishing(published::add));
        Answer a = post("/api-plugin/v4/publish", EVENT);

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEqualTo(DrpJson.readTree("{\"Model\":\"\",\"Key\":\"\",\"Type\":\"\",\"Messages\":null,\"Code\":200}"));
        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo("machines.create.u1");
            assertThat(e.principal()).isEqualTo("user:x");
            assertThat(e.object().get("Name").asText()).isEqualTo("m1");
        });
        assertThat(new Runbook().definition().hasPublish()).isFalse();
    }

    @Test
    void aPublisherErrorIsAnsweredWrappedWithItsCode() throws Exception {
        serve(publishing(e -> {
            throw new PluginException(DrpError.builder(409, "rpc").model("plugin").key("legacy")
                    .message("busy with " + e.key()).build());
        }));
        Answer a = post("/api-plugin/v4/publish", EVENT);

        assertThat(a.status()).isEqualTo(409);
        assertThat(a.body().get("Code").asInt()).isEqualTo(409);
        assertThat(a.body().get("Type").asText()).isEmpty();
        assertThat(a.body().get("Messages")).hasSize(1);
        JsonNode inner = DrpJson.readTree(a.body().get("Messages").get(0).asText());
        assertThat(inner.get("Type").asText()).isEqualTo("rpc");
        assertThat(inner.get("Messages").get(0).asText()).isEqualTo("busy with u1");
    }

    @Test
    void anExceptionFromThePublisherIsA500NotACrash() throws Exception {
        serve(publishing(e -> {
            throw new IllegalStateException("boom");
        }));
        Answer a = post("/api-plugin/v4/publish", EVENT);

        assertThat(a.status()).isEqualTo(500);
        JsonNode inner = DrpJson.readTree(a.body().get("Messages").get(0).asText());
        assertThat(inner.get("Messages").get(0).asText()).contains("IllegalStateException: boom");
        assertThat(post("/api-plugin/v4/publish", EVENT).status()).as("still serving").isEqualTo(500);
    }

    @Test
    void runbookHasNoPublishRoute() throws Exception {
        serve(new Runbook());
        Answer a = post("/api-plugin/v4/publish", EVENT);

        assertThat(a.status()).isEqualTo(404);
        assertThat(a.body().get("Code").asInt()).isEqualTo(404);
        assertThat(a.body().get("Key").asText()).isEqualTo("/api-plugin/v4/publish");
    }

    @Test
    void theRuntimeRefusesPublishWithoutAPublisher() {
        ProviderDefinition def = ProviderDefinition.builder("plain", "1").build();
        ProviderRuntime runtime = new ProviderRuntime(() -> def, def, ProviderEnvironment.from(Map.of(), tmp),
                new NoHost(), e -> null, ParamCheckers.forDefinition(def), EventLinks.factory(def, Map.of()));
        Reply r = runtime.publish(Event.of("machines", "create", "u1", null));
        assertThat(r.status()).isEqualTo(404);
    }

    private static final class NoHost implements io.drpkit.sdk.Host {
        @Override
        public void publish(String type, String action, String key, Object object) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void leaving(DrpError reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<RawModel> listObjects(String prefix) {
            throw new UnsupportedOperationException();
        }
    }
}
