package io.drpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Action;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed objects, list filters, waitFor and secure params from a provider process built on the
 * shaded jar (target/runbook.jar) against FakeDrp, over the real sockets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ModelsIT {
    @TempDir
    static Path tmp;

    private FakeDrp drp;
    private ProviderProcess provider;

    @BeforeAll
    void start() throws Exception {
        Path script = ExampleProviders.script(tmp, "models-provider", ModelsProvider.class);
        drp = FakeDrp.start();
        provider = ProviderProcess.builder(script).callTimeout(Duration.ofSeconds(60)).build();
        provider.listen(drp);
        assertThat(provider.config(Map.of("Name", "models")).status()).as(provider.stderr()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        if (provider != null) {
            provider.close();
        }
        if (drp != null) {
            drp.close();
        }
    }

    private String machine(String name, String stage) {
        return drp.createMachine(DrpJson.objectNode().put("Name", name).put("Stage", stage).put("FromNewerDrp", 7))
                .get("Uuid").asText();
    }

    private ProviderProcess.Response action(String command, String uuid, Map<String, JsonNode> params) {
        return provider.action(new Action(drp.machine(uuid).orElseThrow(), "models", command, "", params));
    }

    @Test
    void listFiltersFindTheMachinesInTheSameStage() {
        String a = machine("rack-a", "burn-in");
        machine("rack-c", "burn-in");
        machine("rack-b", "burn-in");
        machine("other", "complete");
        ProviderProcess.Response r = action("siblings", a, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().toString()).isEqualTo("[\"rack-b\",\"rack-c\"]");
        assertThat(drp.requests()).anyMatch(q -> q.path().equals("/api/v3/machines")
                && java.net.URLDecoder.decode(q.query(), java.nio.charset.StandardCharsets.UTF_8).contains("Stage=Eq(burn-in)")
                && q.query().contains("sort=Name"));
    }

    @Test
    void aTypedReadModifyWriteKeepsWhatTheSdkDoesNotKnow() {
        String uuid = machine("tagged", "none");
        ProviderProcess.Response r = action("tag", uuid, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode stored = drp.machine(uuid).orElseThrow();
        assertThat(stored.path("Meta").path("models/tagged").asText()).isEqualTo("yes");
        assertThat(stored.path("FromNewerDrp").asInt()).isEqualTo(7);
    }

    @Test
    void waitForCompletesOnTheEventAndTheJobLogSaysSo() throws Exception {
        String uuid = machine("waiter", "discover");
        String job = drp.createJob(DrpJson.objectNode().put("Machine", uuid).put("State", "running"));
        ObjectNode m = (ObjectNode) drp.machine(uuid).orElseThrow();
        m.put("CurrentJob", job);
        CompletableFuture<ProviderProcess.Response> waiting = CompletableFuture.supplyAsync(() -> provider.action(
                new Action(m, "models", "await-stage", "", Map.of("models/stage", DrpJson.toTree("complete")))));
        drp.awaitWebsocketMessage(t -> t.equals("register machines.*." + uuid), Duration.ofSeconds(30));
        JsonNode moved = drp.machine(uuid).orElseThrow();
        ((ObjectNode) moved).put("Stage", "complete");
        drp.saveObject("machines", moved);
        ProviderProcess.Response r = waiting.get(60, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("Stage").asText()).isEqualTo("complete");
        assertThat(drp.jobLog(job)).isEqualTo("machine reached stage complete\n");
    }

    @Test
    void aSecureParamIsSealedByTheProviderAndReadBackDecoded() {
        drp.defineParam("models/vault", DrpJson.objectNode().put("type", "string"), true);
        String uuid = machine("vaulted", "none");
        ProviderProcess.Response r = action("store-secret", uuid, Map.of("models/secret", DrpJson.toTree("open-sesame-7")));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get(0).asText()).isEqualTo("open-sesame-7");
        JsonNode stored = drp.machineParam(uuid, "models/vault").orElseThrow();
        assertThat(stored.has("Key") && stored.has("Nonce") && stored.has("Payload")).isTrue();
        assertThat(stored.toString()).doesNotContain("open-sesame");
        assertThat(drp.decodedParam("machines", uuid, "models/vault")).hasValueSatisfying(v -> assertThat(v.asText()).isEqualTo("open-sesame-7"));
        assertThat(drp.requests()).filteredOn(q -> q.method().equals("POST") && q.path().contains("/params/models/vault"))
                .allMatch(q -> !q.bodyText().contains("open-sesame"));
    }
}
