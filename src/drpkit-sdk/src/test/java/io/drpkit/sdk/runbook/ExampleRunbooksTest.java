package io.drpkit.sdk.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runbooks that will ship in content/runbooks/, run for real against a temporary root. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExampleRunbooksTest {
    private static final String UUID = "7c2d9e4a-1b3f-4c5d-8e6f-a0b1c2d3e4f5";

    @TempDir
    Path tmp;

    private RunContext.Builder context(Path root) {
        ObjectNode machine = JsonNodeFactory.instance.objectNode().put("Uuid", UUID).put("Name", "node-7");
        return RunContext.builder().machine(machine).param("runbook/root", root.toString());
    }

    @Test
    void fileTreeBuildsTwoIndependentBranchesThenTheManifestAndDeleteRemovesIt() throws IOException {
        Runbook rb = TestRunbooks.fileTree();
        StepGraph graph = StepGraph.of(rb.create());
        assertThat(graph.producers("left")).containsExactly("mkroot"); // so left and right may run together
        assertThat(graph.producers("right")).containsExactly("mkroot");
        assertThat(graph.producers("manifest")).containsExactly("mkroot", "left", "right");
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path tree = root.resolve(UUID);
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        StepListener listener = new StepListener() {
            @Override
            public void line(String step, Channel channel, String line) {
                lines.add(step + ": " + line);
            }
        };
        try (RunbookExecutor ex = RunbookExecutor.builder(tmp.resolve("runs")).parallelism(2).build()) {
            RunResult created = ex.run(rb, Phase.CREATE, context(root).build(), listener);

            assertThat(created.succeeded()).as(created.toString()).isTrue();
            StepResult left = created.step("left").orElseThrow();
            StepResult right = created.step("right").orElseThrow();
            StepResult manifest = created.step("manifest").orElseThrow();
            assertThat(manifest.started().orElseThrow())
                    .isAfterOrEqualTo(left.ended().orElseThrow())
                    .isAfterOrEqualTo(right.ended().orElseThrow());
            assertThat(Files.readAllLines(tree.resolve("MANIFEST"))).containsExactly(
                    "machine: node-7 (" + UUID + ")",
                    "runbook: file-tree",
                    "left/README", "left/created", "right/README", "right/created");
            assertThat(Files.readString(tree.resolve("right/README"))).isEqualTo("right branch of node-7\n");
            assertThat(created.outputs()).isEqualTo(Map.of(
                    "mkroot", Map.of("dir", tree.toString()),
                    "left", Map.of("dir", tree.resolve("left").toString()),
                    "right", Map.of("dir", tree.resolve("right").toString()),
                    "manifest", Map.of("path", tree.resolve("MANIFEST").toString(), "files", "4")));
            assertThat(lines).contains("mkroot: created " + tree, "manifest: wrote " + tree.resolve("MANIFEST"));

            // What the provider does between the phases: store the outputs, hand them back.
            RunResult deleted = ex.run(rb, Phase.DELETE, context(root).storedOutputs(created.outputs()).build(),
                    listener);

            assertThat(deleted.succeeded()).as(deleted.toString()).isTrue();
            assertThat(deleted.steps()).extracting(StepResult::name).containsExactly("rmbranches", "rmroot");
            assertThat(deleted.step("rmroot").orElseThrow().started().orElseThrow())
                    .isAfterOrEqualTo(deleted.step("rmbranches").orElseThrow().ended().orElseThrow());
            assertThat(tree).doesNotExist();
            assertThat(root).isEmptyDirectory();
            assertThat(lines).contains("rmroot: removed " + tree + " (after 2 branches)");

            // Delete again: idempotent.
            assertThat(ex.run(rb, Phase.DELETE, context(root).storedOutputs(created.outputs()).build(),
                    StepListener.NONE).succeeded()).isTrue();
        }
    }

    @Test
    void fileTreeDeleteRefusesToRemoveADirectoryOutsideTheRoot() throws IOException {
        Runbook rb = TestRunbooks.fileTree();
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path elsewhere = Files.createDirectory(tmp.resolve("precious"));
        Map<String, Map<String, String>> tampered = Map.of(
                "mkroot", Map.of("dir", elsewhere.toString()),
                "left", Map.of("dir", root.resolve("x/left").toString()),
                "right", Map.of("dir", root.resolve("x/right").toString()));
        try (RunbookExecutor ex = RunbookExecutor.builder(tmp.resolve("runs")).build()) {
            RunResult deleted = ex.run(rb, Phase.DELETE, context(root).storedOutputs(tampered).build(),
                    StepListener.NONE);

            assertThat(deleted.succeeded()).isFalse();
            assertThat(deleted.step("rmroot").orElseThrow().stderrTail())
                    .containsExactly("refusing to remove " + elsewhere + ": it is not under " + root);
            assertThat(elsewhere).exists();
        }
    }

    @Test
    void tokenPairDeleteRevokesExactlyTheTokenCreateMinted() throws IOException {
        Runbook rb = TestRunbooks.tokenPair();
        Path root = Files.createDirectory(tmp.resolve("root"));
        try (RunbookExecutor ex = RunbookExecutor.builder(tmp.resolve("runs")).build()) {
            RunResult first = ex.run(rb, Phase.CREATE, context(root).build(), StepListener.NONE);
            RunResult second = ex.run(rb, Phase.CREATE, context(root).build(), StepListener.NONE);

            assertThat(first.succeeded()).as(first.toString()).isTrue();
            String id = first.outputs().get("mint").get("id");
            String otherId = second.outputs().get("mint").get("id");
            assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo(otherId);
            Path file = Path.of(first.outputs().get("register").get("file"));
            assertThat(file).isEqualTo(root.resolve("tokens/" + UUID + "-" + id));
            assertThat(Files.readAllLines(file)).containsExactly("id=" + id, "machine=" + UUID);

            RunResult revoked = ex.run(rb, Phase.DELETE, context(root).storedOutputs(first.outputs()).build(),
                    StepListener.NONE);

            assertThat(revoked.succeeded()).as(revoked.toString()).isTrue();
            assertThat(revoked.outputs().get("revoke")).isEqualTo(Map.of("revoked", id));
            assertThat(file).doesNotExist();
            assertThat(root.resolve("tokens/" + UUID + "-" + otherId)).exists();
            assertThat(Files.readAllLines(root.resolve("tokens/revoked.log")))
                    .isEqualTo(List.of("revoked " + id + " machine=" + UUID));
        }
    }
}
