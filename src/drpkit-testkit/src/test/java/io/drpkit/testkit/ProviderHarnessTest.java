package io.drpkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.LogLine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProviderHarnessTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Provider chatty() {
        return () -> ProviderDefinition.builder("chatty", "1")
                .action(ActionSpec.builder("", "speak").build(), r -> {
                    LoggerFactory.getLogger("chatty").info("spoken by the action");
                    return "ok";
                })
                .build();
    }

    @Test
    void logLinesAreRecordedAndForwardedToTheHost() {
        try (FakeDrp drp = FakeDrp.start(); ProviderHarness harness = ProviderHarness.start(chatty(), drp)) {
            assertThat(harness.config(Map.of("Name", "chatty")).status()).isEqualTo(200);

            assertThat(harness.action(new Action(null, "chatty", "speak", "", Map.of())).status()).isEqualTo(200);

            LogLine recorded = harness.awaitLogLine(l -> l.message().equals("spoken by the action"), WAIT);
            assertThat(recorded.service()).isEqualTo("chatty");
            assertThat(recorded.level()).isEqualTo("info");
            LogLine received = drp.awaitLogLine(l -> l.message().equals("spoken by the action"), WAIT);
            assertThat(received.seq()).isEqualTo(recorded.seq());
            assertThat(harness.logLines()).contains(recorded);
        }
    }

    @Test
    void linesLoggedAfterCloseAreNotRecorded() {
        ProviderHarness closed;
        try (FakeDrp drp = FakeDrp.start(); ProviderHarness harness = ProviderHarness.start(chatty(), drp)) {
            closed = harness;
        }
        int before = closed.logLines().size();

        LoggerFactory.getLogger("chatty").info("after close");

        assertThat(closed.logLines()).hasSize(before).noneMatch(l -> l.message().equals("after close"));
    }
}
