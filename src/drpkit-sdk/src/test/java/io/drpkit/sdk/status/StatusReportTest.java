package io.drpkit.sdk.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.internal.json.DrpJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusReportTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00.5Z");

    private static ResourceStatus entry(String name, Health health) {
        return ResourceStatus.builder(name, health).build();
    }

    @Test
    void summarizeWithNoResourcesIsUnknown() {
        StatusReport report = StatusReport.summarize(List.of(), NOW);

        assertThat(report.health()).isEqualTo(Health.UNKNOWN);
        assertThat(report.healthMessage()).isEqualTo("No resources to report");
        assertThat(report.resources()).isEmpty();
    }

    @Test
    void summarizeWithOneResourceReportsItsHealthInTheSingular() {
        StatusReport report = StatusReport.summarize(List.of(entry("a", Health.DOWN)), NOW);

        assertThat(report.health()).isEqualTo(Health.DOWN);
        assertThat(report.healthMessage()).isEqualTo("1 resource is reporting DOWN (a)");
    }

    @Test
    void summarizeWithEqualHealthsReportsThatHealth() {
        StatusReport report = StatusReport.summarize(List.of(
                entry("a", Health.READY), entry("b", Health.READY), entry("c", Health.READY)), NOW);

        assertThat(report.health()).isEqualTo(Health.READY);
        assertThat(report.healthMessage()).isEqualTo("All 3 resources are reporting READY (a, b, c)");
    }

    @Test
    void summarizeWithAllPartialStaysPartialWithTheAllMessage() {
        StatusReport report = StatusReport.summarize(
                List.of(entry("a", Health.PARTIAL), entry("b", Health.PARTIAL)), NOW);

        assertThat(report.health()).isEqualTo(Health.PARTIAL);
        assertThat(report.healthMessage()).isEqualTo("All 2 resources are reporting PARTIAL (a, b)");
    }

    @Test
    void summarizeWithMixedHealthsIsPartialWithCountsInHealthCodeOrder() {
        List<ResourceStatus> mixed = List.of(entry("a", Health.MISSING), entry("b", Health.READY),
                entry("c", Health.UNKNOWN), entry("d", Health.READY), entry("e", Health.DOWN));

        StatusReport report = StatusReport.summarize(mixed, NOW);

        assertThat(report.health()).isEqualTo(Health.PARTIAL);
        assertThat(report.healthMessage()).isEqualTo("1 UNKNOWN (c), 2 READY (b, d), 1 DOWN (e), 1 MISSING (a)");
    }

    @Test
    void summarizeMessageDoesNotDependOnInputOrder() {
        List<ResourceStatus> one = List.of(entry("a", Health.READY), entry("b", Health.MISSING),
                entry("c", Health.READY));
        List<ResourceStatus> other = List.of(entry("b", Health.MISSING), entry("c", Health.READY),
                entry("a", Health.READY));

        assertThat(StatusReport.summarize(one, NOW).healthMessage())
                .isEqualTo(StatusReport.summarize(other, NOW).healthMessage())
                .isEqualTo("2 READY (a, c), 1 MISSING (b)");
    }

    @Test
    void summarizeNamesTheTypesOfEachHealthOnceSorted() {
        List<ResourceStatus> typed = List.of(
                ResourceStatus.builder("f2", Health.READY).type("file").build(),
                ResourceStatus.builder("d", Health.READY).type("directory").build(),
                ResourceStatus.builder("f1", Health.READY).type("file").build(),
                ResourceStatus.builder("p", Health.DOWN).type("param").build());

        assertThat(StatusReport.summarize(typed, NOW).healthMessage())
                .isEqualTo("3 READY (directory, file), 1 DOWN (param)");
        assertThat(StatusReport.summarize(typed.subList(0, 3), NOW).healthMessage())
                .isEqualTo("All 3 resources are reporting READY (directory, file)");
    }

    @Test
    void summarizeKeepsResourcesInGivenOrderAndIsNotExternal() {
        List<ResourceStatus> given = List.of(entry("z", Health.READY), entry("a", Health.READY));

        StatusReport report = StatusReport.summarize(given, NOW);

        assertThat(report.resources()).extracting(ResourceStatus::name).containsExactly("z", "a");
        assertThat(report.generatedTime()).isEqualTo(NOW);
        assertThat(report.external()).isFalse();
    }

    @Test
    void resourceStatusJsonHasPascalCaseMembersInFixedOrder() {
        ObjectNode state = DrpJson.objectNode().put("path", "/srv/m1");
        ResourceStatus full = ResourceStatus.builder("dir", Health.READY).type("directory")
                .healthMessage("present").state(state)
                .createdTime(Instant.parse("2024-05-01T09:00:00Z")).build();
        ResourceStatus bare = ResourceStatus.builder("file", Health.MISSING).build();

        assertThat(DrpJson.write(full)).isEqualTo("{\"Name\":\"dir\",\"Type\":\"directory\","
                + "\"Health\":\"READY\",\"HealthMessage\":\"present\","
                + "\"State\":{\"path\":\"/srv/m1\"},\"CreatedTime\":\"2024-05-01T09:00:00Z\"}");
        assertThat(DrpJson.write(bare)).isEqualTo("{\"Name\":\"file\",\"Type\":\"\","
                + "\"Health\":\"MISSING\",\"HealthMessage\":\"\",\"State\":null,\"CreatedTime\":null}");
    }

    @Test
    void statusReportJsonMatchesGoldenFixture() throws Exception {
        StatusReport report = StatusReport.summarize(List.of(
                ResourceStatus.builder("dir", Health.READY).type("directory")
                        .healthMessage("present")
                        .state(DrpJson.objectNode().put("path", "/srv/m1"))
                        .createdTime(Instant.parse("2024-05-01T09:00:00Z")).build(),
                ResourceStatus.builder("file", Health.MISSING).type("file")
                        .healthMessage("/srv/m1/boot.ipxe does not exist").build()), NOW)
                .toBuilder().external(true).build();

        assertThat(DrpJson.prettyWriter().writeValueAsString(report) + "\n")
                .isEqualTo(fixture("fixtures/status-report.json"));
    }

    @Test
    void statusReportReadsBackFromItsJson() throws Exception {
        StatusReport report = StatusReport.summarize(List.of(
                ResourceStatus.builder("dir", Health.ALIVE).type("directory")
                        .state(DrpJson.objectNode().put("path", "/srv/m1"))
                        .createdTime(Instant.parse("2024-05-01T09:00:00Z")).build(),
                entry("file", Health.READY)), NOW);

        StatusReport read = DrpJson.read(DrpJson.write(report), StatusReport.class);

        assertThat(read).isEqualTo(report);
        assertThat(read.resources().get(1).createdTime()).isEmpty();
        assertThat(read.resources().get(1).state()).isEqualTo(NullNode.instance);
    }

    @Test
    void resourceStatusStateCannotBeChangedFromOutside() {
        ObjectNode state = DrpJson.objectNode().put("path", "/a");
        ResourceStatus status = ResourceStatus.builder("dir", Health.READY).state(state).build();

        state.put("path", "/b");
        ((ObjectNode) status.state()).put("path", "/c");

        assertThat(status.state().path("path").asText()).isEqualTo("/a");
    }

    @Test
    void resourceStatusRejectsBlankNameAndNulls() {
        assertThatThrownBy(() -> ResourceStatus.builder(" ", Health.READY).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource status name is blank");
        assertThatThrownBy(() -> ResourceStatus.builder("a", null))
                .isInstanceOf(NullPointerException.class).hasMessage("health == null");
        assertThatThrownBy(() -> StatusReport.summarize(List.of(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("generatedTime == null");
    }

    @Test
    void reportResourcesAreACopy() {
        List<ResourceStatus> given = new ArrayList<>(List.of(entry("a", Health.READY)));
        StatusReport report = StatusReport.summarize(given, NOW);

        given.add(entry("b", Health.DOWN));

        assertThat(report.resources()).hasSize(1);
        assertThatThrownBy(() -> report.resources().add(entry("c", Health.DOWN)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static String fixture(String path) throws Exception {
        try (InputStream in = StatusReportTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
