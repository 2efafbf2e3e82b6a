package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.AvailableAction;
import io.drpkit.sdk.model.Event;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code target/runbook} in DRP workflows, against the test kit's DRP: the content
 * pack's stages run as task lists ({@code action:} entries), runbooks follow deleted machines,
 * and the provider's health lands on its Plugin object.
 */
class WorkflowIT {
    private static final Path EXE = Path.of(System.getProperty("drpkit.executable", "target/runbook"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    private FakeDrp drp;
    private ProviderProcess provider;

    @BeforeEach
    void start() {
        drp = FakeDrp.builder().storeObjects("runbooks").start();
        drp.createPlugin("runbook", "runbook", Map.of());
    }

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
        drp.close();
    }

    private void launch(Map<String, Object> params) {
        JsonNode define = ProviderProcess.of(EXE).define(drp.providerEnvironment()).json();
        List<AvailableAction> actions = new ArrayList<>();
        define.get("AvailableActions").forEach(a -> actions.add(DrpJson.convert(a, AvailableAction.class)));
        provider = ProviderProcess.of(EXE).listen(drp);
        Map<String, Object> body = new java.util.LinkedHashMap<>(params);
        body.put("Name", "runbook");
        ProviderProcess.Response r = provider.config(body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        drp.attachPlugin("runbook", actions, provider::action);
    }

    /** The Tasks of a stage in the provider's content pack, as DRP expands a stage into a task list. */
    private static List<String> stageTasks(String stage) throws Exception {
        JsonNode s = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(Path.of("../../content/stages/" + stage + ".yaml").toFile());
        List<String> out = new ArrayList<>();
        s.get("Tasks").forEach(t -> out.add(t.asText()));
        return out;
    }

    private String machine(List<String> tasks) {
        ObjectNode m = DrpJson.objectNode().put("Name", "wf-1");
        tasks.forEach(m.withArray("Tasks")::add);
        String uuid = drp.createMachine(m).get("Uuid").asText();
        drp.setMachineParam(uuid, "runbook/name", "file-tree");
        drp.setMachineParam(uuid, "runbook/root", root.toString());
        return uuid;
    }

    private void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "\nprovider stderr: " + provider.stderr());
            }
            Thread.sleep(50);
        }
    }

    @Test
    void theStagesRunTheRunbookActionsAsJobsOfTheMachinesTaskList() throws Exception {
        launch(Map.of());
        List<String> tasks = new ArrayList<>(stageTasks("runbook-create"));
        tasks.addAll(stageTasks("runbook-delete"));
        assertThat(tasks).containsExactly("action:runbook-create", "action:runbook-delete");
        String uuid = machine(tasks);

        JsonNode created = drp.nextJob(uuid).orElseThrow();

        assertThat(created.get("State").asText()).isEqualTo("finished");
        String log = drp.jobLog(created.get("Uuid").asText());
        assertThat(log).contains("[mkroot]", "Results from plugin invoke:", "\"status\": \"succeeded\"", "End of results");
        assertThat(root.resolve(uuid).resolve("MANIFEST")).exists();
        assertThat(drp.machineParam(uuid, "runbook/outputs").orElseThrow().path("file-tree").path("digest").asText())
                .startsWith("sha256:");

        JsonNode deleted = drp.nextJob(uuid).orElseThrow();
        assertThat(deleted.get("State").asText()).isEqualTo("finished");
        assertThat(deleted.get("Task").asText()).isEqualTo("action:runbook-delete");
        assertThat(root.resolve(uuid)).doesNotExist();
        assertThat(drp.machineParam(uuid, "runbook/outputs")).isEmpty();
        assertThat(drp.nextJob(uuid)).isEmpty();
    }

    @Test
    void aFailingActionFailsItsJobAndStopsTheMachine() throws Exception {
        launch(Map.of());
        String uuid = machine(List.of("action:runbook-create"));
        drp.setMachineParam(uuid, "runbook/name", "no-such-runbook");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> drp.nextJob(uuid))
                .hasMessageContaining("Action invoke runbook-create failed")
                .hasMessageContaining("runbook \"no-such-runbook\" not found");
        JsonNode m = drp.machine(uuid).orElseThrow();
        assertThat(m.get("Runnable").asBoolean()).isFalse();
        assertThat(drp.jobLog(m.get("CurrentJob").asText())).startsWith("Action invoke runbook-create failed\n");
    }

    @Test
    void deletingAMachineRunsItsRunbooksDeleteStepsOffTheEventStream() throws Exception {
        launch(Map.of());
        String uuid = machine(List.of("action:runbook-create"));
        drp.nextJob(uuid).orElseThrow();
        Path tree = root.resolve(uuid);
        assertThat(tree.resolve("MANIFEST")).exists();

        drp.deleteMachine(uuid);

        await("the delete steps of file-tree", () -> !Files.exists(tree));
        await("the clean-up counted", () -> queue().path("Done").asLong() == 1);
        assertThat(queue().path("Runbooks").path("Deleted").asLong()).isEqualTo(1);
        assertThat(queue().path("Failed").asLong()).isZero();
    }

    @Test
    void theParamLeavesADeletedMachinesRunbooksInPlace() throws Exception {
        launch(Map.of("runbook/delete-with-machine", false));
        String uuid = machine(List.of("action:runbook-create"));
        drp.nextJob(uuid).orElseThrow();

        drp.deleteMachine(uuid);

        await("the delete event handled", () -> queue().path("Done").asLong() == 1);
        assertThat(root.resolve(uuid).resolve("MANIFEST")).exists();
        assertThat(queue().path("Runbooks").path("Deleted").asLong()).isZero();
    }

    @Test
    void theHealthIsPublishedOntoThePluginObjectAndFollowsTheHostLink() throws Exception {
        launch(Map.of("runbook/health-interval", "1s"));
        await("READY on the plugin", () -> "READY".equals(meta().path("health").asText()));
        assertThat(meta().path("health-message").asText()).startsWith("All 5 resources are reporting READY");

        drp.dialSocketDown();
        await("the host link DOWN on the plugin", () -> "PARTIAL".equals(meta().path("health").asText()));
        assertThat(drp.plugin("runbook").orElseThrow().get("PluginErrors").get(0).asText())
                .startsWith("health: host-link DOWN");

        drp.dialSocketUp();
        await("READY again", () -> "READY".equals(meta().path("health").asText())
                && drp.plugin("runbook").orElseThrow().get("PluginErrors").isEmpty());
    }

    @Test
    void aHealthIntervalOfOffPublishesNothing() throws Exception {
        launch(Map.of("runbook/health-interval", "off"));
        drp.emit(new Event(Instant.now(), "machines", "create", "x", "test", null, null));
        Thread.sleep(1500); // nothing may arrive: a bounded look, not a wait for a condition
        assertThat(drp.requests()).noneMatch(r -> r.method().equals("PATCH") && r.path().contains("/plugins/"));
        assertThat(meta().has("health")).isFalse();
    }

    private JsonNode meta() {
        return drp.plugin("runbook").orElseThrow().path("Meta");
    }

    /** The State of the status report's event-queue entry. */
    private JsonNode queue() {
        ProviderProcess.Response r = provider.action(new io.drpkit.sdk.model.Action(
                com.fasterxml.jackson.databind.node.NullNode.getInstance(), "runbook", "status", "", Map.of()));
        for (JsonNode e : r.json().path("Resources")) {
            if (e.path("Name").asText().equals("event-queue")) {
                return e.path("State");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
