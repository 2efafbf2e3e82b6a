package io.drpkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drpkit.sdk.internal.api.DrpApiOptions;
import io.drpkit.sdk.internal.api.HttpDrpApi;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.RecordedRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JobLog} against the test kit's {@code PUT /api/v3/jobs/<uuid>/log}. */
class JobLogTest {
    @TempDir
    Path tmp;

    private FakeDrp drp;
    private HttpDrpApi api;
    private String job;

    @BeforeEach
    void start() {
        drp = FakeDrp.start();
        api = HttpDrpApi.connect(ProviderEnvironment.from(drp.providerEnvironment(), tmp), DrpApiOptions.defaults());
        job = drp.createJob(DrpJson.objectNode().put("Task", "render"));
    }

    @AfterEach
    void stop() {
        api.close();
        drp.close();
    }

    private long logPuts() {
        return drp.requests().stream().filter(r -> r.method().equals("PUT") && r.path().endsWith("/log")).count();
    }

    @Test
    void linesAreBufferedAndSentInOrderInOneRequestOnClose() {
        try (JobLog log = JobLog.of(api, job)) {
            log.append("first");
            log.append("second\n");
            log.append("");
            assertThat(logPuts()).as("buffered").isZero();
        }
        assertThat(drp.jobLog(job)).isEqualTo("first\nsecond\n\n");
        assertThat(logPuts()).isEqualTo(1);
        RecordedRequest put = drp.requests().stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow();
        assertThat(put.path()).isEqualTo("/api/v3/jobs/" + job + "/log");
        assertThat(put.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/octet-stream"));
    }

    @Test
    void aFullBufferIsSentWithoutWaitingForClose() {
        JobLog log = JobLog.of(api, job);
        String line = "x".repeat(100);
        for (int i = 0; i < 100; i++) {
            log.append(line);
        }
        assertThat(logPuts()).isPositive();
        log.close();
        assertThat(drp.jobLog(job)).hasSize(100 * 101);
    }

    @Test
    void concurrentAppendsKeepEachLineWholeAndEachThreadsOrder() throws Exception {
        JobLog log = JobLog.of(api, job);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int n = 0; n < 500; n++) {
                    log.append("t" + thread + " line " + n + " " + "y".repeat(n % 40));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        log.close();

        String[] lines = drp.jobLog(job).split("\n");
        assertThat(lines).hasSize(2000);
        Map<String, Integer> last = new HashMap<>();
        for (String l : lines) {
            String[] parts = l.split(" ");
            int n = Integer.parseInt(parts[2]);
            assertThat(l).isEqualTo(parts[0] + " line " + n + " " + "y".repeat(n % 40));
            assertThat(n).as(parts[0] + " in order").isEqualTo(last.getOrDefault(parts[0], -1) + 1);
            last.put(parts[0], n);
        }
    }

    @Test
    void aFailedSendKeepsItsTextAheadOfLaterLines() {
        String later = UUID.randomUUID().toString();
        JobLog log = JobLog.of(api, later);
        log.append("early");
        assertThatThrownBy(log::flush).isInstanceOfSatisfying(PluginException.class,
                e -> assertThat(e.error().code()).isEqualTo(404));
        log.append("late");

        drp.createJob(DrpJson.objectNode().put("Uuid", later));
        log.close();
        assertThat(drp.jobLog(later)).isEqualTo("early\nlate\n");
    }

    @Test
    void aDiscardingLogSendsNothing() {
        try (JobLog log = JobLog.discarding()) {
            log.append("nowhere");
        }
        assertThat(logPuts()).isZero();
    }

    @Test
    void ofRefusesWhatCannotBeAJobUuid() {
        assertThatThrownBy(() -> JobLog.of(api, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobLog.of(api, "a/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a/b");
    }
}
