package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.Host;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.RawModel;
import io.drpkit.sdk.resource.ResourceException;
import io.drpkit.sdk.status.Health;
import io.drpkit.sdk.status.StatusReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The actions and the machine-delete hook, called as the runtime calls them, with the content pack
 * the build bundled and the state in the machine's {@code runbook/resources} param.
 */
class PublisherTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final MemoryMachinesApi api = new MemoryMachinesApi();
    private StaticFileServer files;
    private Path webRoot;
    private Publisher publisher;
    private Config config;
    private String uuid;

    private static final Host NO_HOST = new Host() {
        @Override
        public void publish(String type, String action, String key, Object object) {
        }

        @Override
        public void leaving(DrpError reason) {
        }

        @Override
        public List<RawModel> listObjects(String prefix) {
            return List.of();
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        webRoot = Files.createDirectories(tmp.resolve("webroot"));
        files = new StaticFileServer(webRoot);
        config = config(Optional.of(files.url()), Optional.of(webRoot));
        publisher = new Publisher("runbook", io.drpkit.sdk.content.ContentPack::fromClasspath, Clock.systemUTC());
        publisher.configure(config);
        uuid = api.createMachine("m1").get("Uuid").asText();
    }

    @AfterEach
    void tearDown() {
        files.close();
    }

    private Config config(Optional<String> fileServer, Optional<Path> root) {
        return Config.builder("runbook", api, NO_HOST, new ProviderEnvironment("https://127.0.0.1:8092",
                Optional.of("t"), fileServer, root, tmp)).build();
    }

    private ActionRequest request(String command, JsonNode model, Map<String, Object> params, Config c) {
        Map<String, JsonNode> p = new java.util.LinkedHashMap<>();
        params.forEach((k, v) -> p.put(k, JSON.valueToTree(v)));
        return ActionRequest.of(ActionSpec.builder("machines", command).build(),
                new Action(model, "runbook", command, "", p), Params.of(p), c);
    }

    private ActionRequest request(String command, Map<String, Object> params) {
        return request(command, api.machineJson(uuid), params, config);
    }

    private Path file() {
        return webRoot.resolve("runbook/machines/" + uuid + "/machine.txt");
    }

    @Test
    void publishCreatesTheResourcesRecordsThemOnTheMachineAndAnswersWhereTheFileIs() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) publisher.publish(request("publish",
                Map.of("runbook/publish-note", "hello")));

        String url = files.url() + "/runbook/machines/" + uuid + "/machine.txt";
        assertThat(result).containsEntry("Machine", uuid).containsEntry("Url", url);
        assertThat(JSON.valueToTree(result.get("Resources")).findValuesAsText("Name"))
                .containsExactly("dir", "file", "published-url");
        assertThat(Files.readString(file())).contains("machine: m1\n").contains("uuid: " + uuid + "\n")
                .contains("note: hello\n");
        assertThat(api.param("machines", uuid, "runbook/published-url", false)).get()
                .extracting(JsonNode::asText).isEqualTo(url);
        JsonNode state = api.param("machines", uuid, "runbook/resources", false).orElseThrow();
        assertThat(state.get("Target").asText()).isEqualTo(uuid);
        assertThat(state.get("Resources").findValuesAsText("Phase")).containsExactly("created", "created", "created");
    }

    @Test
    void theTemplateFallsBackToTheParamsDeclaredDefault() throws Exception {
        publisher.publish(request("publish", Map.of()));

        assertThat(Files.readString(file())).contains("note: published by the runbook provider\n");
    }

    @Test
    void publishingTwiceIsAConflictThatSaysWhatToDo() {
        publisher.publish(request("publish", Map.of()));

        PluginException e = catchThrowableOfType(PluginException.class,
                () -> publisher.publish(request("publish", Map.of())));

        assertThat(e.error().code()).isEqualTo(409);
        assertThat(e.error().messages()).containsExactly("machine " + uuid + " is already published"
                + " (dir, file, published-url); unpublish it first, or ask publish-status how it is");
    }

    @Test
    void aRefusedParamWriteAnswersTheResourceErrorNamingTheParamAndLeavesNothing() {
        api.refuseWrites("runbook/published-url", 403);

        ResourceException e = catchThrowableOfType(ResourceException.class,
                () -> publisher.publish(request("publish", Map.of())));

        assertThat(e.error().type()).isEqualTo("ResourceError");
        assertThat(e.error().key()).isEqualTo(uuid);
        assertThat(e.error().messages().get(0)).startsWith("create of resource \"published-url\"");
        assertThat(webRoot.resolve("runbook/machines/" + uuid)).doesNotExist();
        assertThat(api.param("machines", uuid, "runbook/resources", false)).isEmpty();
    }

    @Test
    void publishStatusAndUnpublishWorkFromTheStateOnTheMachine() {
        publisher.publish(request("publish", Map.of()));
        Publisher restarted = new Publisher("runbook", io.drpkit.sdk.content.ContentPack.fromClasspath());
        restarted.configure(config);

        StatusReport report = restarted.status(request("publish-status", Map.of()));
        @SuppressWarnings("unchecked")
        Map<String, Object> unpublished = (Map<String, Object>) restarted.unpublish(request("unpublish", Map.of()));

        assertThat(report.health()).isEqualTo(Health.READY);
        assertThat(unpublished).containsEntry("Destroyed", List.of("published-url", "file", "dir"));
        assertThat(file().getParent()).doesNotExist();
        assertThat(api.machineJson(uuid).get("Params").size()).isZero();
        assertThat(restarted.status(request("publish-status", Map.of())).health()).isEqualTo(Health.UNKNOWN);
    }

    @Test
    void unpublishingWhatWasNeverPublishedDestroysNothing() {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) publisher.unpublish(request("unpublish", Map.of()));

        assertThat(result).containsEntry("Destroyed", List.of());
    }

    @Test
    void publishNeedsTheFileServerEnvironmentAndSaysWhichPartIsMissing() {
        Config bare = config(Optional.empty(), Optional.of(webRoot));

        assertThatThrownBy(() -> publisher.publish(request("publish", api.machineJson(uuid), Map.of(), bare)))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("not set: RS_FILESERVER");
    }

    @Test
    void aTargetThatIsNotAMachineIsAConflict() {
        ObjectNode notAMachine = JSON.createObjectNode().put("Name", "p1");
        ObjectNode badUuid = JSON.createObjectNode().put("Uuid", "../../etc");

        for (JsonNode model : List.of(notAMachine, badUuid)) {
            PluginException e = catchThrowableOfType(PluginException.class,
                    () -> publisher.publish(request("publish", model, Map.of(), config)));
            assertThat(e.error().code()).as(model.toString()).isEqualTo(409);
        }
    }

    @Test
    void aDeletedMachineHasItsResourcesDestroyedFromTheStateInItsLastObject() {
        publisher.publish(request("publish", Map.of()));
        ObjectNode last = api.deleteMachine(uuid);

        List<String> destroyed = publisher.onMachineDeleted(uuid, last);

        assertThat(destroyed).containsExactly("published-url", "file", "dir");
        assertThat(file().getParent()).doesNotExist();
        assertThat(publisher.onMachineDeleted(uuid, last)).as("the directory is gone: destroying again is harmless")
                .containsExactly("published-url", "file", "dir");
    }

    @Test
    void aDeletedMachineThatHeldNothingIsLeftAlone() {
        ObjectNode last = api.deleteMachine(uuid);

        assertThat(publisher.onMachineDeleted(uuid, last)).isEmpty();
        assertThat(publisher.onMachineDeleted(uuid, null)).isEmpty();
    }

    @Test
    void aDeletedMachineWithAnUnreadableStateIsReportedNotGuessed() {
        ObjectNode last = api.deleteMachine(uuid);
        ((ObjectNode) last.get("Params")).put("runbook/resources", "not a state");

        assertThatThrownBy(() -> publisher.onMachineDeleted(uuid, last))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the state recorded on deleted machine " + uuid + " is not a resource manager state");
    }

    @Test
    void managedMachinesCountsTheMachinesHoldingAState() {
        String other = api.createMachine("m2").get("Uuid").asText();
        api.createMachine("m3");
        publisher.publish(request("publish", Map.of()));
        publisher.publish(request("publish", api.machineJson(other), Map.of(), config));

        assertThat(publisher.managedMachines(api)).isEqualTo(2);
    }
}
