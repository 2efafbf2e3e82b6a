package io.drpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider's own logback.xml on the class path configures its logging (a real process). */
class AuthorLogbackIT {
    @TempDir
    Path tmp;

    @Test
    void theAuthorsLogbackXmlWinsOverTheSdkDefaults() throws Exception {
        Path resources = Files.createDirectories(tmp.resolve("resources"));
        Files.writeString(resources.resolve("logback.xml"), """
                <configuration>
                  <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>author-format %level %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="ERR"/></root>
                </configuration>
                """);

        for (String provider : new String[] {null, "io.drpkit.sdk.internal.logging.DirectLogbackProvider"}) {
            // logback's own SLF4J provider, and the SDK's that the launcher names for listen
            Run withXml = define(resources, provider);
            Run without = define(null, provider);

            assertThat(withXml.stdout()).startsWith("{").contains("\"Name\": \"logging\"");
            assertThat(withXml.stderr()).as(provider).contains("author-format INFO defining the logging provider")
                    .doesNotContain("a debug line");
            assertThat(without.stderr()).as(provider).contains("INFO ").contains("defining the logging provider")
                    .contains("a debug line").doesNotContain("author-format").doesNotContain("SLF4J");
        }
    }

    private record Run(String stdout, String stderr) {
    }

    private static Run define(Path extraClassPath, String slf4jProvider) throws Exception {
        String cp = Path.of("target/runbook.jar").toAbsolutePath() + File.pathSeparator
                + Path.of("target/test-classes").toAbsolutePath();
        if (extraClassPath != null) {
            cp = extraClassPath + File.pathSeparator + cp;
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (slf4jProvider != null) {
            command.addAll(List.of("-Dslf4j.provider=" + slf4jProvider, "-Dslf4j.internal.verbosity=WARN"));
        }
        command.addAll(List.of("-cp", cp, LoggingProvider.class.getName(), "define"));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(stderr).isZero();
        return new Run(stdout, stderr);
    }
}
