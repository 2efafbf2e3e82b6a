package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.Host;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.events.QueueStats;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.RawModel;
import io.drpkit.sdk.status.Health;
import io.drpkit.sdk.status.ResourceStatus;
import io.drpkit.sdk.status.StatusReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ProviderStatusReportTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    private static Host host(Supplier<List<RawModel>> runbooks) {
        return new Host() {
            @Override
            public void publish(String type, String action, String key, Object object) {
            }

            @Override
            public void leaving(DrpError reason) {
            }

            @Override
            public List<RawModel> listObjects(String prefix) {
                assertThat(prefix).isEqualTo("runbooks");
                return runbooks.get();
            }
        };
    }

    private static Config config(Optional<String> fileServer) {
        return Config.builder("runbook", new MemoryMachinesApi(), host(List::of), new ProviderEnvironment(
                "https://127.0.0.1:8092", Optional.of("t"), fileServer, Optional.of(Path.of("/srv/webroot")),
                Path.of("/tmp"))).generation(3).build();
    }

    private static List<String> healths(StatusReport r) {
        return r.resources().stream().map(s -> s.name() + " " + s.health()).toList();
    }

    @Test
    void aHealthyProviderReportsItsFiveEntriesReady() {
        RawModel rb = RawModel.of(JsonNodeFactory.instance.objectNode().put("Id", "file-tree"));

        StatusReport report = ProviderStatusReport.builder()
                .configuration(config(Optional.of("http://127.0.0.1:8091")))
                .checkHost(host(() -> List.of(rb, rb)))
                .eventStream(Health.READY, "connected", JsonNodeFactory.instance.objectNode().put("Received", 4))
                .managedMachines(() -> 1)
                .eventQueue(new QueueStats(3, 0, 0, 3, 0, 0, 0, 1000, 16, 2), null)
                .build(NOW);

        assertThat(healths(report)).containsExactly("configuration READY", "host-link READY",
                "event-stream READY", "runbooks READY", "managed-machines READY", "event-queue READY");
        assertThat(report.health()).isEqualTo(Health.READY);
        assertThat(report.external()).isFalse();
        assertThat(report.generatedTime()).isEqualTo(NOW);
        ResourceStatus configuration = report.resources().get(0);
        assertThat(configuration.healthMessage()).isEqualTo("configured as runbook (generation 3)");
        assertThat(configuration.state().get("FileServer").asText()).isEqualTo("http://127.0.0.1:8091");
        assertThat(report.resources().get(3).state().get("Count").asLong()).isEqualTo(2);
        assertThat(report.resources().get(3).healthMessage()).isEqualTo("2 runbooks");
        assertThat(report.resources().get(4).healthMessage()).isEqualTo("1 machine holds published resources");
    }

    @Test
    void whatWasNotCheckedIsUnknownAndMakesThePictureOnlyPartial() {
        StatusReport report = ProviderStatusReport.builder().configuration(config(Optional.of("http://x"))).build(NOW);

        assertThat(healths(report)).containsExactly("configuration READY", "host-link UNKNOWN",
                "event-stream UNKNOWN", "runbooks UNKNOWN", "managed-machines UNKNOWN", "event-queue UNKNOWN");
        assertThat(report.resources().get(1).healthMessage()).isEqualTo("not checked");
        assertThat(report.health()).isEqualTo(Health.PARTIAL);
    }

    @Test
    void theEventQueueIsDownOnceACleanUpFailedOrWasDropped() {
        ResourceStatus queue = ProviderStatusReport.builder()
                .eventQueue(new QueueStats(5, 1, 1, 1, 1, 1, 2, 1000, 16, 2),
                        JsonNodeFactory.instance.objectNode().put("Extra", 7))
                .build(NOW).resources().get(5);

        assertThat(queue.health()).isEqualTo(Health.DOWN);
        assertThat(queue.healthMessage()).isEqualTo("1 done, 1 failed, 1 dropped; 1 queued, 1 running");
        assertThat(queue.state().get("Dropped").asLong()).isEqualTo(1);
        assertThat(queue.state().get("Extra").asLong()).isEqualTo(7);
    }

    @Test
    void anUnreachableHostIsDownAndLeavesTheRunbookCountUnknown() {
        StatusReport report = ProviderStatusReport.builder().checkHost(host(() -> {
            throw new PluginException(DrpError.of(502, "plugin-mux", "GET objects/runbooks to the host failed: gone"));
        })).build(NOW);

        assertThat(report.resources().get(1).health()).isEqualTo(Health.DOWN);
        assertThat(report.resources().get(1).healthMessage()).contains("failed: gone");
        assertThat(report.resources().get(3).health()).isEqualTo(Health.UNKNOWN);
    }

    @Test
    void aHostThatDoesNotKnowRunbooksIsStillALiveLink() {
        StatusReport report = ProviderStatusReport.builder().checkHost(host(() -> {
            throw new PluginException(DrpError.of(404, "plugin-mux", "Not Found"));
        })).build(NOW);

        assertThat(report.resources().get(1).health()).isEqualTo(Health.READY);
        assertThat(report.resources().get(3).healthMessage()).isEqualTo("the host did not list runbooks: Not Found");
    }

    @Test
    void aMissingEnvironmentIsDownAndNoConfigurationIsMissing() {
        assertThat(ProviderStatusReport.builder().configuration(config(Optional.empty())).build(NOW).resources().get(0))
                .satisfies(s -> {
                    assertThat(s.health()).isEqualTo(Health.DOWN);
                    assertThat(s.healthMessage()).endsWith("publish cannot work: not set: RS_FILESERVER");
                });
        assertThat(ProviderStatusReport.builder().configuration(null).build(NOW).resources().get(0).health())
                .isEqualTo(Health.MISSING);
    }

    @Test
    void aCountThatFailsIsUnknownWithTheReason() {
        StatusReport report = ProviderStatusReport.builder().managedMachines(() -> {
            throw new PluginException(DrpError.of(502, "CLIENT_ERROR", "GET machines: no answer"));
        }).build(NOW);

        assertThat(report.resources().get(4).healthMessage()).isEqualTo("cannot count: GET machines: no answer");
    }
}
