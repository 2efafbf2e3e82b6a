package io.drpkit.sdk.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationsTest {

    @Test
    void readsGoStyleDurations() {
        assertThat(GoDurations.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(GoDurations.parse("2m")).contains(Duration.ofMinutes(2));
        assertThat(GoDurations.parse("1h2m3s400ms")).contains(Duration.ofMillis(3_723_400));
        assertThat(GoDurations.parse("500ms")).contains(Duration.ofMillis(500));
    }

    @Test
    void rejectsEverythingElse() {
        for (String bad : new String[] {"", "30", "s", "1.5s", "-1s", "5 m", "1d", "PT5M", "1m 30s"}) {
            assertThat(GoDurations.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void formatsToTheShortestTextThatReadsBack() {
        for (Duration d : new Duration[] {Duration.ofSeconds(90), Duration.ofMinutes(5), Duration.ofMillis(1500),
                Duration.ofHours(2).plusSeconds(1), Duration.ofMillis(1)}) {
            assertThat(GoDurations.parse(GoDurations.format(d))).contains(d);
        }
        assertThat(GoDurations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(GoDurations.format(Duration.ZERO)).isEqualTo("0s");
    }
}
