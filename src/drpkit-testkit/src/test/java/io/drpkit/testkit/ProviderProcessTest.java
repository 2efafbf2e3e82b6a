package io.drpkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.model.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProviderProcess} against tiny providers: shell scripts for the one-shot commands and the
 * failure modes, and {@link FakeProviderMain} (a JVM) for a full listen session.
 */
class ProviderProcessTest {
    private static FakeDrp drp;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startHost() {
        drp = FakeDrp.start();
    }

    @AfterAll
    static void stopHost() {
        drp.close();
    }

    private Path script(String body) throws IOException {
        Path file = tmp.resolve("provider.sh");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        file.toFile().setExecutable(true);
        return file;
    }

    @Test
    void defineRunsWithTheGivenEnvironmentAndCapturesBothStreams() throws Exception {
        Path exe = script("[ \"$1\" = define ] || exit 9\n"
                + "echo \"{\\\"Name\\\":\\\"sh\\\",\\\"Token\\\":\\\"$RS_TOKEN\\\"}\"\n"
                + "echo warming up >&2");
        ProviderProcess.Result r = ProviderProcess.of(exe).define(Map.of("RS_TOKEN", "catalog"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().get("Token").asText()).isEqualTo("catalog");
        assertThat(r.stderr()).isEqualTo("warming up\n");
    }

    @Test
    void inheritedRsVariablesDoNotLeakIn() throws Exception {
        Path exe = script("echo \"[${RS_ENDPOINT:-unset}]\"");
        ProviderProcess.Result r = ProviderProcess.of(exe).define(Map.of());
        assertThat(r.stdout()).isEqualTo("[unset]\n");
    }

    @Test
    void unpackPassesTheDirectoryAndReportsTheExitCode() throws Exception {
        Path exe = script("[ \"$1\" = unpack ] || exit 9\nmkdir -p \"$2\" && echo x > \"$2/a\"\nexit 0");
        Path dir = tmp.resolve("files/plugin_providers/sh");
        assertThat(ProviderProcess.of(exe).unpack(dir).exitCode()).isZero();
        assertThat(dir.resolve("a")).hasContent("x");

        Path failing = script("echo 'Error: Not a valid location' >&2; exit 1");
        ProviderProcess.Result r = ProviderProcess.of(failing).unpack(dir);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("Not a valid location");
    }

    @Test
    void aOneShotCommandThatHangsIsKilledAfterTheTimeout() throws Exception {
        Path exe = script("echo started >&2; exec sleep 30");
        ProviderProcess p = ProviderProcess.builder(exe).commandTimeout(Duration.ofMillis(500)).build();
        assertThatThrownBy(() -> p.define(Map.of()))
                .isInstanceOf(ProviderProcessException.class)
                .hasMessageContaining("did not exit within")
                .hasMessageContaining("started");
    }

    @Test
    void listenFailsWithTheExitCodeAndStderrWhenTheProviderDies() throws Exception {
        Path exe = script("echo 'Error: cannot listen on the socket' >&2; exit 3");
        try (ProviderProcess p = ProviderProcess.of(exe)) {
            assertThatThrownBy(() -> p.listen(drp))
                    .isInstanceOfSatisfying(ProviderProcessException.class, e -> {
                        assertThat(e.exitCode()).hasValue(3);
                        assertThat(e.stderr()).contains("cannot listen on the socket");
                    })
                    .hasMessageContaining("without printing READY!");
        }
    }

    @Test
    void listenGivesUpAfterTheReadyTimeoutAndKillsTheProvider() throws Exception {
        Path exe = script("echo 'slow start' >&2; exec sleep 30");
        try (ProviderProcess p = ProviderProcess.builder(exe).readyTimeout(Duration.ofMillis(500)).build()) {
            assertThatThrownBy(() -> p.listen(drp))
                    .isInstanceOfSatisfying(ProviderProcessException.class, e -> {
                        assertThat(e.exitCode()).isEmpty();
                        assertThat(e.stderr()).contains("slow start");
                    })
                    .hasMessageContaining("did not print READY! within");
            assertThat(p.isAlive()).isFalse();
        }
    }

    @Test
    void listenPassesTheSocketsInDrpsOrderAndCapturesExtraStdout() throws Exception {
        List<String> echoed = new CopyOnWriteArrayList<>();
        Path exe = script("echo \"args: $1 $2 $3 cwd: $(pwd)\" >&2\necho junk\necho READY!\nexec sleep 30");
        try (ProviderProcess p = ProviderProcess.builder(exe).stderrSink(echoed::add)
                .stopGrace(Duration.ofMillis(200)).build()) {
            p.listen(drp);
            assertThat(p.servePath().toString()).startsWith("/tmp/dk").endsWith("to.sock");
            assertThat(p.servePath().toString().length()).isLessThan(100);
            assertThat(p.dialPath()).isEqualTo(drp.dialPath());
            assertThat(p.stdoutExtra()).isEqualTo("junk\n");
            assertThat(p.stdout()).isEqualTo("junk\nREADY!\n");
            assertThat(p.isAlive()).isTrue();
            // stderr is read on its own thread: READY! on stdout can come first
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (echoed.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(echoed).containsExactly("args: listen " + p.servePath() + " " + drp.dialPath()
                    + " cwd: " + p.scratchDir().toRealPath());
            assertThat(p.stop()).isEmpty(); // nothing serves the socket: no answer
        }
    }

    @Test
    void aFullListenSessionWithAJavaProvider() throws Exception {
        Path exe = FakeProviderMain.launcher(tmp);
        ProviderProcess p = ProviderProcess.of(exe);
        try {
            assertThat(p.define(drp.providerEnvironment()).json().get("Token").asText())
                    .isEqualTo(drp.token());
            p.listen(drp);
            assertThat(p.stdoutExtra()).isEmpty();

            ProviderProcess.Response config = p.config(Map.of("Name", "fake-1"));
            assertThat(config.status()).isEqualTo(200);
            assertThat(config.error().code()).isEqualTo(200);
            assertThat(drp.awaitLogLine(l -> l.message().contains("fake-1"), Duration.ofSeconds(10))
                    .level()).isEqualTo("info");

            JsonNode env = p.action(new Action(null, "fake-1", "env", "", Map.of())).json();
            assertThat(env.get("RS_ENDPOINT").asText()).isEqualTo(drp.endpoint().toString());
            assertThat(env.get("RS_TOKEN").asText()).isEqualTo(drp.token());
            assertThat(env.get("RS_FILESERVER").asText()).isEqualTo(drp.fileServer().toString());
            assertThat(env.get("RS_WEBROOT").asText()).isEqualTo(drp.webroot().toString());
            assertThat(Path.of(env.get("cwd").asText())).isEqualTo(p.scratchDir().toRealPath());

            ProviderProcess.Response missing = p.post("/api-plugin/v4/bogus", null, new byte[0]);
            assertThat(missing.status()).isEqualTo(404);

            assertThat(p.stop()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(200));
            assertThat(p.waitForExit(Duration.ofSeconds(10))).isTrue();
            assertThat(p.exitCode()).hasValue(0);
            assertThat(p.stdoutExtra()).isEmpty();
        } finally {
            p.close();
        }
        assertThat(p.scratchDir()).doesNotExist();
        assertThat(p.servePath().getParent()).doesNotExist();
    }

    @Test
    void callsBeforeListenAreRefused() throws Exception {
        ProviderProcess p = ProviderProcess.of(script("exit 0"));
        assertThatThrownBy(p::servePath).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("listen has not been called");
        p.close();
        assertThatThrownBy(() -> p.listen(drp)).isInstanceOf(IllegalStateException.class);
    }
}
