package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.model.Action;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built file (target/${artifactId}) run exactly as dr-provision runs it, against the fake dr-provision. */
class ExampleProviderIT {
    private static final Path EXECUTABLE = Path.of(System.getProperty("drpkit.executable", "target/${artifactId}"));

    @TempDir
    Path tmp;

    @Test
    void defineShowsTheActionAndTheBundledContentPack() {
        ProviderProcess.Result r = ProviderProcess.of(EXECUTABLE).define(Map.of());

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode definition = r.json();
        assertThat(definition.path("Name").asText()).isEqualTo("${artifactId}");
        assertThat(definition.path("AvailableActions").get(0).path("Command").asText()).isEqualTo("greet");
        assertThat(definition.path("Content").asText()).contains("Name: ${artifactId}", ExampleProvider.GREETING);
    }

    @Test
    void defineAsRenderedByTheBuildIsWhatTheProviderRendersLive() {
        ProviderProcess.Result rendered = ProviderProcess.of(EXECUTABLE).define(Map.of());
        ProviderProcess.Result live = ProviderProcess.of(EXECUTABLE)
                .define(Map.of("DRPKIT_JAVA_OPTS", "-Ddrpkit.define.live=true"));

        assertThat(live.exitCode()).as(live.stderr()).isZero();
        assertThat(rendered.stdout()).isEqualTo(live.stdout());
    }

    @Test
    void unpackWritesTheAssets() {
        ProviderProcess.Result r = ProviderProcess.of(EXECUTABLE).unpack(tmp.resolve("files"));

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(Files.exists(tmp.resolve("files/README.txt"))).isTrue();
    }

    @Test
    void listenConfigGreetStop() {
        try (FakeDrp drp = FakeDrp.start(); ProviderProcess provider = ProviderProcess.of(EXECUTABLE).listen(drp)) {
            assertThat(provider.config(Map.of("Name", "${artifactId}")).status()).isEqualTo(200);
            String uuid = drp.createMachine("m1");

            ProviderProcess.Response r = provider.action(new Action(drp.machine(uuid).orElseThrow(), "${artifactId}", "greet", "", Map.of()));

            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().asText()).startsWith("Hello, " + uuid + "!");
            drp.awaitLogLine(line -> line.message().equals("greeting machine " + uuid), Duration.ofSeconds(10));
            assertThat(provider.stop()).hasValueSatisfying(stop -> assertThat(stop.status()).isEqualTo(200));
            assertThat(provider.waitForExit(Duration.ofSeconds(30))).isTrue();
            assertThat(provider.exitCode()).hasValue(0);
        }
    }
}
