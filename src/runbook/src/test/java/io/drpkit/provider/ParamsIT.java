package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue "Params" against the built executable: every action and {@code /config} is checked
 * against the content pack's schemas before any provider code runs.
 */
class ParamsIT {
    private static final Path EXECUTABLE = Path.of(System.getProperty("drpkit.executable", "target/runbook"));
    private static FakeDrp drp;
    private static ProviderProcess provider;

    @BeforeAll
    static void start() {
        drp = FakeDrp.builder().storeObjects("runbooks").start();
        provider = ProviderProcess.of(EXECUTABLE).listen(drp);
        assertThat(provider.config(Map.of("Name", "runbook")).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        provider.close();
        drp.close();
    }

    private static JsonNode json(String text) {
        try {
            return DrpJson.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static ProviderProcess.Response increment(String uuid, Map<String, JsonNode> params) {
        return provider.action(new Action(drp.machine(uuid).orElseThrow(), "runbook", "increment", "", params));
    }

    @ParameterizedTest(name = "incrementer/step = {0}")
    @ValueSource(strings = {"\"two\"", "2.5", "null", "{\"a\":1}", "[1]", "true"})
    void aBadStepIsRefusedWith422NamingTheProblemAndTheHandlerNeverRuns(String value) {
        String uuid = drp.createMachine("bad-" + Integer.toHexString(value.hashCode()));
        int restCalls = drp.requests().size();

        ProviderProcess.Response r = increment(uuid, Map.of("incrementer/step", json(value)));

        assertThat(r.status()).as(r.text()).isEqualTo(422);
        DrpError error = r.error();
        assertThat(error.type()).isEqualTo("ValidationError");
        assertThat(error.messages()).containsExactly("incrementer/step: expected integer, got " + value);
        assertThat(drp.requests()).as("no API request may reach DRP").hasSize(restCalls);
        assertThat(drp.machineParam(uuid, "incrementer/default")).isEmpty();
    }

    @Test
    void twoAndTwoPointZeroAreBothTheInteger2() {
        String uuid = drp.createMachine("two");
        assertThat(increment(uuid, Map.of("incrementer/step", json("2"))).json().asLong()).isEqualTo(2);
        assertThat(increment(uuid, Map.of("incrementer/step", json("2.0"))).json().asLong()).isEqualTo(4);
        assertThat(drp.machineParam(uuid, "incrementer/default").map(JsonNode::asLong)).hasValue(4L);
    }

    @Test
    void absentOptionalParamsGetTheirSchemaDefaults() {
        String uuid = drp.createMachine("defaults");
        ProviderProcess.Response r = increment(uuid, Map.of());
        assertThat(r.status()).isEqualTo(200);
        // incrementer/step defaults to 1, incrementer/parameter to incrementer/default
        assertThat(r.json().asLong()).isEqualTo(1);
        assertThat(drp.machineParam(uuid, "incrementer/default").map(JsonNode::asLong)).hasValue(1L);
    }

    @Test
    void aConfigWithTwoBadParamsReportsBothAndThePreviousConfigStaysInForce() throws Exception {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("Name", "runbook-renamed");
        bad.put("incrementer/step", "x");
        bad.put("runbook/events", 5);
        ProviderProcess.Response r = provider.config(bad);

        assertThat(r.status()).isEqualTo(400);
        // the /config form: one message, the JSON text of the ValidationError
        DrpError inner = DrpJson.read(r.error().messages().get(0), DrpError.class);
        assertThat(inner.type()).isEqualTo("ValidationError");
        assertThat(inner.messages()).containsExactlyInAnyOrder(
                "incrementer/step: expected integer, got \"x\"", "runbook/events: expected array, got 5");

        // the previous configuration still answers actions, under its old name and generation
        String uuid = drp.createMachine("after-bad-config");
        assertThat(increment(uuid, Map.of()).status()).isEqualTo(200);
        JsonNode status = provider.action(new Action(null, "runbook", "status", "", Map.of())).json();
        JsonNode configuration = status.path("Resources").get(0).path("State");
        assertThat(configuration.path("Name").asText()).isEqualTo("runbook");
        assertThat(configuration.path("Generation").asLong()).isEqualTo(1);
    }
}
