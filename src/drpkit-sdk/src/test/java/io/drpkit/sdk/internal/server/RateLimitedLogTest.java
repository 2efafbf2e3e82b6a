package io.drpkit.sdk.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RateLimitedLogTest {
    @Test
    void logsTheFirstThenAtMostOncePerPeriodWithTheCount() {
        AtomicLong now = new AtomicLong();
        RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(RateLimitedLogTest.class),
                Duration.ofSeconds(10), now::get);
        assertThat(log.warn("x")).isTrue();
        int lines = 0;
        for (int i = 0; i < 10_000; i++) {
            now.addAndGet(Duration.ofMillis(1).toNanos());
            lines += log.warn("x") ? 1 : 0;
        }
        assertThat(lines).as("10 s of warnings, one per ms").isEqualTo(1);
        assertThat(log.total()).isEqualTo(10_001);
    }
}
