package io.drpkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.AvailableAction;
import io.drpkit.sdk.model.DrpError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's model of a machine's task list with {@code action:} entries (DRP's realCreateJob). */
class FakeDrpTaskListTest {
    private FakeDrp drp;
    private final List<Action> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile ProviderProcess.Response answer = ok("{\"done\":true}");

    @BeforeEach
    void start() {
        drp = FakeDrp.start();
        drp.attachPlugin("pl", List.of(new AvailableAction("prov", "machines", "grow", List.of("grow/size"),
                List.of("grow/note"))), a -> {
                    calls.add(a);
                    return answer;
                });
    }

    @AfterEach
    void stop() {
        drp.close();
    }

    private static ProviderProcess.Response ok(String json) {
        return new ProviderProcess.Response(200, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    private String machine(String... tasks) {
        ObjectNode m = DrpJson.objectNode().put("Name", "m1");
        for (String t : tasks) {
            m.withArray("Tasks").add(t);
        }
        return drp.createMachine(m).get("Uuid").asText();
    }

    @Test
    void anActionEntryCallsThePluginWithTheMachineAndFinishesItsJob() {
        String uuid = machine("action:grow", "action:pl:grow");
        drp.setMachineParam(uuid, "grow/size", 3);
        drp.setGlobalParam("grow/note", "from global");

        JsonNode job = drp.nextJob(uuid).orElseThrow();

        assertThat(job.get("State").asText()).isEqualTo("finished");
        assertThat(job.get("ExitState").asText()).isEqualTo("complete");
        assertThat(job.get("Task").asText()).isEqualTo("action:grow");
        assertThat(job.get("CurrentIndex").asInt()).isZero();
        Action call = calls.get(0);
        assertThat(call.plugin()).isEqualTo("pl");
        assertThat(call.command()).isEqualTo("grow");
        assertThat(call.params()).containsOnlyKeys("grow/size", "grow/note");
        assertThat(call.params().get("grow/note").asText()).isEqualTo("from global");
        assertThat(call.model().get("Uuid").asText()).isEqualTo(uuid);
        assertThat(call.model().get("CurrentJob").asText()).as("the action runs inside its job")
                .isEqualTo(job.get("Uuid").asText());
        assertThat(drp.jobLog(job.get("Uuid").asText()))
                .isEqualTo("Results from plugin invoke:\n{\n  \"done\": true\n}\n\nEnd of results\n");

        JsonNode second = drp.nextJob(uuid).orElseThrow();
        assertThat(second.get("Task").asText()).isEqualTo("action:pl:grow");
        assertThat(second.get("Previous").asText()).isEqualTo(job.get("Uuid").asText());
        assertThat(drp.nextJob(uuid)).as("the list is done").isEmpty();
        assertThat(drp.machine(uuid).orElseThrow().get("CurrentTask").asInt()).isEqualTo(2);
    }

    @Test
    void aMissingRequiredParamFailsTheJobWithoutCallingThePlugin() {
        String uuid = machine("action:grow");

        assertThatThrownBy(() -> drp.nextJob(uuid)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Action grow Missing Parameter grow/size");

        assertThat(calls).isEmpty();
        JsonNode m = drp.machine(uuid).orElseThrow();
        assertThat(m.get("Runnable").asBoolean()).isFalse();
        String job = m.get("CurrentJob").asText();
        assertThat(drp.jobLog(job)).isEqualTo("Action grow validation failed:\nGET: machines/" + uuid
                + ": Action grow Missing Parameter grow/size");
    }

    @Test
    void aFailingActionFailsTheJobWithTheErrorInItsLog() {
        String uuid = machine("action:grow");
        drp.setMachineParam(uuid, "grow/size", 1);
        answer = new ProviderProcess.Response(500, Map.of(), DrpJson.writeBytes(
                DrpError.builder(500, "plugin").model("machines").key(uuid).message("step x failed").build()));

        assertThatThrownBy(() -> drp.nextJob(uuid)).hasMessageContaining("Action invoke grow failed")
                .hasMessageContaining("step x failed");

        JsonNode m = drp.machine(uuid).orElseThrow();
        assertThat(m.get("Runnable").asBoolean()).isFalse();
        String job = m.get("CurrentJob").asText();
        assertThat(drp.jobLog(job)).isEqualTo("Action invoke grow failed\nplugin: machines/" + uuid + ": step x failed");
        
    }

    @Test
    void anUnknownActionIsAValidationFailure() {
        String uuid = machine("action:other:grow");
        assertThatThrownBy(() -> drp.nextJob(uuid))
                .hasMessageContaining("Action grow on machines for plugin other not found");
    }

    @Test
    void aPlainTaskIsACreatedJobForTheAgentAndStageEntriesChangeTheMachine() throws Exception {
        String uuid = machine("stage:build", "install-os");

        assertThat(drp.nextJob(uuid)).as("a stage change comes back without a job").isEmpty();
        assertThat(drp.machine(uuid).orElseThrow().get("Stage").asText()).isEqualTo("build");
        JsonNode job = drp.nextJob(uuid).orElseThrow();
        assertThat(job.get("Task").asText()).isEqualTo("install-os");
        assertThat(job.get("State").asText()).isEqualTo("created");
        assertThatThrownBy(() -> drp.nextJob(uuid)).hasMessageContaining("already has running or created job");
    }

    @Test
    void theAgentsRestRequestIsServedTheSameWay() {
        String uuid = machine("action:grow");
        drp.setMachineParam(uuid, "grow/size", 2);
        try (HttpsClient api = HttpsClient.verifying(drp)) {
            HttpsClient.Reply r = api.post("/api/v3/jobs", "{\"Machine\":\"" + uuid + "\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            assertThat(r.body()).contains("\"State\":\"finished\"", "\"Task\":\"action:grow\"");
            assertThat(api.post("/api/v3/jobs", "{\"Machine\":\"" + uuid + "\"}").status()).isEqualTo(204);
        }
        assertThat(calls).hasSize(1);
    }
}
