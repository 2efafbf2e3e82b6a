package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.testkit.Simulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The test kit's generic simulator drives the built runbook from its own define. */
class SimulatorIT {
    @Test
    void theGenericSessionRunsEveryActionThatHasDefaultsAndPasses() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        int result = Simulator.builder(Built.executable()).out(out).build().run();

        String transcript = bytes.toString(StandardCharsets.UTF_8);
        assertThat(result).as(transcript).isZero();
        assertThat(transcript).contains("[1/6] define", "[5/6] actions, with their params' defaults", "[6/6] stop")
                .contains("machines:increment {\"incrementer/step\":1,\"incrementer/parameter\":\"incrementer/default\"} -> 200")
                .contains("system:incrstatus -> 200")
                .contains("machines:runbook-create skipped: required param runbook/name has no default")
                .contains("session finished in").contains(": OK");
    }

    @Test
    void aFailingExtraStepIsReportedAndTheSessionStillStops() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        int result = Simulator.builder(Built.executable()).out(out)
                .step("an unknown command", s -> {
                    var r = s.provider().action(s.machineAction("explode", java.util.Map.of()));
                    s.call("explode", r);
                    s.check(r.status() == 200, "explode answered " + r.status());
                })
                .build().run();

        String transcript = bytes.toString(StandardCharsets.UTF_8);
        assertThat(result).as(transcript).isEqualTo(1);
        assertThat(transcript).contains("FAILED: an unknown command: explode answered 404", "[7/7] stop",
                "exited 0 after", "1 FAILED", "  - an unknown command: explode answered 404");
    }
}
