package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import io.drpkit.sdk.model.LogLine;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The host's socket misbehaving in each way a host can (issue 11, the standing suite; spec Part
 * A.6): slow, answering 500, hanging past the host timeout, gone and back. The promises: actions
 * stay prompt throughout (logging never blocks a request); while the host answers, no log line is
 * lost (the {@code Seq}s it got have no gap); while it does not, lines go to stderr and the count
 * is reported to the host once it answers again; the process never dies of it.
 * {@link HostOutageIT} is the long outage (30 s, 1,000 requests).
 */
class HostFaultsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration PROMPT = Duration.ofSeconds(2);
    private static final int ACTIONS = 40;

    @Test
    void actionsStayPromptAndNoLineIsLostWhateverTheHostDoes() throws Exception {
        try (FakeDrp drp = FakeDrp.start();
             ProviderProcess p = ProviderProcess.builder(Built.executable()).captureBytes(8 << 20).build()
                     .listen(drp)) {
            assertThat(p.config(Map.of("Name", "faults")).text()).isEqualTo(ListenIT.OK);
            drp.awaitLogLine(l -> l.message().contains("faults"), WAIT);

            // slow: every log post answered 100 ms late; lines queue, none is lost
            drp.slow(Duration.ofMillis(100));
            long slowest = burst(p, "slow");
            String marker = mark(p, drp, "after-slow");
            assertNoLineLost(p, drp, marker);
            System.out.printf("host faults: slow (100 ms a line): slowest of %d actions %d ms; every line arrived%n",
                    ACTIONS, slowest);
            drp.healthy();

            // 500: every post refused; lines go to stderr and are counted
            drp.failWith(500, "{\"Code\":500}");
            slowest = burst(p, "failing");
            awaitOnStderr(p, "failing");
            drp.healthy();
            String report = awaitReport(p, drp);
            System.out.printf("host faults: 500: slowest action %d ms; host told: %s%n", slowest, report);

            // hanging: no answer within the host timeout (5 s); as failing, and requests never wait for it
            drp.slow(Duration.ofSeconds(30));
            slowest = burst(p, "hanging");
            awaitOnStderr(p, "hanging");
            drp.healthy();
            long back = System.nanoTime();
            ListenLifecycleIT.awaitLogsResume(p, drp); // past the hung posts, lines reach the host again
            System.out.printf("host faults: hanging: slowest action %d ms; lines delivered again %d ms after the host"
                    + " answered%n", slowest, Duration.ofNanos(System.nanoTime() - back).toMillis());

            // gone and back
            drp.dialSocketDown();
            slowest = burst(p, "gone");
            awaitOnStderr(p, "gone");
            drp.dialSocketUp();
            report = awaitReport(p, drp);
            System.out.printf("host faults: gone and back: slowest action %d ms; host told: %s%n", slowest, report);

            // healthy again: no line lost from here on
            marker = mark(p, drp, "after-all");
            assertNoLineLostSince(p, drp, drp.logLines().stream().filter(l -> l.message().startsWith("log forwarding:"))
                    .reduce((a, b) -> b).orElseThrow().seq(), marker);
            assertThat(p.isAlive()).isTrue();
            assertThat(p.stdout()).isEqualTo("READY!\n");
            assertThat(p.stderr()).contains("local log:");
        }
    }

    /** {@value #ACTIONS} actions from 4 clients; each must answer 200 within {@link #PROMPT}. */
    private static long burst(ProviderProcess p, String phase) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> took = new ArrayList<>();
            for (int i = 0; i < ACTIONS; i++) {
                took.add(clients.submit(() -> {
                    long start = System.nanoTime();
                    int status = p.action(ListenIT.action("incrstatus", NullNode.getInstance(), Map.of())).status();
                    assertThat(status).isEqualTo(200);
                    return Duration.ofNanos(System.nanoTime() - start).toMillis();
                }));
            }
            long slowest = 0;
            for (Future<Long> f : took) {
                slowest = Math.max(slowest, f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            assertThat(Duration.ofMillis(slowest)).as("slowest action while the host is %s", phase).isLessThan(PROMPT);
            return slowest;
        } finally {
            clients.shutdownNow();
        }
    }

    /** A line logged during the fault reaches stderr: the fault was really in force (not raced). */
    private static void awaitOnStderr(ProviderProcess p, String phase) {
        String marker = "during-" + phase + "-" + UUID.randomUUID();
        assertThat(p.config(Map.of("Name", marker)).status()).isEqualTo(200);
        Awaits.until("a line logged while the host is " + phase + " on stderr", WAIT,
                () -> p.stderr().contains(marker), () -> "stderr of " + p.stderr().length() + " chars");
    }

    /** A config whose log line marks a point in the stream; returns once that line arrived. */
    private static String mark(ProviderProcess p, FakeDrp drp, String name) {
        String marker = name + "-" + UUID.randomUUID();
        assertThat(p.config(Map.of("Name", marker)).status()).isEqualTo(200);
        drp.awaitLogLine(l -> l.message().contains(marker), WAIT);
        return marker;
    }

    private static String awaitReport(ProviderProcess p, FakeDrp drp) {
        int before = (int) drp.logLines().stream().filter(l -> l.message().startsWith("log forwarding:")).count();
        ListenLifecycleIT.awaitLogsResume(p, drp);
        String report = drp.awaitLogLines(l -> l.message().startsWith("log forwarding:"), before + 1, WAIT)
                .get(before).message();
        assertThat(report).matches("log forwarding: [1-9][0-9]* lines? went to stderr and \\d+ (was|were) dropped.*");
        return report;
    }

    /**
     * Every Seq from the first line to the marker's reached the host or, for a post that failed
     * or timed out on this loaded machine, stderr ({@code local log: [<group>:<seq>]...}): none lost.
     */
    private static void assertNoLineLost(ProviderProcess p, FakeDrp drp, String marker) {
        assertNoLineLostSince(p, drp, drp.logLines().get(0).seq(), marker);
    }

    private static void assertNoLineLostSince(ProviderProcess p, FakeDrp drp, long fromSeq, String marker) {
        List<LogLine> lines = drp.logLines();
        long until = lines.stream().filter(l -> l.message().contains(marker)).findFirst().orElseThrow().seq();
        List<Long> seqs = lines.stream().map(LogLine::seq).filter(s -> s >= fromSeq && s <= until).sorted().toList();
        String stderr = p.stderr();
        List<Long> lost = new ArrayList<>();
        int onStderr = 0;
        for (long q = fromSeq; q <= until; q++) {
            if (!seqs.contains(q)) {
                if (java.util.regex.Pattern.compile("local log: \\[\\d+:" + q + "\\]").matcher(stderr).find()) {
                    onStderr++;
                } else {
                    lost.add(q);
                }
            }
        }
        System.out.printf("host faults: Seq %d..%d: %d at the host, %d on stderr, %d lost%n", fromSeq, until,
                seqs.size(), onStderr, lost.size());
        assertThat(lost).as("Seq %d..%d lost (neither at the host nor on stderr)", fromSeq, until).isEmpty();
    }
}
