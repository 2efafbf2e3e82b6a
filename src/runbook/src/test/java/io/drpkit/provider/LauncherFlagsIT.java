package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options the launcher stub gives each command (README "Thread and memory budget"):
 * {@code listen} runs one C1 compiler thread unless {@code DRPKIT_JAVA_OPTS} chooses the
 * compilers itself, which must still start.
 */
class LauncherFlagsIT {
    private static final String ONE_COMPILER = "-XX:CICompilerCount=1";

    @TempDir
    Path tmp;

    private Path exe;
    private FakeJdk jdk;

    @BeforeEach
    void fakeJdk() throws IOException {
        jdk = FakeJdk.in(tmp);
        exe = Launcher.copyInto(tmp.resolve("plugins"));
    }

    /** The arguments the stub gave the fake JDK's {@code java} for {@code command}. */
    private List<String> argsOf(String opts, String... command) throws Exception {
        Exec.Result r = Launcher.run(tmp, Map.of("JAVA_HOME", jdk.home().toString(), "DRPKIT_NO_CDS", "1",
                "DRPKIT_JAVA_OPTS", opts), exe, command);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return jdk.lastArgs();
    }

    @Test
    void listenRunsOneCompilerThreadDefineIsLeftAlone() throws Exception {
        assertThat(argsOf("", "listen", "a.sock", "b.sock")).contains(ONE_COMPILER, "-XX:TieredStopAtLevel=1");
        assertThat(argsOf("", "define")).doesNotContain(ONE_COMPILER);
    }

    @Test
    void listenNamesTheSdksSlf4jProviderAndAnOptionOfTheOperatorsComesLater() throws Exception {
        String sdk = "-Dslf4j.provider=io.drpkit.sdk.internal.logging.DirectLogbackProvider";
        assertThat(argsOf("", "listen", "a.sock", "b.sock")).contains(sdk, "-Dslf4j.internal.verbosity=WARN");
        assertThat(argsOf("", "define")).noneMatch(a -> a.startsWith("-Dslf4j."));
        String own = "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider";
        List<String> args = argsOf(own, "listen", "a.sock", "b.sock");
        assertThat(args.indexOf(own)).as("the last -D wins").isGreaterThan(args.indexOf(sdk));
    }

    @Test
    void listenTellsJbossLoggingToUseSlf4jAndAnOptionOfTheOperatorsComesLater() throws Exception {
        String sdk = "-Dorg.jboss.logging.provider=slf4j";
        assertThat(argsOf("", "listen", "a.sock", "b.sock")).contains(sdk);
        assertThat(argsOf("", "define")).noneMatch(a -> a.startsWith("-Dorg.jboss.logging."));
        String own = "-Dorg.jboss.logging.provider=jdk";
        List<String> args = argsOf(own, "listen", "a.sock", "b.sock");
        assertThat(args.indexOf(own)).as("the last -D wins").isGreaterThan(args.indexOf(sdk));
    }

    @Test
    void optionsThatChooseTheCompilersAreNotContradicted() throws Exception {
        for (String opts : List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-XX:CICompilerCount=3")) {
            assertThat(argsOf(opts, "listen", "a.sock", "b.sock")).as(opts)
                    .contains(opts).doesNotContain(ONE_COMPILER);
        }
    }

    @Test
    void listenWithC2StillStartsAndStops() throws Exception {
        // C1 with C2 needs two compiler threads: with one the JVM would refuse to start
        try (FakeDrp host = FakeDrp.start();
             ProviderProcess p = ProviderProcess.builder(Built.executable())
                     .environment("DRPKIT_NO_CDS", "1")
                     .environment("DRPKIT_JAVA_OPTS", "-XX:TieredStopAtLevel=4")
                     .readyTimeout(Duration.ofSeconds(60)).build().listen(host)) {
            assertThat(p.stop()).isPresent();
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isTrue();
            assertThat(p.exitCode()).hasValue(0);
        }
    }
}
