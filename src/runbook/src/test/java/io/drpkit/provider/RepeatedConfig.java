package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code /config} again and again on one provider (issue 11 item 1): DRP re-posts it whenever a
 * Plugin's params change. Each new configuration must reuse or close what the previous one opened
 * (DRP session, connection pool, dispatcher threads, event websocket), so after N calls the
 * process is where it was after the first few: threads, descriptors and memory within a small
 * bound. Shared by {@link ConfigLeakIT} (make test) and {@link ConfigLeakSoak} (make soak).
 */
final class RepeatedConfig {
    /** Calls made before the baseline is taken: pools and JIT settle in these. */
    static final int WARM_UP = 20;
    static final int THREAD_SLACK = 8;
    static final int FD_SLACK = 16;
    static final long RSS_SLACK_KB = 48 * 1024;

    private RepeatedConfig() {
    }

    static void run(int calls) {
        try (FakeDrp drp = FakeDrp.start();
             ProviderProcess p = ProviderProcess.of(Built.executable()).listen(drp)) {
            // alternating selections: every call really re-registers (a new websocket each time)
            List<Map<String, ?>> configs = List.of(Map.of("Name", "leak"),
                    Map.of("Name", "leak", "runbook/events", List.of("machines.update.*")));
            assertThat(p.config(configs.get(0)).text()).isEqualTo(ListenIT.OK);
            ProcFigures first = ProcFigures.of(p.pid());
            for (int i = 1; i <= WARM_UP; i++) {
                assertThat(p.config(configs.get(i % 2)).text()).isEqualTo(ListenIT.OK);
            }
            ProcFigures baseline = ProcFigures.of(p.pid());
            ProcFigures peak = baseline;
            long start = System.nanoTime();
            for (int i = 1; i <= calls; i++) {
                assertThat(p.config(configs.get(i % 2)).text()).as("config %d", i).isEqualTo(ListenIT.OK);
                if (i % 50 == 0) {
                    ProcFigures now = ProcFigures.of(p.pid());
                    peak = new ProcFigures(Math.max(peak.threads(), now.threads()), Math.max(peak.fds(), now.fds()),
                            Math.max(peak.rssKb(), now.rssKb()));
                }
            }
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            ProcFigures after = ProcFigures.of(p.pid());
            System.out.printf("repeated /config: after the first: %s; after %d more: %s; after %d more (%d ms, %.1f"
                            + " ms each): %s; peak %s; websocket connections opened %d%n",
                    first, WARM_UP, baseline, calls, ms, (double) ms / calls, after, peak, drp.websocketConnectCount());

            assertThat(drp.websocketConnectCount()).as("a websocket per configuration").isGreaterThan(calls);
            assertThat(peak.threads()).as("threads (baseline %s)", baseline)
                    .isLessThanOrEqualTo(baseline.threads() + THREAD_SLACK);
            assertThat(peak.fds()).as("open descriptors (baseline %s)", baseline)
                    .isLessThanOrEqualTo(baseline.fds() + FD_SLACK);
            assertThat(peak.rssKb()).as("VmRSS kB (baseline %s)", baseline)
                    .isLessThanOrEqualTo(baseline.rssKb() + RSS_SLACK_KB);
            assertThat(p.action(ListenIT.action("incrstatus", com.fasterxml.jackson.databind.node.NullNode.getInstance(),
                    Map.of())).text()).isEqualTo("\"Running\"\n");
        }
    }
}
