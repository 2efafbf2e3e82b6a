package io.drpkit.sdk.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.drpkit.sdk.ListQuery;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Job;
import io.drpkit.sdk.model.Machine;
import io.drpkit.sdk.model.Profile;
import io.drpkit.sdk.model.Stage;
import io.drpkit.testkit.FakeDrp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed DRP objects, list filters, waitFor and secure params through {@link HttpDrpApi} against the test kit. */
class TypedApiFakeDrpTest {
    @TempDir
    Path tmp;

    private FakeDrp drp;
    private HttpDrpApi api;

    @BeforeEach
    void start() {
        drp = FakeDrp.start();
        api = HttpDrpApi.connect(ProviderEnvironment.from(drp.providerEnvironment(), tmp), DrpApiOptions.defaults());
    }

    @AfterEach
    void stop() {
        api.close();
        drp.close();
    }

    private String machineWith(String name, String stage, int task) {
        ObjectNode m = DrpJson.objectNode().put("Name", name).put("Stage", stage).put("CurrentTask", task);
        return drp.createMachine(m).get("Uuid").asText();
    }

    @Test
    void typedReadsAndDrpsErrors() {
        String uuid = machineWith("m1", "discover", 0);
        Machine m = api.machine(uuid);
        assertThat(m.name()).isEqualTo("m1");
        assertThat(m.stage()).isEqualTo("discover");
        assertThat(m.arch()).isEqualTo("amd64");
        assertThat(api.find(Machine.class, "no-such")).isEmpty();
        assertThatThrownBy(() -> api.machine("no-such")).isInstanceOfSatisfying(PluginException.class,
                e -> assertThat(e.error().code()).isEqualTo(404));
        assertThat(api.profile("global").name()).isEqualTo("global");
        String job = drp.createJob(DrpJson.objectNode().put("Machine", uuid).put("Task", "t1"));
        assertThat(api.job(job).state()).isEqualTo("created");
        assertThat(api.job(job).machine()).isEqualTo(uuid);
    }

    @Test
    void listFiltersPagingAndOrderAreDrps() {
        machineWith("rack-1-a", "complete", 3);
        machineWith("rack-1-b", "discover", 1);
        machineWith("rack-2-a", "complete", 7);
        machineWith("other", "none", 10);
        assertThat(api.list(Machine.class, ListQuery.builder().eq("Stage", "complete").build()))
                .extracting(Machine::name).containsExactly("rack-1-a", "rack-2-a");
        assertThat(api.list(Machine.class, ListQuery.builder().gt("CurrentTask", "2").build()))
                .extracting(Machine::name).containsExactly("rack-1-a", "rack-2-a", "other"); // 10 > 2 as a number
        assertThat(api.list(Machine.class, ListQuery.builder().re("Name", "^rack-1-").build()))
                .extracting(Machine::name).containsExactly("rack-1-a", "rack-1-b");
        assertThat(api.list(Machine.class, ListQuery.builder().in("Stage", List.of("none", "discover")).build()))
                .extracting(Machine::name).containsExactly("rack-1-b", "other");
        assertThat(api.list(Machine.class, ListQuery.builder().between("CurrentTask", "2", "7").sort("Name").reverse().build()))
                .extracting(Machine::name).containsExactly("rack-2-a", "rack-1-a");
        assertThat(api.list(Machine.class, ListQuery.builder().sort("Name").offset(1).limit(2).build()))
                .extracting(Machine::name).containsExactly("rack-1-a", "rack-1-b");
        assertThatThrownBy(() -> api.list(Machine.class, ListQuery.builder().re("Name", "([").build()))
                .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.error().code()).isEqualTo(400));
    }

    @Test
    void updateSendsOnlyTheChangeAndKeepsMembersTheSdkDoesNotKnow() {
        ObjectNode sent = DrpJson.objectNode().put("Name", "m1").put("NewerDrpField", "keep me");
        String uuid = drp.createMachine(sent).get("Uuid").asText();
        Machine before = api.machine(uuid);
        drp.clearRecords();
        Machine after = api.update(before, m -> m.withStage("discover").withParam("site/rack", TextNode.valueOf("r12")));
        assertThat(after.stage()).isEqualTo("discover");
        assertThat(after.param("site/rack")).contains(TextNode.valueOf("r12"));
        assertThat(after.member("NewerDrpField")).contains(TextNode.valueOf("keep me"));
        JsonNode patch = drp.requests().stream().filter(r -> r.method().equals("PATCH")).findFirst().orElseThrow().json();
        assertThat(patch.toString()).contains("/Stage").contains("/Params/site~1rack").doesNotContain("NewerDrpField");
    }

    @Test
    void createAndSaveRoundTripWholeObjects() {
        Stage created = api.create(Stage.named("burn-in").withTasks(List.of("stress")).withParam("burn/minutes", IntNode.valueOf(5)));
        assertThat(created.validated()).isTrue();
        Stage saved = api.save(created.withDescription("two hours").withMember("Later", TextNode.valueOf("x")));
        assertThat(api.read(Stage.class, "burn-in").description()).isEqualTo("two hours");
        assertThat(saved.member("Later")).contains(TextNode.valueOf("x"));
        assertThat(saved.tasks()).containsExactly("stress");
    }

    @Test
    void waitForAnswersAtOnceWhenTheConditionAlreadyHolds() {
        String uuid = machineWith("m1", "complete", 0);
        Machine m = api.waitFor(api.machine(uuid), x -> x.stage().equals("complete"), Duration.ofSeconds(5));
        assertThat(m.stage()).isEqualTo("complete");
    }

    @Test
    void waitForCompletesOnTheEventThatMakesTheConditionTrue() throws Exception {
        String uuid = machineWith("m1", "discover", 0);
        Machine m = api.machine(uuid);
        CompletableFuture<Machine> waiting = CompletableFuture.supplyAsync(
                () -> api.waitFor(m, x -> x.param("done").isPresent(), Duration.ofSeconds(20)));
        // registered before the first read, so a change after the registration is never missed
        drp.awaitWebsocketMessage(t -> t.equals("register machines.*." + uuid), Duration.ofSeconds(10));
        drp.setMachineParam(uuid, "other", 1);
        drp.setMachineParam(uuid, "done", true);
        Machine done = waiting.get(20, TimeUnit.SECONDS);
        assertThat(done.param("done")).hasValueSatisfying(v -> assertThat(v.asBoolean()).isTrue());
        drp.awaitWebsocketMessage(t -> t.equals("deregister machines.*." + uuid), Duration.ofSeconds(10));
    }

    @Test
    void waitForTimesOutAndFailsOnDeletionWithClearErrors() throws Exception {
        String uuid = machineWith("m1", "discover", 0);
        Machine m = api.machine(uuid);
        assertThatThrownBy(() -> api.waitFor(m, x -> false, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(408);
                    assertThat(e.error().toString()).isEqualTo("WaitTimeout: machines/" + uuid + ": condition not met within 300 ms");
                });
        CompletableFuture<Machine> waiting = CompletableFuture.supplyAsync(() -> api.waitFor(m, x -> false, Duration.ofSeconds(20)));
        drp.awaitWebsocketMessage(t -> t.equals("register machines.*." + uuid), Duration.ofSeconds(10));
        drp.deleteMachine(uuid);
        assertThat(waiting).failsWithin(Duration.ofSeconds(20)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.error().code()).isEqualTo(404));
        assertThatThrownBy(() -> api.waitFor(m, x -> true, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.error().code()).isEqualTo(404));
    }

    @Test
    void waitForAJobToFinish() throws Exception {
        String uuid = machineWith("m1", "discover", 0);
        String job = drp.createJob(DrpJson.objectNode().put("Machine", uuid).put("Task", "t1").put("State", "running"));
        CompletableFuture<Job> waiting = CompletableFuture.supplyAsync(() -> api.waitFor(api.job(job), Job::done, Duration.ofSeconds(20)));
        drp.awaitWebsocketMessage(t -> t.equals("register jobs.*." + job), Duration.ofSeconds(10));
        ObjectNode finished = api.job(job).json().put("State", "finished");
        drp.saveObject("jobs", finished);
        assertThat(waiting.get(20, TimeUnit.SECONDS).state()).isEqualTo("finished");
    }

    // ------------------------------------------------------------------ secure params

    @Test
    void aSecureParamIsSealedForTheObjectAndReadBackDecoded() {
        drp.defineParam("ipmi/password", DrpJson.objectNode().put("type", "string"), true);
        String uuid = machineWith("m1", "none", 0);
        api.setSecureParam("machines", uuid, "ipmi/password", "hunter2");

        JsonNode stored = drp.machineParam(uuid, "ipmi/password").orElseThrow();
        assertThat(SecureParams.isSecureData(stored)).isTrue();
        assertThat(stored.toString()).doesNotContain("hunter2");
        // the value never travelled in the clear
        assertThat(drp.requests()).noneMatch(r -> new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).contains("hunter2"));
        assertThat(drp.requests()).anyMatch(r -> r.method().equals("GET") && r.path().endsWith("/machines/" + uuid + "/pubkey"));

        assertThat(api.decodedParam("machines", uuid, "ipmi/password", false)).contains(TextNode.valueOf("hunter2"));
        assertThat(api.param("machines", uuid, "ipmi/password", false)).hasValueSatisfying(v -> assertThat(SecureParams.isSecureData(v)).isTrue());
        assertThat(api.params("machines", uuid, false, true)).containsEntry("ipmi/password", TextNode.valueOf("hunter2"));
        assertThat(api.machine(uuid).param("ipmi/password")).hasValueSatisfying(v -> assertThat(v.has("Payload")).isTrue());
        assertThat(api.decodedParam("machines", uuid, "unset", false)).isEmpty();
    }

    @Test
    void aggregatedDecodedReadsOpenEachLayerWithItsOwnKey() {
        drp.defineParam("tower/password", DrpJson.objectNode().put("type", "string"), true);
        api.create(Profile.named("site"));
        api.setSecureParam("profiles", "site", "tower/password", "from-profile");
        ObjectNode m = DrpJson.objectNode().put("Name", "m1");
        m.putArray("Profiles").add("site");
        String uuid = drp.createMachine(m).get("Uuid").asText();
        assertThat(api.decodedParam("machines", uuid, "tower/password", true)).contains(TextNode.valueOf("from-profile"));
        assertThat(api.params("machines", uuid, true, true)).containsEntry("tower/password", TextNode.valueOf("from-profile"));
        assertThat(api.decodedParam("machines", uuid, "tower/password", false)).isEmpty();
    }

    @Test
    void aValueWrittenInTheClearToASecureParamIsStoredEncryptedByDrp() {
        drp.defineParam("callback/token", DrpJson.objectNode().put("type", "string"), true);
        String uuid = machineWith("m1", "none", 0);
        JsonNode answer = api.setParam("machines", uuid, "callback/token", "t0k3n");
        assertThat(SecureParams.isSecureData(answer)).isTrue();
        assertThat(drp.decodedParam("machines", uuid, "callback/token")).contains(TextNode.valueOf("t0k3n"));
        assertThat(api.decodedParam("machines", uuid, "callback/token", false)).contains(TextNode.valueOf("t0k3n"));
    }

    @Test
    void aBadPublicKeyIsAClearErrorWithoutTheValue() {
        assertThatThrownBy(() -> SecureParams.seal("machines/u1", TextNode.valueOf("c2hvcnQ="), "\"hunter2\"".getBytes()))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(502);
                    assertThat(e.getMessage()).contains("machines/u1/pubkey").doesNotContain("hunter2");
                });
    }
}
