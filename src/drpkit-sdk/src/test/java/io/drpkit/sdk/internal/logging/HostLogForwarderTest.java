package io.drpkit.sdk.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.drpkit.sdk.model.LogLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The forwarder against an in-memory sink; {@code HostLoggingIT}-style tests use a real host socket. */
class HostLogForwarderTest {
    private static final Logger log = LoggerFactory.getLogger("test.app");

    private final LoggerContext ctx = Logging.context();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<LogLine> posted = new CopyOnWriteArrayList<>();
    private HostLogForwarder forwarder;

    @AfterEach
    void tearDown() {
        MDC.clear();
        if (forwarder != null) {
            forwarder.close();
        }
        Logging.configureDefault(ctx);
    }

    private ForwarderOptions.Builder options() {
        return ForwarderOptions.builder().stderr(new PrintStream(err, true, StandardCharsets.UTF_8))
                .probeInterval(Duration.ofMillis(50));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private List<String> messages() {
        return posted.stream().map(LogLine::message).toList();
    }

    @Test
    void linesCarryMdcGroupPrincipalIgnorePublishAndLowerCaseLevels() {
        forwarder = Logging.attachHost(ctx, posted::add, "runbook", options().build());
        MDC.put(Logging.MDC_GROUP, "7");
        MDC.put(Logging.MDC_PRINCIPAL, "client");
        log.debug("dbg {}", 1);
        MDC.put(Logging.MDC_IGNORE_PUBLISH, "true");
        log.warn("careful");
        MDC.clear();
        log.error("boom", new IllegalStateException("broken thing"));
        log.info(Logging.AUDIT, "who did it");
        assertThat(forwarder.flush(Duration.ofSeconds(5))).isTrue();

        assertThat(posted).hasSize(4);
        LogLine first = posted.get(0);
        assertThat(first.group()).isEqualTo(7);
        assertThat(first.principal()).isEqualTo("client");
        assertThat(first.service()).isEqualTo("runbook");
        assertThat(first.level()).isEqualTo("debug");
        assertThat(first.message()).isEqualTo("dbg 1");
        assertThat(first.file()).isEqualTo("test.app");
        assertThat(first.line()).isZero();
        assertThat(first.data()).isEmpty();
        assertThat(first.ignorePublish()).isFalse();
        assertThat(posted.get(1).ignorePublish()).isTrue();
        assertThat(posted.get(1).level()).isEqualTo("warn");
        LogLine error = posted.get(2);
        assertThat(error.group()).isZero();
        assertThat(error.principal()).isEmpty();
        assertThat(error.level()).isEqualTo("error");
        assertThat(error.message()).startsWith("boom\njava.lang.IllegalStateException: broken thing")
                .contains("at io.drpkit.sdk.internal.logging.HostLogForwarderTest");
        assertThat(posted.get(3).level()).isEqualTo("audit");
        assertThat(posted).extracting(LogLine::seq).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aHeldForwarderQueuesLinesInOrderAndPostsNothingUntilReleased() {
        forwarder = Logging.attachHostHeld(ctx, posted::add, "runbook", options().build());
        log.info("one");
        log.info("two");
        assertThat(forwarder.stats().queued()).as("queued, no sender yet").isEqualTo(2);
        assertThat(posted).isEmpty();

        forwarder.release();
        forwarder.release(); // idempotent
        assertThat(forwarder.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(messages()).containsExactly("one", "two");
    }

    @Test
    void flushingOrClosingAHeldForwarderReleasesIt() {
        forwarder = Logging.attachHostHeld(ctx, posted::add, "runbook", options().build());
        log.info("flushed");
        assertThat(forwarder.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(messages()).containsExactly("flushed");

        List<LogLine> other = new CopyOnWriteArrayList<>();
        HostLogForwarder held = Logging.attachHostHeld(ctx, other::add, "runbook", options().build());
        log.info("closed");
        held.close();
        assertThat(other).extracting(LogLine::message).contains("closed");
    }

    @Test
    void callerDataGivesFileAndLineWhenAskedFor() {
        forwarder = Logging.attachHost(ctx, posted::add, "runbook", options().callerData(true).build());
        log.info("here");
        forwarder.flush(Duration.ofSeconds(5));
        assertThat(posted.get(0).file()).isEqualTo("HostLogForwarderTest.java");
        assertThat(posted.get(0).line()).isPositive();
    }

    @Test
    void traceLinesPassOnlyInsideARequestThatAskedForThem() {
        forwarder = Logging.attachHost(ctx, posted::add, "runbook", options().build());
        log.trace("hidden");
        MDC.put(Logging.MDC_LEVEL, "TRACE");
        log.trace("traced");
        LoggerFactory.getLogger("io.undertow.request").trace("library noise stays quiet");
        MDC.put(Logging.MDC_LEVEL, "error");
        log.info("below the request's level");
        log.error("at it");
        MDC.remove(Logging.MDC_LEVEL);
        log.debug("default again");
        forwarder.flush(Duration.ofSeconds(5));
        assertThat(messages()).containsExactly("traced", "at it", "default again");
    }

    @Test
    void aFailingHostSendsLinesToStderrWithOneNoticeAndNoRecursion() {
        AtomicInteger attempts = new AtomicInteger();
        forwarder = Logging.attachHost(ctx, line -> {
            attempts.incrementAndGet();
            // what a client library might do while failing: log — on the sender thread
            LoggerFactory.getLogger("test.client").warn("post failed for seq {}", line.seq());
            throw new IllegalStateException("host answered 500");
        }, "runbook", options().probeInterval(Duration.ofHours(1)).build());
        for (int i = 0; i < 100; i++) {
            log.info("line {}", i);
        }
        assertThat(forwarder.flush(Duration.ofSeconds(5))).isTrue();

        assertThat(attempts).hasValue(1);  // then no retry before the probe interval
        assertThat(posted).isEmpty();
        String out = stderr();
        assertThat(out.split("local log: ", -1)).hasSize(1 + 100 + 1);  // 100 lines + the sink's own warning
        assertThat(out).containsOnlyOnce("drpkit: cannot post log lines to the host (host answered 500)");
        assertThat(out).contains("local log: [0:1]:runbook [ info]: test.app:0\n[0:1]line 0\n");
        assertThat(out).contains("post failed for seq 1");
        assertThat(forwarder.stats().toStderr()).isEqualTo(100);
        assertThat(forwarder.stats().sent()).isZero();
    }

    @Test
    void forwardingResumesAndOneLineReportsTheGap() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        forwarder = Logging.attachHost(ctx, line -> {
            if (!up.get()) {
                throw new IllegalStateException("connect refused");
            }
            posted.add(line);
        }, "runbook", options().build());
        for (int i = 0; i < 5; i++) {
            log.info("while down {}", i);
        }
        forwarder.flush(Duration.ofSeconds(5));
        up.set(true);
        Thread.sleep(80);  // past the probe interval
        log.info("back");
        forwarder.flush(Duration.ofSeconds(5));
        assertThat(forwarder.flush(Duration.ofSeconds(5))).isTrue();

        assertThat(messages()).hasSize(2);
        assertThat(messages().get(0)).isEqualTo("back");
        assertThat(messages().get(1)).startsWith("log forwarding: 5 lines went to stderr and 0 were dropped");
        assertThat(posted.get(1).level()).isEqualTo("warn");
        assertThat(posted.get(1).seq()).isGreaterThan(posted.get(0).seq());
        assertThat(stderr()).containsOnlyOnce("cannot post log lines");
    }

    @Test
    void theCallerNeverWaitsAndTheQueueStaysWithinItsBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        forwarder = Logging.attachHost(ctx, stalledUntil(release), "runbook", options().capacity(50).build());
        for (int i = 0; i < 1000; i++) {
            log.info("fast {}", i);
        }
        boolean returnedBeforeTheHostAnswered = posted.isEmpty();
        HostLogForwarder.Stats during = forwarder.stats();
        release.countDown();
        assertThat(forwarder.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(returnedBeforeTheHostAnswered).isTrue();
        assertThat(during.peakQueued()).isLessThanOrEqualTo(50);
        assertThat(during.dropped()).isGreaterThanOrEqualTo(1000 - 51);
        HostLogForwarder.Stats after = forwarder.stats();
        assertThat(after.peakQueued()).isLessThanOrEqualTo(50);
        assertThat(messages()).last().asString().matches("log forwarding: 0 lines went to stderr and \\d+ were dropped.*");
        assertThat(stderr()).containsOnlyOnce("log queue full (50 lines)");
        assertThat(posted).extracting(LogLine::seq).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void largeLinesForAStalledHostAreBoundedByTheirSizeNotOnlyTheirCount() throws Exception {
        // 2,000 lines of 64 KiB (a deep stack trace each) while the host does not answer: with
        // only a line count (10,000) the queue would hold all of them, 125 MiB, past a
        // listen's -Xmx96m
        CountDownLatch release = new CountDownLatch(1);
        forwarder = Logging.attachHost(ctx, stalledUntil(release), "runbook", options().build());
        String big = "x".repeat(64 * 1024);
        int logged = 2000;
        for (int i = 0; i < logged; i++) {
            log.info("{} {}", i, big);
        }
        HostLogForwarder.Stats during = forwarder.stats();
        release.countDown();
        assertThat(forwarder.flush(Duration.ofSeconds(30))).isTrue();

        long bound = ForwarderOptions.defaults().queueBytes();
        assertThat(during.peakQueued()).as("lines held while the host stalled")
                .isLessThanOrEqualTo((int) (bound / (64 * 1024)) + 1);
        assertThat(during.dropped()).isGreaterThanOrEqualTo(logged - during.peakQueued() - 1);
        assertThat(stderr()).contains("log queue full (" + bound / 1024 + " KiB of lines)");
        assertThat(posted).extracting(LogLine::seq).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void oneLineLargerThanTheWholeBudgetIsStillSentWhenTheQueueIsEmpty() {
        forwarder = Logging.attachHost(ctx, posted::add, "runbook", options().queueBytes(1024).build());
        log.info("{}", "y".repeat(10_000));
        assertThat(forwarder.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(messages()).anyMatch(m -> m.length() == 10_000);
    }

    @Test
    void flushWaitsForEverythingQueuedSoFar() {
        forwarder = Logging.attachHost(ctx, line -> {
            sleep(3);
            posted.add(line);
        }, "runbook", options().build());
        for (int i = 0; i < 50; i++) {
            log.info("slow {}", i);
        }
        assertThat(forwarder.flush(Duration.ofMillis(1))).isFalse();
        assertThat(forwarder.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(posted).hasSize(50);
    }

    @Test
    void closeDetachesAndBringsTheConsoleBack() {
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        forwarder = Logging.attachHost(ctx, posted::add, "runbook", options().build());
        assertThat(root.getAppender(Logging.CONSOLE_APPENDER)).isNull();
        assertThat(root.getAppender("drpkit-host")).isNotNull();
        forwarder.close();
        assertThat(root.getAppender(Logging.CONSOLE_APPENDER)).isNotNull();
        assertThat(root.getAppender("drpkit-host")).isNull();
        log.info("after close");
        assertThat(messages()).doesNotContain("after close");
    }

    @Test
    void defaultsLogToStderrAtDebugWithQuietLibraries() {
        Logging.configureDefault(ctx);
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var console = (ch.qos.logback.core.ConsoleAppender<?>) root.getAppender(Logging.CONSOLE_APPENDER);
        assertThat(console.getTarget()).isEqualTo("System.err");
        assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
        assertThat(Logging.QUIET_LOGGERS).allSatisfy(n -> assertThat(ctx.getLogger(n).getLevel()).isEqualTo(Level.WARN));
        Logging.configure(ctx, true);
        assertThat(root.getLevel()).isEqualTo(Level.TRACE);
        Logging.configure(ctx, false);
        assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
        assertThat(ctx.getTurboFilterList()).filteredOn(RequestLevelFilter.class::isInstance).hasSize(1);
        assertThat(Logging.requestLevel(" Err ")).contains(Level.ERROR);
        assertThat(Logging.requestLevel("loud")).isEmpty();
    }

    /** A host that answers no post until {@code release} (at most 10 s), then records them. */
    private LogSink stalledUntil(CountDownLatch release) {
        return line -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            posted.add(line);
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
