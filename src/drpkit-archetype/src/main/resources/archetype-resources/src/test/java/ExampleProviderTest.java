package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.drpkit.sdk.model.Action;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderHarness;
import io.drpkit.testkit.ProviderProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider in-process: the same routes, param checks and event stream as the built file, in milliseconds. */
class ExampleProviderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void greetUsesTheSchemaDefaultAndLogs() {
        try (FakeDrp drp = FakeDrp.start(); ProviderHarness provider = ProviderHarness.start(new ExampleProvider(), drp)) {
            assertThat(provider.config(Map.of("Name", "${artifactId}")).status()).isEqualTo(200);
            String uuid = drp.createMachine("m1");

            ProviderProcess.Response r = provider.action(new Action(drp.machine(uuid).orElseThrow(), "${artifactId}", "greet", "", Map.of()));

            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().asText()).startsWith("Hello, " + uuid + "!");
            provider.awaitLogLine(line -> line.message().equals("greeting machine " + uuid), WAIT);
        }
    }

    @Test
    void aGreetingAgainstTheSchemaIsRefusedBeforeTheHandlerRuns() {
        try (FakeDrp drp = FakeDrp.start(); ProviderHarness provider = ProviderHarness.start(new ExampleProvider(), drp)) {
            provider.config(Map.of("Name", "${artifactId}"));
            String uuid = drp.createMachine("m1");

            ProviderProcess.Response r = provider.action(new Action(drp.machine(uuid).orElseThrow(), "${artifactId}", "greet", "",
                    Map.of(ExampleProvider.GREETING, TextNode.valueOf(""))));

            assertThat(r.status()).isEqualTo(422);
            assertThat(r.error().messages()).singleElement().asString().startsWith(ExampleProvider.GREETING + ":");
        }
    }

    @Test
    void machineCreateEventsAreCounted() {
        try (FakeDrp drp = FakeDrp.start(); ProviderHarness provider = ProviderHarness.start(new ExampleProvider(), drp)) {
            provider.config(Map.of("Name", "${artifactId}"));

            String uuid = drp.createMachine("m2");

            provider.awaitLogLine(line -> line.message().equals("machine " + uuid + " created"), WAIT);
            ProviderProcess.Response r = provider.action(new Action(drp.machine(uuid).orElseThrow(), "${artifactId}", "greet", "", Map.of()));
            assertThat(r.json().asText()).endsWith("(1 machines created since start)");
        }
    }
}
