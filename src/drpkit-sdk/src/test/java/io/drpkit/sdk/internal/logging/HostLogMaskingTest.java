package io.drpkit.sdk.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.internal.secrets.Secrets;
import io.drpkit.sdk.model.LogLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Secret values never leave the process through the SDK's logging: host lines, stderr, the console. */
class HostLogMaskingTest {
    private static final Logger log = LoggerFactory.getLogger("test.app");
    private static final String SECRET = "correct-horse-42";

    private final LoggerContext ctx = Logging.context();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<LogLine> posted = new CopyOnWriteArrayList<>();
    private final Secrets secrets = new Secrets();
    private HostLogForwarder forwarder;

    @AfterEach
    void tearDown() {
        if (forwarder != null) {
            forwarder.close();
        }
        Logging.configureDefault(ctx);
    }

    private ForwarderOptions.Builder options() {
        return ForwarderOptions.builder().stderr(new PrintStream(err, true, StandardCharsets.UTF_8))
                .probeInterval(Duration.ofHours(1)).mask(secrets::mask);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSecretInArgumentsOrInAnExceptionIsMaskedInEveryForwardedLine() {
        secrets.learn(SECRET);
        forwarder = Logging.attachHost(ctx, posted::add, "p", options().build());
        log.info("pw {}", SECRET);
        log.error("login failed", new IllegalStateException("wrong password " + SECRET,
                new RuntimeException("cause says " + SECRET)));
        assertThat(forwarder.flush(Duration.ofSeconds(5))).isTrue();

        assertThat(posted).hasSize(2);
        assertThat(posted).allSatisfy(l -> assertThat(l.message()).doesNotContain(SECRET).contains(Params.HIDDEN));
        assertThat(posted.get(0).message()).isEqualTo("pw " + Params.HIDDEN);
        assertThat(posted.get(1).message()).contains("wrong password " + Params.HIDDEN, "cause says " + Params.HIDDEN);
    }

    @Test
    void aSecretLearnedAfterTheForwarderStartedIsMaskedFromThenOn() {
        forwarder = Logging.attachHost(ctx, posted::add, "p", options().build());
        log.info("before {}", "nothing-secret-yet");
        secrets.learn("learned-later");
        log.info("after learned-later");
        forwarder.flush(Duration.ofSeconds(5));
        assertThat(posted).extracting(LogLine::message)
                .containsExactly("before nothing-secret-yet", "after " + Params.HIDDEN);
    }

    @Test
    void linesWrittenToStderrWhileTheHostFailsAreMasked() {
        secrets.learn(SECRET);
        forwarder = Logging.attachHost(ctx, line -> {
            throw new IllegalStateException("host answered 500");
        }, "p", options().build());
        log.warn("pw {}", SECRET);
        forwarder.flush(Duration.ofSeconds(5));
        assertThat(stderr()).contains("pw " + Params.HIDDEN).doesNotContain(SECRET);
    }

    @Test
    void linesThatAreNeverForwardedAreMaskedOnStderrToo() {
        secrets.learn(SECRET);
        forwarder = Logging.attachHost(ctx, posted::add, "p", options().build());
        LoggerFactory.getLogger("okhttp3.internal.test").warn("header Authorization: {}", SECRET);
        forwarder.flush(Duration.ofSeconds(5));
        assertThat(posted).isEmpty();
        assertThat(stderr()).contains("header Authorization: " + Params.HIDDEN).doesNotContain(SECRET);
    }

    @Test
    void theSdkConsoleMasksItsLinesOnceAForwarderAttachedAndAfterItClosed() {
        secrets.learn(SECRET);
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        forwarder = Logging.attachHost(ctx, posted::add, "p", options().build());
        forwarder.close();
        var console = (ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>) root.getAppender(Logging.CONSOLE_APPENDER);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), ctx.getLogger("test.app"), Level.INFO,
                "pw {}", null, new Object[] {SECRET});
        String line = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
        assertThat(line).contains("pw " + Params.HIDDEN).doesNotContain(SECRET);
    }

    @Test
    void withNoSecretKnownLinesAreUnchanged() {
        forwarder = Logging.attachHost(ctx, posted::add, "p", options().build());
        LogLine line = new LogLine(0, 0, null, "p", "", "info", "f", 0, "plain text", List.of(), false);
        assertThat(forwarder.masked(line)).isSameAs(line);
    }
}
