package io.drpkit.sdk.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.Host;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.internal.api.DrpApiOptions;
import io.drpkit.sdk.internal.api.HttpDrpApi;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.RawModel;
import io.drpkit.testkit.FakeDrp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthPublisherTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path tmp;

    private FakeDrp drp;
    private HttpDrpApi api;
    private Config config;
    private final AtomicReference<StatusReport> report = new AtomicReference<>();
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() {
        drp = FakeDrp.start();
        api = HttpDrpApi.connect(ProviderEnvironment.from(drp.providerEnvironment(), tmp), DrpApiOptions.defaults());
        config = Config.builder("rb", api, NO_HOST, ProviderEnvironment.from(drp.providerEnvironment(), tmp)).build();
        drp.createPlugin("rb", "runbook", Map.of("x", 1));
        report.set(report(ResourceStatus.builder("link", Health.READY).type("socket").build()));
    }

    @AfterEach
    void stop() {
        api.close();
        drp.close();
    }

    private static StatusReport report(ResourceStatus... entries) {
        return StatusReport.summarize(List.of(entries), T0);
    }

    private HealthPublisher publisher(Duration interval) {
        return HealthPublisher.builder(c -> report.get()).interval(interval).clock(clock).build();
    }

    private JsonNode plugin() {
        return drp.plugin("rb").orElseThrow();
    }

    @Test
    void theHealthGoesIntoMetaAndDownEntriesIntoPluginErrorsKeepingDrpsOwn() throws Exception {
        drp.setPluginErrors("rb", List.of("Unable to create event stream: boom", "health: old DOWN: stale"));
        HealthPublisher p = publisher(Duration.ofSeconds(60));
        p.start(config);
        p.close(); // the tests drive check() themselves

        assertThat(p.check()).isTrue();
        JsonNode meta = plugin().get("Meta");
        assertThat(meta.get("health").asText()).isEqualTo("READY");
        assertThat(meta.get("health-message").asText()).isEqualTo("1 resource is reporting READY (socket)");
        assertThat(meta.get("health-time").asText()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(plugin().get("PluginErrors")).extracting(JsonNode::asText)
                .containsExactly("Unable to create event stream: boom");
        assertThat(plugin().get("Params").get("x").asInt()).as("Params untouched").isEqualTo(1);

        report.set(report(ResourceStatus.builder("link", Health.READY).build(),
                ResourceStatus.builder("stream", Health.DOWN).type("websocket").healthMessage("disconnected").build()));
        assertThat(p.check()).isTrue();
        assertThat(plugin().get("Meta").get("health").asText()).isEqualTo("PARTIAL");
        assertThat(plugin().get("PluginErrors")).extracting(JsonNode::asText)
                .containsExactly("Unable to create event stream: boom", "health: stream DOWN: disconnected");
    }

    @Test
    void anUnchangedReportIsPublishedOnlyOncePerInterval() {
        HealthPublisher p = publisher(Duration.ofSeconds(60));
        p.start(config);
        p.close();
        p.check();
        int patches = patches();

        clock.now = T0.plusSeconds(30);
        assertThat(p.check()).isFalse();
        assertThat(patches()).isEqualTo(patches);
        clock.now = T0.plusSeconds(61);
        assertThat(p.check()).as("the heartbeat").isTrue();
        assertThat(plugin().get("Meta").get("health-time").asText()).isEqualTo("2024-05-01T10:01:01Z");
    }

    @Test
    void theThreadPublishesByItselfAndAZeroIntervalPublishesNothing() throws Exception {
        HealthPublisher off = publisher(Duration.ZERO);
        off.start(config);
        assertThat(off.check()).isFalse();
        assertThat(plugin().get("Meta").has("health")).isFalse();

        try (HealthPublisher p = HealthPublisher.builder(c -> report.get()).interval(Duration.ofSeconds(60))
                .checkEvery(Duration.ofMillis(50)).build()) {
            p.start(config);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!plugin().get("Meta").has("health")) {
                assertThat(System.nanoTime()).as("published by the thread").isLessThan(deadline);
                Thread.sleep(20);
            }
            report.set(report(ResourceStatus.builder("link", Health.MISSING).build()));
            while (!plugin().get("Meta").get("health").asText().equals("MISSING")) {
                assertThat(System.nanoTime()).as("a change published by the thread").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    @Test
    void intervalsReadGoDurationsAndOff() {
        assertThat(HealthPublisher.parseInterval("1m30s")).contains(Duration.ofSeconds(90));
        assertThat(HealthPublisher.parseInterval("500ms")).contains(Duration.ofMillis(500));
        assertThat(HealthPublisher.parseInterval("off")).contains(Duration.ZERO);
        assertThat(HealthPublisher.parseInterval("0")).contains(Duration.ZERO);
        assertThat(HealthPublisher.parseInterval("soon")).isEmpty();
        assertThatThrownBy(() -> HealthPublisher.builder(c -> null).interval(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    private int patches() {
        return (int) drp.requests().stream().filter(r -> r.method().equals("PATCH")).count();
    }

    private static final class MutableClock extends Clock {
        volatile Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final Host NO_HOST = new Host() {
        @Override
        public void publish(String type, String action, String key, Object object) {
        }

        @Override
        public void leaving(DrpError reason) {
        }

        @Override
        public List<RawModel> listObjects(String prefix) {
            return List.of();
        }
    };
}
