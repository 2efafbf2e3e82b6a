package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import io.drpkit.testkit.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The host's socket goes away for 30 s while the provider is busy (spec Part A.6): requests never
 * wait on logging, log lines go to stderr while the host is unreachable, memory stays bounded, and
 * forwarding resumes — with a count of what went to stderr — once the socket is back. The Go SDK
 * recursed on the failing log post until it was OOM-killed here.
 */
class HostOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int REQUESTS = 1_000;
    private static final long RSS_LIMIT_KB = 300 * 1024;
    private static final String API = ProviderProcess.API;

    @Test
    void everyRequestIsAnsweredWhileTheHostSocketIsGoneAndLogsResumeWhenItIsBack() throws Exception {
        try (FakeDrp drp = FakeDrp.start();
             ProviderProcess p = ProviderProcess.builder(Built.executable()).captureBytes(8 << 20).build().listen(drp)) {
            assertThat(p.config(Map.of("Name", "outage")).status()).isEqualTo(200);
            drp.awaitLogLine(l -> l.message().contains("outage"), Duration.ofSeconds(15));
            String uuid = drp.createMachine("outage-machine");
            long rssBefore = rssKb(p.pid());
            AtomicLong rssPeak = new AtomicLong(rssBefore);
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<Integer>> answers = new ArrayList<>();
            try {
                sampler.scheduleAtFixedRate(() -> rssPeak.accumulateAndGet(rssKb(p.pid()), Math::max),
                        0, 250, TimeUnit.MILLISECONDS);
                drp.dialSocketDown();
                long down = System.nanoTime();
                long spacing = OUTAGE.toNanos() * 9 / 10 / REQUESTS; // the requests spread over the outage
                for (int i = 0; i < REQUESTS; i++) {
                    sleepUntil(down + i * spacing);
                    int n = i;
                    answers.add(clients.submit(() -> request(p, drp, uuid, n)));
                }
                for (Future<Integer> a : answers) {
                    assertThat(a.get(30, TimeUnit.SECONDS)).isEqualTo(200);
                }
                sleepUntil(down + OUTAGE.toNanos()); // the outage lasts its full length
                assertThat(p.isAlive()).isTrue();

                drp.dialSocketUp();
                long up = System.nanoTime();
                ListenLifecycleIT.awaitLogsResume(p, drp);
                long resumedMs = Duration.ofNanos(System.nanoTime() - up).toMillis();
                String report = drp.awaitLogLine(l -> l.message().startsWith("log forwarding:"),
                        Duration.ofSeconds(15)).message();
                System.out.printf("outage: %d requests answered in %d s without the host socket; VmRSS %d MB before,"
                        + " peak %d MB; logs resumed %d ms after the socket came back; host told: %s%n",
                        REQUESTS, OUTAGE.toSeconds(), rssBefore / 1024, rssPeak.get() / 1024, resumedMs, report);

                assertThat(report).matches("log forwarding: [1-9][0-9]* lines went to stderr and \\d+ were dropped.*");
                assertThat(p.stderr()).contains("local log:");
                long previous = 0;
                for (RecordedRequest r : drp.dialRequests()) {
                    if (r.path().endsWith("/log")) {
                        long seq = r.json().get("Seq").asLong();
                        assertThat(seq).as("Seq of the lines the host got, in arrival order").isGreaterThan(previous);
                        previous = seq;
                    }
                }
                assertThat(p.stdout()).isEqualTo("READY!\n");
                assertThat(rssPeak.get()).as("peak VmRSS in kB").isLessThan(RSS_LIMIT_KB);
            } finally {
                sampler.shutdownNow();
                clients.shutdownNow();
                drp.dialSocketUp();
            }
        }
    }

    /** A mix: mostly fast actions, some at trace level, some configs and some increments (REST). */
    private static int request(ProviderProcess p, FakeDrp drp, String uuid, int n) {
        if (n % 10 == 0) {
            return p.config(Map.of("Name", "outage")).status();
        }
        if (n % 10 == 1) {
            return p.action(ListenIT.action("increment", drp.machine(uuid).orElseThrow(), Map.of())).status();
        }
        byte[] body = DrpJson.writeBytes(ListenIT.action("incrstatus", NullNode.getInstance(), Map.of()));
        return n % 2 == 0
                ? p.post(API + "/action", "application/json", body, "X-Log-Request", "trace").status()
                : p.post(API + "/action", "application/json", body).status();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(ProcFigures.jvm(pid)), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return 0; // exited: the answers tell
        }
        return 0;
    }
}
