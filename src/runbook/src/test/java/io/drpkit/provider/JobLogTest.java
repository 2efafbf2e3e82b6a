package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB = "3f0c2d9e-4a1b-4c5d-8e6f-a0b1c2d3e4f5";

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final MemoryDrpApi api = new MemoryDrpApi();

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    @Test
    void linesAreAppendedInOrderInBatches() {
        int count = JobLog.MAX_LINES * 2 + 7;
        try (JobLog log = new JobLog(api, JOB, scheduler)) {
            IntStream.range(0, count).forEach(i -> log.add("line " + i));
        }

        String expected = IntStream.range(0, count).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
        assertThat(api.jobLog(JOB)).isEqualTo(expected);
        assertThat(api.jobLogAppends).hasSizeBetween(3, count / 10); // batched, not one call per line
    }

    @Test
    void aFailedAppendDropsTheRestWithoutThrowing() {
        api.jobLogFails = true;
        try (JobLog log = new JobLog(api, JOB, scheduler)) {
            IntStream.range(0, JobLog.MAX_LINES * 3).forEach(i -> log.add("line " + i));
        }
        api.jobLogFails = false;

        assertThat(api.jobLog(JOB)).isEmpty();
    }

    @Test
    void theCurrentJobIsANonNilUuid() {
        assertThat(JobLog.currentJob(JSON.createObjectNode().put("CurrentJob", JOB))).contains(JOB);
        assertThat(JobLog.currentJob(JSON.createObjectNode().put("CurrentJob", "00000000-0000-0000-0000-000000000000")))
                .isEmpty();
        assertThat(JobLog.currentJob(JSON.createObjectNode().put("CurrentJob", ""))).isEmpty();
        assertThat(JobLog.currentJob(JSON.createObjectNode().put("CurrentJob", "not-a-uuid"))).isEmpty();
        assertThat(JobLog.currentJob(JSON.createObjectNode())).isEqualTo(Optional.empty());
    }
}
