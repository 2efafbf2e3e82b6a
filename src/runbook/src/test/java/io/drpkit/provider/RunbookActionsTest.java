package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.Host;
import io.drpkit.sdk.JobLogger;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** runbook-create and runbook-delete against an in-memory DRP, running real scripts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunbookActionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String M1 = "11111111-1b3f-4c5d-8e6f-a0b1c2d3e4f5";
    private static final String M2 = "22222222-1b3f-4c5d-8e6f-a0b1c2d3e4f5";
    private static final String M3 = "33333333-1b3f-4c5d-8e6f-a0b1c2d3e4f5";

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

    // ---------------------------------------------------------------- create, delete, stored outputs

    @Test
    void createRunsTheBuiltInRunbookRecordsItsOutputsAndAnswersEveryStep() throws Exception {
        JsonNode result = create(machine(M1), "file-tree");

        Path tree = root.resolve(M1);
        assertThat(tree.resolve("MANIFEST")).exists();
        assertThat(result.get("runbook").asText()).isEqualTo("file-tree");
        assertThat(result.get("source").asText()).isEqualTo("built-in");
        assertThat(result.get("phase").asText()).isEqualTo("create");
        assertThat(result.get("status").asText()).isEqualTo("succeeded");
        assertThat(fieldNames(result)).containsExactly("runbook", "source", "phase", "status", "steps");
        assertThat(result.get("steps").findValuesAsText("name")).containsExactly("mkroot", "left", "right", "manifest");
        JsonNode mkroot = result.get("steps").get(0);
        assertThat(fieldNames(mkroot)).containsExactly("name", "status", "exitCode", "durationMs", "outputs");
        assertThat(mkroot.get("status").asText()).isEqualTo("succeeded");
        assertThat(mkroot.get("exitCode").asInt()).isZero();
        assertThat(mkroot.get("durationMs").isIntegralNumber()).isTrue();
        assertThat(mkroot.get("outputs")).isEqualTo(JSON.createObjectNode().put("dir", tree.toString()));

        JsonNode recorded = api.machineParam(M1, RecordedOutputs.PARAM).orElseThrow().deepCopy();
        assertThat(((com.fasterxml.jackson.databind.node.ObjectNode) recorded.get("file-tree")).remove("digest").asText())
                .isEqualTo(new RunbookCatalog(io.drpkit.sdk.content.ContentPack::fromClasspath).builtIn("file-tree")
                        .orElseThrow().digest());
        assertThat(recorded).isEqualTo(JSON.readTree("""
                {"file-tree": {"mkroot.dir": "%1$s", "left.dir": "%1$s/left", "right.dir": "%1$s/right",
                               "manifest.path": "%1$s/MANIFEST", "manifest.files": "4"}}
                """.formatted(tree)));
        assertThat(scratch.resolve(RunbookRunner.RUNS_DIRECTORY)).isEmptyDirectory(); // cleaned after success
    }

    @Test
    void createTwiceIsRefusedWith409UnlessForced() throws Exception {
        create(machine(M1), "token-pair");
        String firstId = recorded(M1).path("token-pair").path("mint.id").asText();

        assertThatThrownBy(() -> create(machine(M1), "token-pair"))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(409);
                    assertThat(e.error().messages()).singleElement().asString()
                            .contains("runbook \"token-pair\" is already created on machine " + M1)
                            .contains("runbook-delete").contains("runbook/force");
                });
        assertThat(recorded(M1).path("token-pair").path("mint.id").asText()).isEqualTo(firstId);

        JsonNode forced = (JsonNode) actions.create(request("runbook-create", machine(M1),
                Map.of("runbook/name", "token-pair", "runbook/root", root.toString(), "runbook/force", true)));

        assertThat(forced.get("status").asText()).isEqualTo("succeeded");
        assertThat(recorded(M1).path("token-pair").path("mint.id").asText()).matches("[0-9a-f]{32}").isNotEqualTo(firstId);
    }

    @Test
    void deleteGetsTheRecordedCreateOutputsAndRemovesOnlyThatRunbooksEntry() throws Exception {
        create(machine(M1), "token-pair");
        create(machine(M1), "file-tree");
        String id = recorded(M1).path("token-pair").path("mint.id").asText();
        Path token = root.resolve("tokens/" + M1 + "-" + id);
        assertThat(token).exists();

        JsonNode result = delete(machine(M1), "token-pair");

        assertThat(result.get("phase").asText()).isEqualTo("delete");
        assertThat(result.get("steps").get(0).get("outputs").get("revoked").asText()).isEqualTo(id);
        assertThat(token).doesNotExist();
        assertThat(fieldNames(recorded(M1))).containsExactly("file-tree");

        delete(machine(M1), "file-tree");

        assertThat(root.resolve(M1)).doesNotExist();
        assertThat(api.machineParam(M1, RecordedOutputs.PARAM)).isEmpty(); // the last entry takes the param with it
    }

    @Test
    void deleteOfARunbookNeverCreatedSkipsTheStepsThatNeedCreateOutputs() throws Exception {
        JsonNode result = delete(machine(M1), "file-tree");

        assertThat(result.get("status").asText()).isEqualTo("succeeded");
        assertThat(result.get("steps").findValuesAsText("status")).containsExactly("skipped", "skipped");
        assertThat(result.get("steps").get(0).get("message").asText()).contains("create output left.dir", "not stored");
        assertThat(api.machineParam(M1, RecordedOutputs.PARAM)).isEmpty();
    }

    @Test
    void aFailedCreateRecordsNothingAndItsErrorCarriesTheStderrTailAndTheKeptRunDirectory() throws Exception {
        putRunbook("""
                Id: breaks
                apiVersion: drpkit.io/v1
                create:
                  - name: explode
                    script: |
                      #!/bin/sh
                      echo "about to fail"
                      echo "disk quota exceeded on /srv" >&2
                      exit 3
                """);

        assertThatThrownBy(() -> create(machine(M1), "breaks"))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    DrpError error = e.error();
                    assertThat(error.code()).isEqualTo(500);
                    assertThat(error.messages().get(0)).contains("step \"explode\"", "exit", "3",
                            "disk quota exceeded on /srv");
                    assertThat(error.messages()).last().asString().startsWith("run directory kept for diagnosis: ");
                    Path kept = Path.of(error.messages().get(error.messages().size() - 1)
                            .substring("run directory kept for diagnosis: ".length()));
                    assertThat(kept).isDirectory().startsWith(scratch.resolve(RunbookRunner.RUNS_DIRECTORY));
                });
        assertThat(api.machineParam(M1, RecordedOutputs.PARAM)).isEmpty();
    }

    @Test
    void outputsThatCannotBeRecordedAreInTheErrorSoTheOperatorCanRecordThemByHand() {
        api.setParamFailure = new PluginException(DrpError.builder(502, "plugin").message("DRP is down").build());

        assertThatThrownBy(() -> create(machine(M1), "file-tree"))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(502);
                    assertThat(e.error().messages().get(0)).contains("runbook \"file-tree\" create succeeded on machine "
                            + M1, "\"mkroot.dir\":\"" + root.resolve(M1) + "\"");
                    assertThat(e.error().messages()).endsWith("DRP is down");
                });
        assertThat(root.resolve(M1 + "/MANIFEST")).exists();
    }

    // ---------------------------------------------------------------- resolution order

    @Test
    void aRunbookInDrpWinsOverTheBuiltInCopyAndChangesArePickedUpByTheNextAction() throws Exception {
        putRunbook(marker("file-tree", "first"));

        JsonNode first = create(machine(M1), "file-tree");

        assertThat(first.get("source").asText()).isEqualTo("drp");
        assertThat(Files.readString(root.resolve("marker"))).isEqualTo("first\n");
        assertThat(root.resolve(M1)).doesNotExist(); // the built-in copy did not run

        putRunbook(marker("file-tree", "second"));
        create(machine(M2), "file-tree");

        assertThat(Files.readString(root.resolve("marker"))).isEqualTo("second\n");

        api.objects.remove("runbooks/file-tree");
        // M1 was created with the "first" version, which the provider kept; M2 with "second"
        assertThat(delete(machine(M1), "file-tree").get("source").asText()).isEqualTo("kept");
        assertThat(delete(machine(M3), "file-tree").get("source").asText())
                .as("never created: the current copy").isEqualTo("built-in");
    }

    @Test
    void anUnknownRunbookIs404NamingWhatThereIs() {
        putRunbook(marker("mine", "x"));

        assertThatThrownBy(() -> create(machine(M1), "nope"))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(404);
                    assertThat(e.error().messages()).singleElement().asString()
                            .contains("runbook \"nope\" not found", "it has: mine", "built in: file-tree, token-pair");
                });
    }

    @Test
    void anInvalidRunbookInDrpIs422NamingTheRunbookAndTheStep() {
        ObjectNode bad = JSON.createObjectNode().put("Id", "bad").put("apiVersion", "drpkit.io/v1");
        bad.putArray("create").addObject().put("name", "join").put("script", "#!/bin/sh\ntrue\n")
                .putArray("inputs").addObject().put("name", "left")
                .<ObjectNode>set("valueFromStep", JSON.createObjectNode().put("name", "mkleft").put("output", "dir"))
                .set("as", JSON.createObjectNode().put("env", "LEFT"));
        api.objects.put("runbooks/bad", bad);

        assertThatThrownBy(() -> create(machine(M1), "bad"))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(422);
                    assertThat(e.error().messages().get(0)).isEqualTo("runbook \"bad\" (the runbooks object in DRP) is not valid:");
                    assertThat(e.error().messages().get(1)).contains("runbook \"bad\"", "step \"join\"", "mkleft");
                });
    }

    // ---------------------------------------------------------------- params the steps read

    @Test
    void anEmptyRootMeansRunbookRootInTheScratchDirectory() throws Exception {
        JsonNode result = (JsonNode) actions.create(request("runbook-create", machine(M1),
                Map.of("runbook/name", "file-tree", "runbook/root", "")));

        Path tree = scratch.resolve(RunbookRunner.DEFAULT_ROOT_DIRECTORY).resolve(M1);
        assertThat(result.get("steps").get(0).get("outputs").get("dir").asText()).isEqualTo(tree.toString());
        assertThat(tree.resolve("MANIFEST")).exists();
    }

    @Test
    void theRootComesFromTheMachineOrDrpWhenTheActionHasNone() throws Exception {
        Path fromMachine = Files.createDirectory(tmp.resolve("from-machine"));
        ObjectNode m1 = machine(M1);
        ((ObjectNode) m1.get("Params")).put("runbook/root", fromMachine.toString());
        actions.create(request("runbook-create", m1, Map.of("runbook/name", "file-tree")));
        assertThat(fromMachine.resolve(M1 + "/MANIFEST")).exists();

        Path fromGlobal = Files.createDirectory(tmp.resolve("from-global"));
        api.globalParams.put("runbook/root", JSON.getNodeFactory().textNode(fromGlobal.toString()));
        actions.create(request("runbook-create", machine(M2), Map.of("runbook/name", "file-tree")));
        assertThat(fromGlobal.resolve(M2 + "/MANIFEST")).exists();
    }

    @Test
    void aRelativeRootIs422() {
        assertThatThrownBy(() -> actions.create(request("runbook-create", machine(M1),
                Map.of("runbook/name", "file-tree", "runbook/root", "trees"))))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(422);
                    assertThat(e.error().messages()).containsExactly("runbook/root: expected an absolute path, got \"trees\"");
                });
    }

    @Test
    void aParamTheActionDoesNotCarryIsReadFromDrpWithAggregation() throws Exception {
        putRunbook("""
                Id: greet
                apiVersion: drpkit.io/v1
                create:
                  - name: hello
                    inputs:
                      - name: who
                        valueFromParam: greeting/who
                        as: {env: WHO}
                      - name: root
                        valueFromParam: runbook/root
                        as: {env: ROOT}
                    script: |
                      #!/bin/sh
                      echo "hello $WHO" > "$ROOT/greeting"
                """);
        api.globalParams.put("greeting/who", JSON.getNodeFactory().textNode("world"));

        create(machine(M1), "greet");

        assertThat(Files.readString(root.resolve("greeting"))).isEqualTo("hello world\n");
        assertThat(api.calls).contains("PARAM machines/" + M1 + " greeting/who aggregate");
    }

    // ---------------------------------------------------------------- job log

    @Test
    void outputGoesToTheLogOfTheMachinesCurrentJob() throws Exception {
        String job = "3f0c2d9e-4a1b-4c5d-8e6f-a0b1c2d3e4f5";
        ObjectNode m = machine(M1).put("CurrentJob", job);

        create(m, "file-tree");

        String log = api.jobLog(job);
        assertThat(log).startsWith("runbook file-tree create on machine " + M1 + " (built-in copy)\n");
        assertThat(log).contains("[mkroot] created " + root.resolve(M1) + "\n",
                "[manifest] wrote " + root.resolve(M1 + "/MANIFEST") + "\n");
        assertThat(log).containsPattern("\\[manifest\\] succeeded, exit code 0, \\d+ ms\n");
        assertThat(log).endsWith("succeeded in " + log.substring(log.lastIndexOf(" in ") + 4));
    }

    @Test
    void aJobLogThatCannotBeWrittenDoesNotFailTheAction() throws Exception {
        api.jobLogFails = true;
        ObjectNode m = machine(M1).put("CurrentJob", "3f0c2d9e-4a1b-4c5d-8e6f-a0b1c2d3e4f5");

        assertThat(create(m, "file-tree").get("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void noJobLogWithoutACurrentJob() throws Exception {
        create(machine(M1).put("CurrentJob", "00000000-0000-0000-0000-000000000000"), "file-tree");

        assertThat(api.jobLogs).isEmpty();
    }

    // ---------------------------------------------------------------- locking

    @Test
    void runbooksOnOneMachineRunOneAtATimeWhileOtherMachinesRunAtOnce() throws Exception {
        // "exclusive" fails if another holder of the machine's lock dir is inside; "meet" waits for the other
        // machine to arrive, so it only succeeds if both machines run at the same time.
        putRunbook(runbook("exclusive-a", exclusiveScript()));
        putRunbook(runbook("exclusive-b", exclusiveScript()));
        putRunbook(runbook("meet", """
                #!/bin/sh
                touch "$ROOT/$RUNBOOK_MACHINE_UUID.here"
                for i in $(seq 1 100); do
                  [ "$(ls "$ROOT" | grep -c '\\.here$')" -ge 2 ] && exit 0
                  sleep 0.05
                done
                echo "the other machine never arrived" >&2
                exit 1
                """));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Object> a = CompletableFuture.supplyAsync(() -> call(() -> create(machine(M1), "exclusive-a")), pool);
            CompletableFuture<Object> b = CompletableFuture.supplyAsync(() -> call(() -> create(machine(M1), "exclusive-b")), pool);
            assertThat(a.get(30, TimeUnit.SECONDS)).isNotNull();
            assertThat(b.get(30, TimeUnit.SECONDS)).isNotNull();

            CompletableFuture<Object> m1 = CompletableFuture.supplyAsync(() -> call(() -> create(machine(M1), "meet")), pool);
            CompletableFuture<Object> m2 = CompletableFuture.supplyAsync(() -> call(() -> create(machine(M2), "meet")), pool);
            assertThat(m1.get(30, TimeUnit.SECONDS)).isNotNull();
            assertThat(m2.get(30, TimeUnit.SECONDS)).isNotNull();
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String exclusiveScript() {
        return """
                #!/bin/sh
                mkdir "$ROOT/$RUNBOOK_MACHINE_UUID.lock" || { echo "another runbook is running on this machine" >&2; exit 1; }
                sleep 0.5
                rmdir "$ROOT/$RUNBOOK_MACHINE_UUID.lock"
                """;
    }

    private static String runbook(String id, String script) {
        return "Id: " + id + "\napiVersion: drpkit.io/v1\ncreate:\n  - name: only\n    inputs:\n"
                + "      - name: root\n        valueFromParam: runbook/root\n        as: {env: ROOT}\n"
                + "    script: |\n" + script.lines().map(l -> "      " + l + "\n").reduce("", String::concat);
    }

    private static String marker(String id, String text) {
        return runbook(id, "#!/bin/sh\necho " + text + " > \"$ROOT/marker\"\n")
                + "delete:\n  - name: unmark\n    script: |\n      #!/bin/sh\n      true\n";
    }

    private void putRunbook(String yaml) {
        Runbook rb = Runbook.parse(yaml);
        api.objects.put("runbooks/" + rb.id(), rb.toRawModel().json());
    }

    private JsonNode create(ObjectNode machine, String runbook) throws Exception {
        ActionRequest r = request("runbook-create", machine, Map.of("runbook/name", runbook, "runbook/root", root.toString()));
        try {
            return (JsonNode) actions.create(r);
        } finally {
            r.jobLogger().close(); // as the SDK does after the handler
        }
    }

    private JsonNode delete(ObjectNode machine, String runbook) throws Exception {
        ActionRequest r = request("runbook-delete", machine, Map.of("runbook/name", runbook, "runbook/root", root.toString()));
        try {
            return (JsonNode) actions.delete(r);
        } finally {
            r.jobLogger().close();
        }
    }

    private JsonNode recorded(String machine) {
        return api.machineParam(machine, RecordedOutputs.PARAM).orElseThrow();
    }

    private static ObjectNode machine(String uuid) {
        ObjectNode m = JSON.createObjectNode().put("Uuid", uuid).put("Name", "node-" + uuid.charAt(0));
        m.putObject("Params");
        return m;
    }

    private ActionRequest request(String command, ObjectNode machine, Map<String, Object> params) {
        ActionSpec spec = command.equals("runbook-create") ? RunbookActions.createSpec() : RunbookActions.deleteSpec();
        Map<String, JsonNode> values = new LinkedHashMap<>();
        params.forEach((k, v) -> values.put(k, JSON.valueToTree(v)));
        ProviderEnvironment env = new ProviderEnvironment("https://127.0.0.1:8092", Optional.of("token"),
                Optional.of("http://127.0.0.1:8091"), Optional.empty(), scratch);
        Config config = Config.builder("runbook", api, NO_HOST, env).build();
        String job = machine.path("CurrentJob").asText("");
        JobLogger jobLogger = job.isEmpty() || job.startsWith("00000000") ? JobLogger.none() : JobLogger.open(api, job);
        return ActionRequest.of(spec, new Action(machine, "runbook", command, "", values), Params.of(values), config, jobLogger);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private interface Body {
        Object run() throws Exception;
    }

    private static Object call(Body body) {
        try {
            return body.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
