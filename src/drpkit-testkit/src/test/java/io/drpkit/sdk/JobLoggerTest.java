package io.drpkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.sdk.internal.api.DrpApiOptions;
import io.drpkit.sdk.internal.api.HttpDrpApi;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.testkit.FakeDrp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JobLogger} against the test kit's {@code PUT /api/v3/jobs/<uuid>/log}. */
class JobLoggerTest {
    @TempDir
    Path tmp;

    private FakeDrp drp;
    private HttpDrpApi api;
    private String job;

    @BeforeEach
    void start() {
        drp = FakeDrp.start();
        api = HttpDrpApi.connect(ProviderEnvironment.from(drp.providerEnvironment(), tmp), DrpApiOptions.defaults());
        job = drp.createJob(DrpJson.objectNode().put("Task", "t"));
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
    void linesGoOutInTheBackgroundWithinAboutASecondWithoutClose() {
        JobLogger log = JobLogger.open(api, job);
        log.line("first");
        log.line("second\n");
        // the background flush, at least every second: wait on the request, never sleep
        assertThat(drp.awaitJobLog(job, t -> !t.isEmpty(), Duration.ofSeconds(10))).isEqualTo("first\nsecond\n");
        log.close();
        assertThat(log.failures()).isZero();
        assertThat(log.lines()).isEqualTo(2);
    }

    @Test
    void closeSendsTheRestInOrderAndLaterLinesAreIgnored() {
        JobLogger log = JobLogger.open(api, job);
        for (int i = 0; i < 500; i++) {
            log.line("line " + i + " " + "x".repeat(100));
        }
        log.close();
        log.line("after close");
        String text = drp.jobLog(job);
        assertThat(text.split("\n")).hasSize(500);
        assertThat(text).startsWith("line 0 ").doesNotContain("after close");
        assertThat(text.indexOf("line 499 ")).isGreaterThan(text.indexOf("line 498 "));
        assertThat(logPuts()).as("several batches of at most 32 KiB").isGreaterThan(1);
    }

    @Test
    void aJobLogThatCannotBeWrittenIsCountedNeverThrown() {
        JobLogger log = JobLogger.open(api, "no-such-job");
        log.line("lost");
        log.flush();
        log.line("lost too");
        log.close();
        assertThat(log.failures()).isEqualTo(2);
    }

    @Test
    void secureValuesAreMaskedInEveryLine() {
        java.util.concurrent.ScheduledExecutorService s = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            Params params = Params.of(Map.of("ipmi/password", DrpJson.toTree("hunter22")), Set.of("ipmi/password"));
            JobLogger log = JobLogger.open(api, job, s, params);
            log.line("ipmitool -P hunter22 power on");
            log.logger(JobLoggerTest.class).info("password {} accepted", "hunter22");
            log.close();
        } finally {
            s.shutdown();
        }
        assertThat(drp.jobLog(job)).isEqualTo("ipmitool -P " + Params.HIDDEN + " power on\nINFO password "
                + Params.HIDDEN + " accepted\n");
    }

    @Test
    void theLoggerWritesToDrpsLogAndTheJobsFromAnyThread() throws Exception {
        JobLogger log = JobLogger.open(api, job);
        org.slf4j.Logger l = log.logger("io.drpkit.test.power");
        Thread t = new Thread(() -> l.warn("BMC at {} slow", "10.0.0.9", new IllegalStateException("timeout")));
        t.start();
        t.join();
        l.debug("not enabled, not sent");
        log.close();
        assertThat(drp.jobLog(job)).isEqualTo("WARN BMC at 10.0.0.9 slow (java.lang.IllegalStateException: timeout)\n");
    }

    @Test
    void aWriterTurnsProcessOutputIntoJobLogLines() throws Exception {
        JobLogger log = JobLogger.open(api, job);
        try (LogWriter w = log.writer("[dd] ")) {
            w.write("12+0 records in\n12+0 records out".getBytes(StandardCharsets.UTF_8));
        }
        log.close();
        assertThat(drp.jobLog(job)).isEqualTo("[dd] 12+0 records in\n[dd] 12+0 records out\n");
    }

    @Test
    void noneKeepsNothing() {
        JobLogger none = JobLogger.none();
        none.line("x");
        none.flush();
        none.close();
        assertThat(none.jobUuid()).isEmpty();
        assertThat(logPuts()).isZero();
    }
}
