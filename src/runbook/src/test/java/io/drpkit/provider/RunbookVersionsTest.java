package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.Host;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.content.ContentPack;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.RawModel;
import io.drpkit.sdk.runbook.Runbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runbook digests, the kept versions delete runs, and the delete steps of deleted machines. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunbookVersionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String M1 = "11111111-1b3f-4c5d-8e6f-a0b1c2d3e4f5";

    @TempDir
    Path tmp;

    private final MemoryDrpApi api = new MemoryDrpApi();
    private RunbookActions actions;
    private Path scratch;
    private Path root;

    @BeforeEach
    void setUp() throws IOException {
        scratch = Files.createDirectory(tmp.resolve("scratch"));
        root = Files.createDirectory(tmp.resolve("root"));
        actions = new RunbookActions(new RunbookCatalog(ContentPack::fromClasspath));
    }

    @AfterEach
    void tearDown() {
        actions.close();
    }

    /** A runbook whose create writes {@code made} and whose delete writes {@code text} into {@code deleted}. */
    private static String versioned(String text) {
        String root = "    inputs:\n      - name: root\n        valueFromParam: runbook/root\n        as: {env: ROOT}\n";
        return "Id: v\napiVersion: drpkit.io/v1\ncreate:\n  - name: make\n" + root
                + "    script: |\n      #!/bin/sh\n      echo made > \"$ROOT/made\"\n"
                + "delete:\n  - name: unmake\n" + root
                + "    script: |\n      #!/bin/sh\n      echo " + text + " > \"$ROOT/deleted\"\n";
    }

    private void putRunbook(String yaml) {
        Runbook rb = Runbook.parse(yaml);
        api.objects.put("runbooks/" + rb.id(), rb.toRawModel().json());
    }

    @Test
    void theDigestFollowsWhatTheRunbookSaysNotHowItIsWritten() {
        Runbook yaml = Runbook.parse(versioned("one"));
        Runbook json = Runbook.of(yaml.toJson());
        assertThat(json.digest()).isEqualTo(yaml.digest()).matches("sha256:[0-9a-f]{64}");
        assertThat(Runbook.parse(versioned("two")).digest()).isNotEqualTo(yaml.digest());
    }

    @Test
    void createRecordsTheDigestAndDeleteRunsThatVersionAfterTheRunbookChanged() throws Exception {
        putRunbook(versioned("v1"));
        call("runbook-create", machine(), false);
        assertThat(recorded().path("v").path("digest").asText()).isEqualTo(Runbook.parse(versioned("v1")).digest());

        putRunbook(versioned("v2"));
        JsonNode report = (JsonNode) call("runbook-delete", machine(), false);

        assertThat(report.get("source").asText()).isEqualTo("kept");
        assertThat(Files.readString(root.resolve("deleted"))).isEqualTo("v1\n");
        assertThat(api.machineParam(M1, RecordedOutputs.PARAM)).isEmpty();
    }

    @Test
    void aChangedRunbookWhoseVersionIsNotKeptIsRefusedUnlessForced() throws Exception {
        putRunbook(versioned("v1"));
        call("runbook-create", machine(), false);
        putRunbook(versioned("v2"));
        actions.close();
        actions = new RunbookActions(new RunbookCatalog(ContentPack::fromClasspath)); // a restarted provider ...
        deleteTree(scratch.resolve(RunbookVersions.DIRECTORY));                      // ... with a fresh scratch dir

        assertThatThrownBy(() -> call("runbook-delete", machine(), false))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(409);
                    assertThat(e.error().messages()).singleElement().asString()
                            .startsWith("runbook \"v\" changed since it was created on machine " + M1 + ": create ran "
                                    + Runbook.parse(versioned("v1")).digest() + ", it is now "
                                    + Runbook.parse(versioned("v2")).digest() + " (drp)")
                            .endsWith("set runbook/force to true to run the current version's delete steps,"
                                    + " or restore the runbook as it was");
                });
        assertThat(root.resolve("deleted")).doesNotExist();
        assertThat(api.machineParam(M1, RecordedOutputs.PARAM)).isPresent();

        JsonNode forced = (JsonNode) call("runbook-delete", machine(), true);
        assertThat(forced.get("source").asText()).isEqualTo("drp");
        assertThat(Files.readString(root.resolve("deleted"))).isEqualTo("v2\n");
    }

    @Test
    void aDeletedMachinesRunbooksAreDeletedFromItsLastObject() throws Exception {
        putRunbook(versioned("v1"));
        call("runbook-create", machine(), false);
        ObjectNode gone = machine();
        gone.with("Params").set(RecordedOutputs.PARAM, recorded());
        gone.with("Params").put("runbook/root", root.toString());
        api.params.clear(); // the machine and its params are gone from DRP

        List<String> done = actions.onMachineDeleted(M1, gone, config(Map.of()));

        assertThat(done).containsExactly("v");
        assertThat(Files.readString(root.resolve("deleted"))).isEqualTo("v1\n");
        assertThat(actions.machineDeletions().toString()).isEqualTo("{\"Deleted\":1,\"Failed\":0,\"Refused\":0}");
    }

    @Test
    void theParamTurnsItOffOnThePluginOrOnTheMachine() throws Exception {
        putRunbook(versioned("v1"));
        call("runbook-create", machine(), false);
        ObjectNode gone = machine();
        gone.with("Params").set(RecordedOutputs.PARAM, recorded());
        gone.with("Params").put("runbook/root", root.toString());

        assertThat(actions.onMachineDeleted(M1, gone, config(Map.of(RunbookActions.DELETE_WITH_MACHINE, false))))
                .isEmpty();
        gone.with("Params").put(RunbookActions.DELETE_WITH_MACHINE, false);
        assertThat(actions.onMachineDeleted(M1, gone, config(Map.of()))).isEmpty();
        assertThat(root.resolve("deleted")).doesNotExist();

        gone.with("Params").put(RunbookActions.DELETE_WITH_MACHINE, true); // the machine's own value wins
        assertThat(actions.onMachineDeleted(M1, gone, config(Map.of(RunbookActions.DELETE_WITH_MACHINE, false))))
                .containsExactly("v");
    }

    @Test
    void aFailingOrRefusedRunbookIsCountedNotThrown() throws Exception {
        ObjectNode gone = machine();
        gone.with("Params").set(RecordedOutputs.PARAM, JSON.readTree(
                "{\"nope\": {\"digest\": \"sha256:" + "0".repeat(64) + "\"}}"));
        assertThat(actions.onMachineDeleted(M1, gone, config(Map.of()))).isEmpty();
        gone.with("Params").put(RecordedOutputs.PARAM, "not an object");
        assertThat(actions.onMachineDeleted(M1, gone, config(Map.of()))).isEmpty();
        assertThat(actions.machineDeletions().toString()).isEqualTo("{\"Deleted\":0,\"Failed\":1,\"Refused\":1}");
    }

    @Test
    void aKeptVersionFileThatDoesNotMatchItsNameIsIgnored() throws Exception {
        RunbookVersions versions = new RunbookVersions();
        Runbook v1 = Runbook.parse(versioned("v1"));
        Path dir = tmp.resolve("versions");
        versions.keep(dir, v1);
        Path file = dir.resolve("v").resolve(v1.digest().substring(7) + ".json");
        assertThat(file).isRegularFile();
        Files.writeString(file, JSON.writeValueAsString(Runbook.parse(versioned("other")).toJson()));

        assertThat(new RunbookVersions().find(dir, "v", v1.digest())).isEmpty();
        assertThat(new RunbookVersions().find(dir, "../x", v1.digest())).isEmpty();
        versions.keep(dir, Runbook.parse(versioned("v2")));
        assertThat(new RunbookVersions().find(dir, "v", Runbook.parse(versioned("v2")).digest())).isPresent();
    }

    private JsonNode recorded() {
        return api.machineParam(M1, RecordedOutputs.PARAM).orElseThrow();
    }

    private static ObjectNode machine() {
        ObjectNode m = JSON.createObjectNode().put("Uuid", M1).put("Name", "node-1");
        m.putObject("Params");
        m.putArray("Profiles");
        return m;
    }

    private Config config(Map<String, Object> params) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        params.forEach((k, v) -> values.put(k, JSON.valueToTree(v)));
        ProviderEnvironment env = new ProviderEnvironment("https://127.0.0.1:8092", Optional.of("token"),
                Optional.of("http://127.0.0.1:8091"), Optional.empty(), scratch);
        return Config.builder("runbook", api, NO_HOST, env).params(Params.of(values)).build();
    }

    private Object call(String command, ObjectNode machine, boolean force) throws Exception {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("runbook/name", JSON.valueToTree("v"));
        values.put("runbook/root", JSON.valueToTree(root.toString()));
        values.put("runbook/force", JSON.valueToTree(force));
        ActionRequest request = ActionRequest.of(command.equals("runbook-create") ? RunbookActions.createSpec()
                        : RunbookActions.deleteSpec(), new Action(machine, "runbook", command, "", values),
                Params.of(values), config(Map.of()));
        return command.equals("runbook-create") ? actions.create(request) : actions.delete(request);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static final Host NO_HOST = new Host() {
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
    };
}
