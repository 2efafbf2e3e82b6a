package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code make soak}: 500 slow clients (slowloris: each sends a request a few bytes at a time and
 * never finishes it) hold connections for a minute while ordinary actions keep being made: every
 * action must stay prompt, and the provider serves normally once the slow clients go.
 */
class SlowClientsSoak {
    private static final int SLOW_CLIENTS = 500;
    private static final Duration HOLD = Duration.ofSeconds(60);

    @Test
    void fiveHundredSlowClientsDoNotDelayActions() throws Exception {
        try (FakeDrp drp = FakeDrp.start(); ProviderProcess p = ProviderProcess.of(Built.executable()).listen(drp)) {
            assertThat(p.config(Map.of("Name", "slow-clients")).text()).isEqualTo(ListenIT.OK);
            ProcFigures before = ProcFigures.of(p.pid());
            List<SocketChannel> slow = new ArrayList<>();
            byte[] head = ("POST " + ProviderProcess.API + "/action HTTP/1.1\r\nHost: unix\r\nContent-Type: "
                    + "application/json\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII);
            List<Long> latencies = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                    c.connect(UnixDomainSocketAddress.of(p.servePath()));
                    c.write(ByteBuffer.wrap(head));
                    slow.add(c);
                }
                ProcFigures flooded = ProcFigures.of(p.pid());
                long end = System.nanoTime() + HOLD.toNanos();
                int round = 0;
                while (System.nanoTime() < end) {
                    for (SocketChannel c : slow) {
                        try {
                            c.write(ByteBuffer.wrap(new byte[] {'a'})); // one more byte, never the end of the head
                        } catch (IOException closedByServer) {
                            // a server may drop a client that is too slow: that is allowed
                        }
                    }
                    long start = System.nanoTime();
                    assertThat(p.action(ListenIT.action("incrstatus", NullNode.getInstance(), Map.of())).text())
                            .isEqualTo("\"Running\"\n");
                    latencies.add((System.nanoTime() - start) / 1_000);
                    round++;
                    Thread.sleep(100);
                }
                long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
                long p50 = sorted[sorted.length / 2];
                long p99 = sorted[Math.min(sorted.length - 1, sorted.length * 99 / 100)];
                System.out.printf("slow clients: %d held %d s; %d actions meanwhile: p50 %d µs, p99 %d µs, max %d µs;"
                                + " provider before %s, with the slow clients %s%n", SLOW_CLIENTS, HOLD.toSeconds(), round,
                        p50, p99, sorted[sorted.length - 1], before, flooded);
                assertThat(Duration.ofNanos(p99 * 1_000)).as("p99 action latency").isLessThan(Duration.ofSeconds(1));
                assertThat(Arrays.stream(sorted).max().orElseThrow()).as("slowest action µs").isLessThan(5_000_000);
            } finally {
                for (SocketChannel c : slow) {
                    c.close();
                }
            }
            Awaits.until("the slow clients' descriptors released", Duration.ofSeconds(30),
                    () -> ProcFigures.of(p.pid()).fds() <= before.fds() + 8, () -> ProcFigures.of(p.pid()).toString());
            assertThat(p.config(Map.of("Name", "slow-clients")).text()).isEqualTo(ListenIT.OK);
        }
    }
}
