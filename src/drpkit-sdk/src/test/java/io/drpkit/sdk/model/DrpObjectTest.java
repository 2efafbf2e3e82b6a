package io.drpkit.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.drpkit.sdk.internal.json.DrpJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrpObjectTest {
    private static JsonNode json(String text) throws Exception {
        return DrpJson.readTree(text);
    }

    @Test
    void aModifiedCopyKeepsMembersThisSdkDoesNotKnowAndTheirOrder() throws Exception {
        JsonNode sent = json("{\"Uuid\":\"u1\",\"Name\":\"m1\",\"FutureField\":{\"x\":[1,2]},\"Stage\":\"none\","
                + "\"Params\":{\"a\":1},\"Zzz\":true}");
        Machine m = Machine.of(sent).withStage("discover").withParam("b", TextNode.valueOf("two"));
        assertThat(DrpJson.write(m)).isEqualTo("{\"Uuid\":\"u1\",\"Name\":\"m1\",\"FutureField\":{\"x\":[1,2]},"
                + "\"Stage\":\"discover\",\"Params\":{\"a\":1,\"b\":\"two\"},\"Zzz\":true}");
        assertThat(Machine.of(sent).json()).isEqualTo(sent);
    }

    @Test
    void accessorsAcceptAnyLetterCaseAndAnswerZeroValuesWhenAbsent() throws Exception {
        Machine m = Machine.of(json("{\"uuid\":\"u1\",\"NAME\":\"m1\",\"runnable\":true,\"CurrentTask\":null}"));
        assertThat(m.uuid()).isEqualTo("u1");
        assertThat(m.name()).isEqualTo("m1");
        assertThat(m.runnable()).isTrue();
        assertThat(m.stage()).isEmpty();
        assertThat(m.profiles()).isEmpty();
        assertThat(m.params()).isEmpty();
        assertThat(m.meta()).isEmpty();
        assertThat(m.currentTask()).isEqualTo(-1);
        assertThat(m.key()).isEqualTo("u1");
        assertThat(m.path()).isEqualTo("machines/u1");
        // a wither writes DRP's spelling in the member's place
        assertThat(DrpJson.write(m.withName("m2"))).isEqualTo("{\"uuid\":\"u1\",\"Name\":\"m2\",\"runnable\":true,\"CurrentTask\":null}");
    }

    @Test
    void viewsAreImmutableCopies() throws Exception {
        Machine m = Machine.of(json("{\"Uuid\":\"u1\",\"Params\":{\"a\":{\"b\":1}}}"));
        m.json().put("Uuid", "changed");
        ((com.fasterxml.jackson.databind.node.ObjectNode) m.param("a").orElseThrow()).put("b", 2);
        m.withStage("x");
        assertThat(m.uuid()).isEqualTo("u1");
        assertThat(m.param("a").orElseThrow().get("b").asInt()).isEqualTo(1);
        assertThat(m.stage()).isEmpty();
        assertThat(m).isEqualTo(Machine.of(json("{\"Uuid\":\"u1\",\"Params\":{\"a\":{\"b\":1}}}")));
    }

    @Test
    void currentJobUuidSkipsTheNilUuid() throws Exception {
        assertThat(Machine.of(json("{\"CurrentJob\":\"00000000-0000-0000-0000-000000000000\"}")).currentJobUuid()).isEmpty();
        assertThat(Machine.of(json("{\"CurrentJob\":\"\"}")).currentJobUuid()).isEmpty();
        assertThat(Machine.of(json("{\"CurrentJob\":\"6e3b0d1c-8a2f-4c44-9a3e-1f2d3c4b5a69\"}")).currentJobUuid())
                .contains("6e3b0d1c-8a2f-4c44-9a3e-1f2d3c4b5a69");
    }

    @Test
    void jobStatesAndTimes() throws Exception {
        Job running = Job.of(json("{\"Uuid\":\"j1\",\"State\":\"running\",\"StartTime\":\"2021-09-01T15:00:00.5Z\","
                + "\"EndTime\":\"0001-01-01T00:00:00Z\",\"Machine\":\"u1\",\"Task\":\"t\"}"));
        assertThat(running.done()).isFalse();
        assertThat(running.endTime()).isEmpty();
        assertThat(running.startTime()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("2021-09-01T15:00:00.500Z"));
        assertThat(running.withState("finished").done()).isTrue();
        assertThat(running.machine()).isEqualTo("u1");
    }

    @Test
    void everyKindKnowsItsPrefixAndKey() throws Exception {
        JsonNode o = json("{\"Name\":\"n\",\"Uuid\":\"u\",\"Addr\":\"10.0.0.5\"}");
        assertThat(List.of(Machine.class, Job.class, Profile.class, Param.class, Task.class, Stage.class,
                Workflow.class, Subnet.class, Reservation.class)).extracting(c -> DrpObject.of(c, o).path())
                .containsExactly("machines/u", "jobs/u", "profiles/n", "params/n", "tasks/n", "stages/n",
                        "workflows/n", "subnets/n", "reservations/10.0.0.5");
        assertThat(DrpObject.prefixOf(Reservation.class)).isEqualTo("reservations");
    }

    @Test
    void typedListsAndWithersOfTheOtherKinds() throws Exception {
        Stage s = Stage.named("discover").withTasks(List.of("a", "b")).withBootEnv("sledgehammer").withParam("p", IntNode.valueOf(3));
        assertThat(s.tasks()).containsExactly("a", "b");
        assertThat(s.bootEnv()).isEqualTo("sledgehammer");
        assertThat(s.param("p")).contains(IntNode.valueOf(3));
        assertThat(Workflow.named("w").withStages(List.of("discover", "complete")).stages()).containsExactly("discover", "complete");
        assertThat(Profile.named("p").withProfiles(List.of("q")).withoutParam("x").profiles()).containsExactly("q");
        assertThat(Subnet.of(json("{\"Name\":\"s\",\"Subnet\":\"10.0.0.0/24\",\"Options\":[{\"Code\":3,\"Value\":\"10.0.0.1\"}]}"))
                .options()).hasSize(1);
        assertThat(Reservation.named("10.0.0.5").withToken("aa:bb").token()).isEqualTo("aa:bb");
        assertThat(Task.of(json("{\"Name\":\"t\",\"RequiredParams\":[\"x\"]}")).requiredParams()).containsExactly("x");
    }

    @Test
    void paramOfBuildsDrpsFullMemberListAndSecureIsRead() throws Exception {
        assertThat(DrpJson.write(Param.of("incrementer/step", json("{\"type\":\"integer\"}")))).isEqualTo(
                "{\"Validated\":false,\"Available\":false,\"Errors\":[],\"ReadOnly\":false,\"Meta\":{},\"Endpoint\":\"\","
                        + "\"Bundle\":\"\",\"Name\":\"incrementer/step\",\"Description\":\"\",\"Documentation\":\"\","
                        + "\"Secure\":false,\"Schema\":{\"type\":\"integer\"}}");
        Param p = DrpJson.convert(json("{\"Name\":\"ipmi/password\",\"Secure\":true,\"NewMember\":1}"), Param.class);
        assertThat(p.secure()).isTrue();
        assertThat(p.schema().isEmpty()).isTrue();
        assertThat(p.json().has("NewMember")).isTrue();
    }

    @Test
    void toStringNamesTheObjectNotItsValues() throws Exception {
        Machine m = Machine.of(json("{\"Uuid\":\"u1\",\"Params\":{\"ipmi/password\":\"hunter2\"}}"));
        assertThat(m.toString()).isEqualTo("Machine[machines/u1]").doesNotContain("hunter2");
    }

    @Test
    void onlyJsonObjectsMakeViews() {
        assertThatThrownBy(() -> Machine.of(TextNode.valueOf("x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Machine is a JSON object");
    }
}
