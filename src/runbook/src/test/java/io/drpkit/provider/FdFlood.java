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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A provider started under a low descriptor limit ({@code ulimit -n}) and flooded with more
 * connections than it may open (issue 11 item 2): it must not exit, must shed what it cannot
 * serve, say so on its log (rate-limited), and answer normally once the flood is gone. Shared by
 * {@link FdExhaustionIT} (make test) and {@link FdExhaustionSoak} (make soak).
 */
final class FdFlood {
    static final String SHED = "connection limit";
    static final String ACCEPT_FAILED = "accept failed";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private FdFlood() {
    }

    /**
     * @param fdLimit     the provider's {@code ulimit -n}
     * @param connections how many connections the flood holds open at once
     * @param rounds      how many times the flood comes and goes
     * @param env         extra environment for the provider (e.g. a connection bound)
     * @param expected    what the provider must log: the bound shedding ({@code connection limit}),
     *                    or accept failing with no descriptor left ({@code accept failed})
     */
    static void run(Path tmp, int fdLimit, int connections, int rounds, Map<String, String> env, String expected)
            throws Exception {
        Path limited = tmp.resolve("limited");
        Files.writeString(limited, "#!/bin/bash\nulimit -n " + fdLimit + " || exit 70\nexec \""
                + Built.executable() + "\" \"$@\"\n");
        Files.setPosixFilePermissions(limited, PosixFilePermissions.fromString("rwx------"));
        ProviderProcess.Builder b = ProviderProcess.builder(limited).captureBytes(4 << 20);
        env.forEach(b::environment);
        try (FakeDrp drp = FakeDrp.start(); ProviderProcess p = b.build().listen(drp)) {
            assertThat(p.config(Map.of("Name", "flood")).text()).isEqualTo(ListenIT.OK);
            ProcFigures before = ProcFigures.of(p.pid());
            long start = System.nanoTime();
            int shedSeen = 0;
            int refused = 0;
            int peakFds = 0;
            for (int round = 1; round <= rounds; round++) {
                List<SocketChannel> flood = new ArrayList<>();
                try {
                    for (int i = 0; i < connections; i++) {
                        if (!halfRequest(p, flood)) {
                            refused++;
                        }
                    }
                    if (expected.equals(ACCEPT_FAILED)) {
                        // a loaded box accepts slower than the burst connects: the backlog refuses
                        // the rest and the descriptors may never run out, so keep connecting
                        refused += topUpUntilSeen(p, drp, flood, expected);
                    }
                    peakFds = Math.max(peakFds, ProcFigures.of(p.pid()).fds());
                    assertThat(p.isAlive()).as("alive under the flood (round %d)", round).isTrue();
                    shedSeen += countClosedByPeer(flood);
                } finally {
                    for (SocketChannel c : flood) {
                        c.close();
                    }
                }
                assertThat(p.isAlive()).as("alive after the flood (round %d)", round).isTrue();
                awaitAnswers(p);
            }
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            ProcFigures after = ProcFigures.of(p.pid());
            System.out.printf("fd flood (%s): ulimit -n %d, %d connections x %d rounds in %d ms: %d seen closed by"
                            + " the provider, %d refused by a full backlog; provider fds before %d, peak %d, after %d;"
                            + " threads before %d, after %d%n", expected, fdLimit, connections, rounds, ms, shedSeen,
                    refused, before.fds(), peakFds, after.fds(), before.threads(), after.threads());
            assertThat(p.servePath()).as("the socket is still there").exists();
            assertThat(p.stdout()).isEqualTo("READY!\n");
            assertThat(peakFds).as("descriptors never above the limit").isLessThanOrEqualTo(fdLimit);
            if (expected.equals(SHED)) {
                assertThat(shedSeen).as("excess connections are shed, not left hanging").isPositive();
                assertThat(peakFds).as("the bound keeps descriptors free").isLessThan(fdLimit - 32);
            }
            drp.awaitLogLine(l -> l.message().contains(expected), WAIT);
            assertThat(p.stderr().lines().filter(l -> l.contains(expected)).count()
                    + drp.logLines().stream().filter(l -> l.message().contains(expected)).count())
                    // at most one warning per period (10 s) and a summary after it, however long the flood took
                    .as("rate-limited: a few lines, not one per connection")
                    .isLessThanOrEqualTo(2L * (rounds + Duration.ofNanos(System.nanoTime() - start).toSeconds() / 10) + 2);
            Awaits.until("the descriptors of the flood released", WAIT,
                    () -> ProcFigures.of(p.pid()).fds() <= before.fds() + 8, () -> ProcFigures.of(p.pid()).toString());
        }
    }

    /**
     * Opens more half-request connections, one at a time (a refused one is retried after 20 ms),
     * until the provider has logged {@code expected} (at the host or on stderr) or {@link #WAIT}
     * passed. Returns how many connects the full backlog refused meanwhile.
     */
    private static int topUpUntilSeen(ProviderProcess p, FakeDrp drp, List<SocketChannel> flood, String expected)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int refused = 0;
        while (!logged(p, drp, expected) && System.nanoTime() < deadline) {
            if (!halfRequest(p, flood)) {
                refused++;
                Thread.sleep(20);
            }
        }
        return refused;
    }

    /**
     * One connection that sends half a request and stays open waiting for the rest, added to
     * {@code flood}; false (and nothing added) when the full backlog refused it. Non-blocking, so
     * a backlog that accepts nothing any more refuses instead of hanging.
     */
    private static boolean halfRequest(ProviderProcess p, List<SocketChannel> flood) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        flood.add(c);
        c.configureBlocking(false);
        try {
            c.connect(UnixDomainSocketAddress.of(p.servePath()));
            c.write(ByteBuffer.wrap("POST /api-plugin/v4/action HTTP/1.1\r\nHost: unix\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            return true;
        } catch (IOException backlogFull) {
            flood.remove(flood.size() - 1);
            c.close();
            return false;
        }
    }

    private static boolean logged(ProviderProcess p, FakeDrp drp, String expected) {
        return p.stderr().contains(expected) || drp.logLines().stream().anyMatch(l -> l.message().contains(expected));
    }

    /** Connections the provider closed (EOF), read without blocking after a short settle. */
    private static int countClosedByPeer(List<SocketChannel> flood) throws IOException, InterruptedException {
        ByteBuffer buf = ByteBuffer.allocate(1024);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int closed = 0;
        // the shed ones are closed at accept: give the accept loop time to reach the last
        do {
            closed = 0;
            for (SocketChannel c : flood) {
                buf.clear();
                try {
                    if (c.read(buf) < 0) {
                        closed++;
                    }
                } catch (IOException reset) {
                    closed++;
                }
            }
            if (closed > 0) {
                return closed;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return closed;
    }

    /** Normal answers again, within the deadline (the backlog of the flood drains first). */
    private static void awaitAnswers(ProviderProcess p) {
        Awaits.until("an action answered after the flood", WAIT, () -> {
            try {
                return p.action(ListenIT.action("incrstatus", NullNode.getInstance(), Map.of())).text()
                        .equals("\"Running\"\n");
            } catch (RuntimeException notYet) {
                return false;
            }
        }, p::toString);
        assertThat(p.config(Map.of("Name", "flood")).text()).isEqualTo(ListenIT.OK);
    }
}
