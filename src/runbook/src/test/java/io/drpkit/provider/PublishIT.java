package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code publish}, {@code publish-status} and {@code unpublish} run by the built executable
 * against {@link FakeDrp}: its REST API holds the machine and its params, its web root and file
 * server are {@code RS_WEBROOT} and {@code RS_FILESERVER}.
 */
class PublishIT {
    private static final Path EXECUTABLE = Path.of(System.getProperty("drpkit.executable", "target/runbook"));
    private static final String NOTE = "runbook/publish-note";

    private FakeDrp drp;
    private ProviderProcess provider;

    @BeforeEach
    void start() {
        drp = FakeDrp.start();
        provider = listen();
    }

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
        drp.close();
    }

    private ProviderProcess listen() {
        ProviderProcess p = ProviderProcess.of(EXECUTABLE).listen(drp);
        assertThat(p.config(Map.of("Name", "runbook")).status()).isEqualTo(200);
        return p;
    }

    private ProviderProcess.Response action(String command, String uuid, Map<String, String> params) {
        Map<String, JsonNode> p = new java.util.LinkedHashMap<>();
        params.forEach((k, v) -> p.put(k, JsonNodeFactory.instance.textNode(v)));
        return provider.action(new Action(drp.machine(uuid).orElseThrow(), "runbook", command, "", p));
    }

    private Path dir(String uuid) {
        return drp.webroot().resolve("runbook/machines").resolve(uuid);
    }

    private static List<String> healths(JsonNode report) {
        List<String> out = new java.util.ArrayList<>();
        report.get("Resources").forEach(r -> out.add(r.get("Name").asText() + " " + r.get("Health").asText()));
        return out;
    }

    private static String fetch(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    @Test
    void publishStatusHandDeletionAndUnpublish() throws Exception {
        String uuid = drp.createMachine("it-1");

        ProviderProcess.Response published = action("publish", uuid, Map.of(NOTE, "from PublishIT"));

        assertThat(published.status()).as(published.text()).isEqualTo(200);
        String url = drp.fileServer() + "/runbook/machines/" + uuid + "/machine.txt";
        assertThat(published.json().get("Url").asText()).isEqualTo(url);
        Path file = dir(uuid).resolve("machine.txt");
        assertThat(Files.readString(file)).contains("machine: it-1\n", "uuid: " + uuid + "\n", "note: from PublishIT\n");
        assertThat(fetch(url)).isEqualTo("200 " + Files.readString(file));
        assertThat(drp.machineParam(uuid, "runbook/published-url")).get().extracting(JsonNode::asText).isEqualTo(url);
        assertThat(drp.machineParam(uuid, "runbook/resources")).get()
                .satisfies(s -> assertThat(s.get("Resources").findValuesAsText("Phase"))
                        .containsExactly("created", "created", "created"));

        JsonNode ready = action("publish-status", uuid, Map.of()).json();
        assertThat(healths(ready)).containsExactly("dir READY", "file READY", "published-url READY");
        assertThat(ready.get("Health").asText()).isEqualTo("READY");
        assertThat(ready.get("External").asBoolean()).isTrue();

        Files.delete(file);
        JsonNode partial = action("publish-status", uuid, Map.of()).json();
        assertThat(healths(partial)).containsExactly("dir READY", "file MISSING", "published-url DOWN");
        assertThat(partial.get("Health").asText()).isEqualTo("PARTIAL");
        assertThat(partial.get("HealthMessage").asText()).isEqualTo("1 READY (directory), 1 DOWN (param), 1 MISSING (file)");

        ProviderProcess.Response unpublished = action("unpublish", uuid, Map.of());
        assertThat(unpublished.status()).as(unpublished.text()).isEqualTo(200);
        assertThat(unpublished.json().get("Destroyed")).extracting(JsonNode::asText)
                .containsExactly("published-url", "file", "dir");
        assertThat(dir(uuid)).doesNotExist();
        assertThat(drp.machineParam(uuid, "runbook/published-url")).isEmpty();
        assertThat(drp.machineParam(uuid, "runbook/resources")).isEmpty();
        assertThat(fetch(url)).startsWith("404");
        assertThat(action("publish-status", uuid, Map.of()).json().get("Health").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    void repairRecreatesWhatWasDeletedByHandAndAdoptTakesOverWhatExists() throws Exception {
        String uuid = drp.createMachine("it-repair");
        assertThat(action("publish", uuid, Map.of(NOTE, "first")).status()).isEqualTo(200);
        Path file = dir(uuid).resolve("machine.txt");
        Files.delete(file);

        ProviderProcess.Response repaired = action("publish-repair", uuid, Map.of(NOTE, "repaired"));

        assertThat(repaired.status()).as(repaired.text()).isEqualTo(200);
        // the file was MISSING and, through it, the URL DOWN; the directory was fine
        assertThat(repaired.json().get("Repaired")).extracting(JsonNode::asText).containsExactly("file", "published-url");
        assertThat(healths(repaired.json().get("Status")))
                .containsExactly("dir READY", "file READY", "published-url READY");
        assertThat(repaired.json().get("Status").get("HealthMessage").asText())
                .isEqualTo("All 3 resources are reporting READY (directory, file, param)");
        assertThat(Files.readString(file)).contains("note: repaired\n");

        // forget the state (as if published by an older provider), keep what exists
        drp.setMachineParam(uuid, "runbook/resources", null);
        assertThat(action("publish-status", uuid, Map.of()).json().get("Health").asText()).isEqualTo("UNKNOWN");
        ProviderProcess.Response adopted = action("publish-adopt", uuid, Map.of());
        assertThat(adopted.status()).as(adopted.text()).isEqualTo(200);
        assertThat(adopted.json().get("Adopted")).extracting(JsonNode::asText)
                .containsExactly("dir", "file", "published-url");
        assertThat(healths(action("publish-status", uuid, Map.of()).json()))
                .containsExactly("dir READY", "file READY", "published-url READY");

        assertThat(action("unpublish", uuid, Map.of()).json().get("Destroyed")).extracting(JsonNode::asText)
                .containsExactly("published-url", "file", "dir");
        assertThat(dir(uuid)).doesNotExist();
    }

    @Test
    void aRefusedParamWriteRollsBackTheFileAndTheDirectoryAndTheAnswerNamesTheParam() {
        String uuid = drp.createMachine("it-2");
        drp.refuseParamWrites("runbook/published-url", 422);

        ProviderProcess.Response r = action("publish", uuid, Map.of());

        assertThat(r.status()).as(r.text()).isEqualTo(500);
        DrpError error = r.error();
        assertThat(error.type()).isEqualTo("ResourceError");
        assertThat(error.key()).isEqualTo(uuid);
        assertThat(error.messages().get(0)).isEqualTo("create of resource \"published-url\" for target \""
                + uuid + "\" failed: param runbook/published-url: write refused");
        assertThat(error.messages()).contains("rolled back: published-url, file, dir");
        assertThat(dir(uuid)).doesNotExist();
        assertThat(drp.machineParam(uuid, "runbook/published-url")).isEmpty();
        assertThat(drp.machineParam(uuid, "runbook/resources")).isEmpty();

        drp.allowParamWrites();
        assertThat(action("publish", uuid, Map.of()).status()).as("nothing was left to block a retry").isEqualTo(200);
    }

    @Test
    void aRestartedProviderFindsWhatWasPublishedOnTheMachine() {
        String uuid = drp.createMachine("it-3");
        assertThat(action("publish", uuid, Map.of()).status()).isEqualTo(200);

        provider.close();
        provider = listen();

        assertThat(action("publish-status", uuid, Map.of()).json().get("Health").asText()).isEqualTo("READY");
        assertThat(action("unpublish", uuid, Map.of()).json().get("Destroyed")).hasSize(3);
        assertThat(dir(uuid)).doesNotExist();
    }

    @Test
    void aMachineDeletedInDrpLosesItsPublishedResourcesWithoutAnyActionCall() throws Exception {
        String uuid = drp.createMachine("doomed");
        assertThat(action("publish", uuid, Map.of()).status()).isEqualTo(200);
        Path dir = dir(uuid);
        assertThat(dir.resolve("machine.txt")).exists();

        drp.deleteMachine(uuid);   // a machines.delete event reaches the provider's subscriber

        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (Files.exists(dir) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(dir).as("the machine's published directory, after its delete event").doesNotExist();
    }
}
