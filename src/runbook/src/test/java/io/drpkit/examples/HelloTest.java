package io.drpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.sdk.model.Action;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderHarness;
import io.drpkit.testkit.ProviderProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's example provider works as shown, through the in-process harness, and the README still shows it. */
class HelloTest {
    @Test
    void greetsWithTheDefaultAndStoresTheParam() {
        try (FakeDrp drp = FakeDrp.start(); ProviderHarness hello = ProviderHarness.start(new Hello(), drp)) {
            assertThat(hello.config(Map.of("Name", "hello")).status()).isEqualTo(200);
            String uuid = drp.createMachine("m1");
            ProviderProcess.Response r = hello.action(new Action(drp.machine(uuid).orElseThrow(), "hello", "greet", "", Map.of()));
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().asText()).isEqualTo("Hello, world");
            assertThat(drp.machineParam(uuid, "hello/greeted")).hasValueSatisfying(v -> assertThat(v.asText()).isEqualTo("world"));
        }
    }

    @Test
    void aBadParamIsRefusedBeforeTheHandlerRuns() {
        try (FakeDrp drp = FakeDrp.start(); ProviderHarness hello = ProviderHarness.start(new Hello(), drp)) {
            hello.config(Map.of("Name", "hello"));
            String uuid = drp.createMachine("m1");
            ProviderProcess.Response r = hello.action(new Action(drp.machine(uuid).orElseThrow(), "hello", "greet", "",
                    Map.of("hello/name", io.drpkit.sdk.internal.json.DrpJson.toTree(5))));
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.error().messages()).containsExactly("hello/name: expected string, got 5");
            assertThat(drp.machineParam(uuid, "hello/greeted")).isEmpty();
        }
    }

    @Test
    void theReadmeShowsThisVeryCode() throws Exception {
        String readme = Files.readString(Path.of("../../README.md"));
        String source = Files.readString(Path.of("src/test/java/io/drpkit/examples/Hello.java"));
        String body = source.substring(source.indexOf("public final class Hello implements Provider")).strip();
        assertThat(readme).contains(body);
    }
}
