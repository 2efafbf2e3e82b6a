package io.drpkit.sdk.resource;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.resource.ResourceRecord.Phase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagerStateTest {
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    static ManagerState sample() {
        return ManagerState.of("m1", List.of(
                ResourceRecord.builder("dir", Phase.CREATED).type("directory")
                        .state(DrpJson.objectNode().put("path", "/srv/m1")).createdTime(T0).build(),
                ResourceRecord.builder("file", Phase.CREATING).type("file").build()),
                T0.plusSeconds(1));
    }

    @Test
    void persistedJsonHasAStableShape() {
        assertThat(DrpJson.write(sample())).isEqualTo("{\"Version\":1,\"Target\":\"m1\",\"Resources\":["
                + "{\"Name\":\"dir\",\"Type\":\"directory\",\"Phase\":\"created\","
                + "\"State\":{\"path\":\"/srv/m1\"},\"CreatedTime\":\"2024-05-01T10:00:00Z\",\"Error\":\"\"},"
                + "{\"Name\":\"file\",\"Type\":\"file\",\"Phase\":\"creating\",\"State\":null,"
                + "\"CreatedTime\":null,\"Error\":\"\"}],"
                + "\"UpdatedTime\":\"2024-05-01T10:00:01Z\"}");
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        ManagerState read = DrpJson.read(DrpJson.write(sample()), ManagerState.class);

        assertThat(read).isEqualTo(sample());
        assertThat(read.resource("file").orElseThrow().state()).isEqualTo(NullNode.instance);
        assertThat(read.resource("file").orElseThrow().createdTime()).isEmpty();
    }

    @Test
    void everyPhaseIsWrittenInLowerCase() {
        for (Phase phase : Phase.values()) {
            String json = DrpJson.write(ResourceRecord.builder("a", phase).build());
            assertThat(json).contains("\"Phase\":\"" + phase.name().toLowerCase() + "\"");
        }
    }

    @Test
    void aStateWithoutVersionReadsAsTheCurrentVersion() throws Exception {
        ManagerState read = DrpJson.read("{\"Target\":\"m1\",\"Resources\":[]}", ManagerState.class);

        assertThat(read.version()).isEqualTo(ManagerState.VERSION);
        assertThat(read.resources()).isEmpty();
    }

    @Test
    void liveListsResourcesNotYetDestroyedInCreationOrder() {
        ManagerState state = ManagerState.of("m1", List.of(
                ResourceRecord.builder("a", Phase.CREATED).build(),
                ResourceRecord.builder("b", Phase.DESTROYED).build(),
                ResourceRecord.builder("c", Phase.FAILED).build()), T0);

        assertThat(state.live()).containsExactly("a", "c");
    }
}
