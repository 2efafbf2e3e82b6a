package io.drpkit.sdk.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.sdk.model.LogLine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineQueueTest {
    private static LogLine line(int chars) {
        return new LogLine(0, 0, Instant.EPOCH, "svc", "", "info", "f", 0, "m".repeat(chars), List.of(), false);
    }

    @Test
    void theMemoryBudgetRefusesLinesUntilTheSenderTakesSomeAndTheCountStillApplies() throws Exception {
        long each = LineQueue.sizeOf(line(1000));
        LineQueue queue = new LineQueue(100, 3 * each);
        assertThat(queue.offer(line(1000))).isEqualTo(1);
        assertThat(queue.offer(line(1000))).isEqualTo(2);
        assertThat(queue.offer(line(1000))).isEqualTo(3);
        assertThat(queue.offer(line(1000))).as("past the budget").isZero();
        assertThat(queue.lastDropForBytes()).isTrue();
        assertThat(queue.take().seq()).isEqualTo(1);
        assertThat(queue.offer(line(1000))).as("room again once one was taken").isEqualTo(4);
        assertThat(queue.dropped()).isEqualTo(1);

        LineQueue byCount = new LineQueue(2, Long.MAX_VALUE);
        byCount.offer(line(1));
        byCount.offer(line(1));
        assertThat(byCount.offer(line(1))).isZero();
        assertThat(byCount.lastDropForBytes()).isFalse();
    }

    @Test
    void anEmptyQueueTakesALineLargerThanTheBudgetAndCloseForgetsWhatItHeld() throws Exception {
        LineQueue queue = new LineQueue(10, 100);
        assertThat(queue.offer(line(10_000))).isEqualTo(1);
        assertThat(queue.offer(line(1))).as("the big line fills the budget").isZero();
        assertThat(queue.take().message()).hasSize(10_000);
        assertThat(queue.offer(line(1))).isEqualTo(2);
        assertThat(queue.close()).hasSize(1);
    }
}
