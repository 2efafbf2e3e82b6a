package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 3: whatever the JVM or an agent prints under {@code DRPKIT_JAVA_OPTS} (a jdwp
 * debugger agent, {@code -verbose:gc}) lands on stderr, never in the protocol's stdout — for
 * {@code define}, {@code listen} and {@code version}, on the run that trains an archive and on
 * the run that uses it.
 */
class LauncherStdoutIT {
    private static String expected;

    @TempDir
    Path tmp;

    @BeforeAll
    static void plainDefinition() {
        expected = ProviderProcess.of(Built.executable()).define(Map.of("DRPKIT_NO_CDS", "1")).stdout();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String jdwp() throws IOException {
        return "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + freePort();
    }

    @Test
    void defineUnderJdwpPrintsOnlyTheDefinition() throws Exception {
        Path exe = Launcher.copyInto(tmp.resolve("plugins"));
        for (int run = 0; run < 2; run++) { // the first trains its archive, the second starts from it
            Exec.Result r = Launcher.run(tmp, Map.of("DRPKIT_JAVA_OPTS", jdwp()), exe, "define");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).isEqualTo(expected);
            assertThat(r.stderr()).contains("Listening for transport dt_socket at address");
        }
    }

    @Test
    void defineAndVersionUnderVerboseGcPrintOnlyTheProtocol() throws Exception {
        Path exe = Launcher.copyInto(tmp.resolve("plugins"));
        Map<String, String> env = Map.of("DRPKIT_JAVA_OPTS", "-verbose:gc");
        for (int run = 0; run < 2; run++) {
            Exec.Result r = Launcher.run(tmp, env, exe, "define");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).isEqualTo(expected);
            assertThat(r.stderr()).contains("[gc");
        }
        Exec.Result v = Launcher.run(tmp, env, exe, "version");
        assertThat(v.stdout()).isEqualTo("Version: " + Built.version() + "\n");
        assertThat(v.stderr()).contains("[gc");
    }

    @Test
    void listenUnderJdwpAndVerboseGcPrintsOnlyReady() throws Exception {
        Path exe = Launcher.copyInto(tmp.resolve("plugins"));
        try (FakeDrp drp = FakeDrp.start()) {
            for (String opts : new String[] {jdwp(), "-verbose:gc", jdwp() + " -verbose:gc"}) {
                for (int run = 0; run < 2; run++) {
                    listen(exe, drp, opts);
                }
            }
        }
    }

    private static void listen(Path exe, FakeDrp drp, String opts) {
        try (ProviderProcess p = ProviderProcess.builder(exe).environment("DRPKIT_JAVA_OPTS", opts)
                .readyTimeout(Launcher.TIMEOUT).stopGrace(Launcher.TIMEOUT).build().listen(drp)) {
            assertThat(p.config(Map.of("Name", "stdout")).status()).as(p.stderr()).isEqualTo(200);
            p.stop();
            assertThat(p.waitForExit(Launcher.TIMEOUT)).isTrue();
            assertThat(p.stdout()).as("%s: stdout", opts).isEqualTo("READY!\n");
            assertThat(p.stderr()).contains(opts.contains("jdwp") ? "Listening for transport" : "[gc");
        }
    }
}
