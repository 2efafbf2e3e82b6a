package io.drpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.sdk.internal.json.DrpJson;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stdout belongs to the protocol even when provider code prints to System.out (a real process). */
class StdoutGuardIT {
    @Test
    void printsFromProviderCodeGoToStderrAndStdoutIsOnlyTheDefinition() throws Exception {
        Path jar = Path.of("target/runbook.jar").toAbsolutePath();
        Path tests = Path.of("target/test-classes").toAbsolutePath();
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + File.pathSeparator + tests, NoisyProvider.class.getName(), "define")).start();
        p.getOutputStream().close();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(DrpJson.readTree(stdout).path("Name").asText()).isEqualTo("noisy");
        assertThat(stdout).doesNotContain("noise").startsWith("{").endsWith("}\n");
        assertThat(stderr).contains("noise from provider code");
    }
}
