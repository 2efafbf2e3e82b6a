package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.runbook.Runbook;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * runbook-create and runbook-delete through the built executable, against FakeDrp. One provider
 * process serves every test (each on its own machines), which is also what shows that runbooks
 * added to DRP at runtime are picked up without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunbookActionsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXECUTABLE = Path.of(System.getProperty("drpkit.executable", "target/runbook"));

    private FakeDrp drp;
    private ProviderProcess provider;
    private long pid;

    @TempDir
    Path tmp; // one per class (PER_CLASS); each test gets its own root below it
    private Path root;

    @BeforeAll
    void start() {
        drp = FakeDrp.builder().storeObjects("runbooks").start();
        provider = ProviderProcess.builder(EXECUTABLE).callTimeout(Duration.ofSeconds(60)).build();
        provider.listen(drp);
        assertThat(provider.config(Map.of("Name", "runbook")).status()).isEqualTo(200);
        pid = provider.pid();
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

    @BeforeEach
    void sameProcess() throws IOException {
        root = Files.createTempDirectory(tmp, "root");
        assertThat(provider.isAlive()).as(provider.stderr()).isTrue();
        assertThat(provider.pid()).isEqualTo(pid);
    }

    @Test
    void defineDeclaresTheRunbooksTypeAndShipsTheExamples() {
        JsonNode definition = provider.define(drp.providerEnvironment()).json();

        assertThat(definition.at("/StoreObjects/runbooks")).isEqualTo(Runbook.jsonSchema());
        assertThat(definition.get("Content").asText()).contains("runbooks:", "file-tree:", "token-pair:");
        assertThat(definition.get("AvailableActions").findValuesAsText("Command")).contains("runbook-create", "runbook-delete");
    }

    @Test
    void defineLoadsNoYamlAndNoLoggingClasses() throws IOException {
        Path loaded = tmp.resolve("define-classes.txt");
        Map<String, String> env = new LinkedHashMap<>(drp.providerEnvironment());
        env.put("DRPKIT_NO_CDS", "1"); // the archive-writing define also trains on a listen session
        env.put("DRPKIT_JAVA_OPTS", "-Xlog:class+load=info:file=" + loaded);

        assertThat(provider.define(env).exitCode()).isZero();

        List<String> classes = Files.readAllLines(loaded);
        assertThat(classes).hasSizeGreaterThan(100).noneMatch(l -> l.contains("jackson.dataformat.yaml")
                || l.contains("ch.qos.logback") || l.contains("org.slf4j"));
    }

    @Test
    void aBuiltInRunbookIsCreatedAndDeletedAndDeleteUsesTheRecordedCreateOutputs() throws IOException {
        String uuid = drp.createMachine("tree-1");

        JsonNode created = ok(run(uuid, "runbook-create", "file-tree"));

        Path tree = root.resolve(uuid);
        assertThat(created.get("status").asText()).isEqualTo("succeeded");
        assertThat(created.get("source").asText()).isEqualTo("built-in");
        assertThat(created.get("steps").findValuesAsText("name")).containsExactly("mkroot", "left", "right", "manifest");
        assertThat(created.get("steps").findValuesAsText("status")).containsOnly("succeeded");
        assertThat(Files.readAllLines(tree.resolve("MANIFEST"))).containsExactly(
                "machine: tree-1 (" + uuid + ")", "runbook: file-tree",
                "left/README", "left/created", "right/README", "right/created");
        JsonNode recorded = drp.machineParam(uuid, "runbook/outputs").orElseThrow().get("file-tree");
        assertThat(recorded.get("mkroot.dir").asText()).isEqualTo(tree.toString());
        assertThat(recorded.get("manifest.files").asText()).isEqualTo("4");

        JsonNode deleted = ok(run(uuid, "runbook-delete", "file-tree"));

        assertThat(deleted.get("steps").findValuesAsText("status")).containsExactly("succeeded", "succeeded");
        assertThat(tree).doesNotExist();
        assertThat(root).isEmptyDirectory();
        assertThat(drp.machineParam(uuid, "runbook/outputs")).isEmpty();
        assertThat(provider.scratchDir().resolve("runbook-runs")).isEmptyDirectory();
    }

    @Test
    void tokenPairDeleteRevokesExactlyTheTokenItsCreateMinted() throws IOException {
        String uuid = drp.createMachine("tokens-1");
        ok(run(uuid, "runbook-create", "token-pair"));
        JsonNode recorded = drp.machineParam(uuid, "runbook/outputs").orElseThrow().get("token-pair");
        String id = recorded.get("mint.id").asText();
        Path file = Path.of(recorded.get("register.file").asText());
        assertThat(file).isEqualTo(root.resolve("tokens/" + uuid + "-" + id));
        assertThat(Files.readAllLines(file)).containsExactly("id=" + id, "machine=" + uuid);

        JsonNode deleted = ok(run(uuid, "runbook-delete", "token-pair"));

        assertThat(deleted.at("/steps/0/outputs/revoked").asText()).isEqualTo(id);
        assertThat(file).doesNotExist();
        assertThat(Files.readAllLines(root.resolve("tokens/revoked.log"))).containsExactly("revoked " + id + " machine=" + uuid);
        assertThat(drp.machineParam(uuid, "runbook/outputs")).isEmpty();
    }

    @Test
    void creatingTwiceIsRefusedWith409UnlessForced() {
        String uuid = drp.createMachine("twice-1");
        ok(run(uuid, "runbook-create", "token-pair"));
        String first = drp.machineParam(uuid, "runbook/outputs").orElseThrow().at("/token-pair/mint.id").asText();

        ProviderProcess.Response again = run(uuid, "runbook-create", "token-pair");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error().messages()).singleElement().asString()
                .contains("runbook \"token-pair\" is already created on machine " + uuid, "runbook/force");

        ok(run(uuid, "runbook-create", "token-pair", Map.of("runbook/force", true)));

        String second = drp.machineParam(uuid, "runbook/outputs").orElseThrow().at("/token-pair/mint.id").asText();
        assertThat(second).matches("[0-9a-f]{32}").isNotEqualTo(first);
    }

    @Test
    void aRunbookAddedToDrpAtRuntimeRunsWithoutARestartAndChangesApplyToTheNextAction() throws IOException {
        String uuid = drp.createMachine("runtime-1");
        // as an operator would: POST /api/v3/runbooks with the JSON object
        assertThat(postRunbook(Runbook.parse(stamp("stamp", "v1")).toJson())).isEqualTo(201);

        JsonNode created = ok(run(uuid, "runbook-create", "stamp"));

        assertThat(created.get("source").asText()).isEqualTo("drp");
        assertThat(Files.readString(root.resolve(uuid + ".stamp"))).isEqualTo("v1\n");

        drp.putObject("runbooks", Runbook.parse(stamp("stamp", "v2")).toRawModel());
        ok(run(uuid, "runbook-create", "stamp", Map.of("runbook/force", true)));

        assertThat(Files.readString(root.resolve(uuid + ".stamp"))).isEqualTo("v2\n");

        ok(run(uuid, "runbook-delete", "stamp"));

        assertThat(root.resolve(uuid + ".stamp")).doesNotExist();
    }

    @Test
    void aFailingStepsStderrTailIsInTheActionError() {
        String uuid = drp.createMachine("fails-1");
        drp.putObject("runbooks", Runbook.parse("""
                Id: fails
                apiVersion: drpkit.io/v1
                create:
                  - name: prepare
                    script: |
                      #!/bin/sh
                      echo "preparing"
                  - name: explode
                    inputs:
                      - name: root
                        valueFromParam: runbook/root
                        as: {env: ROOT}
                    script: |
                      #!/bin/sh
                      echo "checking $ROOT"
                      echo "no space left on device" >&2
                      echo "giving up" >&2
                      exit 7
                """).toRawModel());

        ProviderProcess.Response r = run(uuid, "runbook-create", "fails");

        assertThat(r.status()).isEqualTo(500);
        DrpError error = r.error();
        assertThat(error.key()).isEqualTo("fails");
        assertThat(error.messages().get(0)).contains("step \"explode\"", "7",
                "last stderr lines:\nno space left on device\ngiving up");
        assertThat(error.messages()).last().asString().startsWith("run directory kept for diagnosis: " + provider.scratchDir());
        assertThat(drp.machineParam(uuid, "runbook/outputs")).isEmpty();
    }

    @Test
    void outputGoesToTheHostLogAndToTheLogOfTheMachinesCurrentJob() {
        String uuid = drp.createMachine("job-1");
        String job = drp.createJob(JSON.createObjectNode().put("Machine", uuid).put("State", "running"));
        ObjectNode machine = (ObjectNode) drp.machine(uuid).orElseThrow();
        machine.put("CurrentJob", job);

        ok(provider.action(new Action(machine, "runbook", "runbook-create", "", params("file-tree", Map.of()))));

        String log = drp.jobLog(job);
        assertThat(log).startsWith("runbook file-tree create on machine " + uuid + " (built-in copy)\n")
                .contains("[mkroot] created " + root.resolve(uuid) + "\n")
                .contains("[manifest] wrote " + root.resolve(uuid + "/MANIFEST") + "\n")
                .containsPattern("runbook file-tree create on machine " + uuid + " succeeded in \\d+ ms\n$");
        drp.awaitLogLine(l -> l.message().equals("machine " + uuid + " runbook file-tree create step mkroot: created "
                + root.resolve(uuid)), Duration.ofSeconds(10));
    }

    @Test
    void aSecureParamReachesTheStepDecryptedAndNeverAppearsInALog() throws Exception {
        drp.defineParam("runbook/secret", JSON.createObjectNode().put("type", "string"), true);
        String uuid = drp.createMachine("secret-1");
        drp.setMachineParam(uuid, "runbook/secret", "correct-horse-42"); // DRP stores it encrypted
        assertThat(drp.machineParam(uuid, "runbook/secret").orElseThrow().has("Payload")).isTrue();
        String job = drp.createJob(JSON.createObjectNode().put("Machine", uuid).put("State", "running"));
        drp.putObject("runbooks", Runbook.parse("""
                Id: secret-user
                apiVersion: drpkit.io/v1
                create:
                  - name: use
                    inputs:
                      - name: secret
                        valueFromParam: runbook/secret
                        as: {env: SECRET}
                    outputs:
                      - name: sum
                        valueFromPath: sum
                    script: |
                      #!/bin/sh
                      echo "logging in with $SECRET"
                      printf '%s' "$SECRET" | sha256sum | cut -d' ' -f1 > sum
                """).toRawModel());
        ObjectNode machine = (ObjectNode) drp.machine(uuid).orElseThrow();
        machine.put("CurrentJob", job);

        ok(provider.action(new Action(machine, "runbook", "runbook-create", "", params("secret-user", Map.of()))));

        String sum = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("correct-horse-42".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(drp.machineParam(uuid, "runbook/outputs").orElseThrow().at("/secret-user/use.sum").asText()).isEqualTo(sum);
        assertThat(drp.requests()).anyMatch(r -> r.path().endsWith("/params/runbook/secret")
                && "aggregate=true&decode=true".equals(r.query()));
        assertThat(drp.jobLog(job)).contains("[use] logging in with <secure value hidden>\n").doesNotContain("correct-horse");
        drp.awaitLogLine(l -> l.message().endsWith("step use: logging in with <secure value hidden>"), Duration.ofSeconds(10));
        assertThat(drp.logLines()).noneMatch(l -> l.message().contains("correct-horse"));
    }

    @Test
    void withoutRunbookRootTheTreesGoUnderTheScratchDirectory() {
        String uuid = drp.createMachine("default-root-1");

        ok(provider.action(new Action(drp.machine(uuid).orElseThrow(), "runbook", "runbook-create", "",
                Map.of("runbook/name", JSON.getNodeFactory().textNode("file-tree")))));

        assertThat(provider.scratchDir().resolve("runbook-root").resolve(uuid).resolve("MANIFEST")).exists();
    }

    // ---------------------------------------------------------------- helpers

    private static String stamp(String id, String version) {
        return """
                Id: %s
                apiVersion: drpkit.io/v1
                create:
                  - name: write
                    inputs:
                      - name: root
                        valueFromParam: runbook/root
                        as: {env: ROOT}
                    outputs:
                      - name: file
                        valueFromPath: file
                    script: |
                      #!/bin/sh
                      echo %s > "$ROOT/$RUNBOOK_MACHINE_UUID.stamp"
                      echo "$ROOT/$RUNBOOK_MACHINE_UUID.stamp" > file
                delete:
                  - name: erase
                    inputs:
                      - name: file
                        valueFromStep: {name: write, output: file}
                        as: {env: FILE}
                    script: |
                      #!/bin/sh
                      rm -f "$FILE"
                """.formatted(id, version);
    }

    private int postRunbook(JsonNode runbook) throws IOException {
        HttpClient client = HttpClient.newBuilder().sslContext(drp.clientSslContext()).build();
        HttpRequest post = HttpRequest.newBuilder(drp.endpoint().resolve("/api/v3/runbooks"))
                .header("Authorization", "Bearer " + drp.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(runbook.toString())).build();
        try {
            return client.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private ProviderProcess.Response run(String uuid, String command, String runbook) {
        return run(uuid, command, runbook, Map.of());
    }

    private ProviderProcess.Response run(String uuid, String command, String runbook, Map<String, Object> extra) {
        return provider.action(new Action(drp.machine(uuid).orElseThrow(), "runbook", command, "", params(runbook, extra)));
    }

    private Map<String, JsonNode> params(String runbook, Map<String, Object> extra) {
        Map<String, JsonNode> p = new LinkedHashMap<>();
        p.put("runbook/name", JSON.getNodeFactory().textNode(runbook));
        p.put("runbook/root", JSON.getNodeFactory().textNode(root.toString()));
        extra.forEach((k, v) -> p.put(k, JSON.valueToTree(v)));
        return p;
    }

    private JsonNode ok(ProviderProcess.Response r) {
        assertThat(r.status()).as(r.text() + "\nprovider stderr:\n" + tail(provider.stderr())).isEqualTo(200);
        return r.json();
    }

    private static String tail(String s) {
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
