package io.drpkit.sdk.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import io.drpkit.sdk.internal.hostclient.FakeHost;
import io.drpkit.sdk.internal.hostclient.FakeHost.Reply;
import io.drpkit.sdk.internal.hostclient.HostClient;
import io.drpkit.sdk.model.LogLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Log lines from logback through the forwarder and {@link HostClient} to a host on a real socket. */
class HostLogForwardingTest {
    private static final Logger log = LoggerFactory.getLogger("test.provider");

    @TempDir
    Path dir;
    private final LoggerContext ctx = Logging.context();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private FakeHost host;
    private HostClient client;
    private HostLogForwarder forwarder;

    @AfterEach
    void tearDown() {
        MDC.clear();
        if (forwarder != null) {
            forwarder.close();
        }
        if (client != null) {
            client.close();
        }
        if (host != null) {
            host.close();
        }
    }

    private Path socket() {
        return dir.resolve("host.sock");
    }

    private void attach(ForwarderOptions.Builder options) {
        client = HostClient.connect(socket(), HostClient.Options.of(Duration.ofSeconds(1), Duration.ofSeconds(5)));
        forwarder = Logging.attachHost(ctx, client, "runbook",
                options.stderr(new PrintStream(err, true, StandardCharsets.UTF_8)).build());
    }

    private static ForwarderOptions.Builder options() {
        return ForwarderOptions.builder().probeInterval(Duration.ofMillis(50));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linesFromFourThreadsArriveInSeqOrderWithNoneLost() throws Exception {
        host = FakeHost.start(socket());
        attach(options());
        List<CompletableFuture<Void>> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 1000; i++) {
                    log.info("t{} line {}", thread, i);
                }
            }));
        }
        CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(forwarder.flush(Duration.ofSeconds(30))).isTrue();

        List<LogLine> lines = host.logLines();
        assertThat(lines).hasSize(4000);
        assertThat(lines).extracting(LogLine::seq).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
        assertThat(lines.get(0).seq()).isEqualTo(1);
        assertThat(lines.get(3999).seq()).isEqualTo(4000);
        Map<String, Integer> next = new HashMap<>();
        for (LogLine l : lines) {
            String[] parts = l.message().split(" ");
            int expected = next.getOrDefault(parts[0], 0);
            assertThat(Integer.parseInt(parts[2])).as("order within %s", parts[0]).isEqualTo(expected);
            next.put(parts[0], expected + 1);
        }
        assertThat(forwarder.stats()).isEqualTo(new HostLogForwarder.Stats(4000, 0, 0, 0,
                forwarder.stats().peakQueued()));
    }

    @Test
    void groupLevelAndIgnorePublishReachTheHost() throws Exception {
        host = FakeHost.start(socket());
        attach(options());
        MDC.put(Logging.MDC_GROUP, "12");
        MDC.put(Logging.MDC_IGNORE_PUBLISH, "true");
        log.warn("API: st: 200");
        MDC.clear();
        log.debug("background");
        forwarder.flush(Duration.ofSeconds(5));

        assertThat(host.logLines()).extracting(LogLine::group, LogLine::level, LogLine::ignorePublish, LogLine::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(12L, "warn", true, "API: st: 200"),
                        org.assertj.core.groups.Tuple.tuple(0L, "debug", false, "background"));
        assertThat(host.requests().get(0).contentType()).isEqualTo("application/json");
        assertThat(host.requests().get(0).path()).isEqualTo("/api-server-plugin/v4/log");
    }

    @Test
    void aHostAnswering500ToEveryLineCausesNoLoopAndBoundedMemory() throws Exception {
        host = FakeHost.start(socket()).respond(r -> Reply.text(500, "broken"));
        attach(options().capacity(100).probeInterval(Duration.ofMillis(200)));
        long start = System.nanoTime();
        for (int i = 0; i < 2000; i++) {
            log.info("line {}", i);
        }
        assertThat(forwarder.flush(Duration.ofSeconds(10))).isTrue();
        Thread.sleep(300);  // anything still looping would keep posting now
        long intervals = (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + 199) / 200;

        HostLogForwarder.Stats stats = forwarder.stats();
        assertThat(stats.peakQueued()).isLessThanOrEqualTo(100);
        assertThat(stats.sent()).isZero();
        assertThat(stats.toStderr() + stats.dropped()).isEqualTo(2000);
        // one post per probe interval at most, plus the first
        assertThat(host.requests().size()).isLessThanOrEqualTo(1 + (int) intervals + 2);
        assertThat(stderr()).containsOnlyOnce("drpkit: cannot post log lines to the host")
                .contains("host answered 500").contains("local log: [0:1]:runbook [ info]: test.provider:0\n[0:1]line 0\n");
    }

    @Test
    void linesGoToStderrUntilTheHostAppearsThenResumeWithAReport() throws Exception {
        attach(options());
        for (int i = 0; i < 3; i++) {
            log.info("early {}", i);
        }
        assertThat(forwarder.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(stderr()).contains("[0:3]early 2").containsOnlyOnce("cannot post log lines");

        host = FakeHost.start(socket());
        Thread.sleep(100);  // past the probe interval
        log.info("now the host is there");
        assertThat(forwarder.flush(Duration.ofSeconds(5))).isTrue();

        // FakeHost.start logs too ("listening on ..."), before the host answers: stderr as well
        long local = forwarder.stats().toStderr();
        assertThat(local).isGreaterThanOrEqualTo(3);
        assertThat(host.logLines()).extracting(LogLine::message).containsExactly("now the host is there",
                "log forwarding: " + local + " lines went to stderr and 0 were dropped (queue full) since "
                        + host.logLines().get(1).message().substring(host.logLines().get(1).message().lastIndexOf(' ') + 1));
        assertThat(host.logLines()).extracting(LogLine::seq).containsExactly(local + 1, local + 2);
    }

    @Test
    void loggingNeverWaitsForASlowHost() throws Exception {
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean answered = new AtomicBoolean();
        host = FakeHost.start(socket()).respond(r -> {
            firstArrived.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);  // a host that answers only when released
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answered.set(true);
            return Reply.json(200, "{}");
        });
        attach(options().capacity(10_000));
        log.info("first");
        assertThat(firstArrived.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 1000; i++) {
            log.info("line {}", i);
        }
        boolean returnedBeforeTheHostAnswered = !answered.get();
        release.countDown();

        assertThat(returnedBeforeTheHostAnswered).isTrue();
        assertThat(forwarder.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(host.logLines()).hasSize(1001);
    }

    @Test
    void flushWaitsUntilTheHostHasEveryLine() throws Exception {
        host = FakeHost.start(socket()).respond(r -> {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.json(200, "{}");
        });
        attach(options());
        for (int i = 0; i < 200; i++) {
            log.info("line {}", i);
        }
        assertThat(forwarder.flush(Duration.ofSeconds(20))).isTrue();
        assertThat(host.logLines()).hasSize(200);
    }

    @Test
    void aHostServingOnlyTheDocumentedPrefixGetsTheLines() throws Exception {
        host = FakeHost.serving(socket(), HostClient.DOCUMENTED_BASE);
        attach(options());
        log.info("one");
        log.info("two");
        assertThat(forwarder.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(host.logLines()).extracting(LogLine::message).containsExactly("one", "one", "two");
        assertThat(host.requests()).extracting(FakeHost.Request::path).containsExactly(
                "/api-server-plugin/v4/log", "/api-plugin-server/v4/log", "/api-plugin-server/v4/log");
        // the switch warning was logged on the sender thread: stderr, not back into the queue
        assertThat(stderr()).contains("using /api-plugin-server/v4 from now on");
    }
}
