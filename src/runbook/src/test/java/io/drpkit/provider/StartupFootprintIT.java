package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only what a command needs is loaded (README "What start-up loads"): the built executable is
 * run with {@code -Xlog:class+load} and the classes it loaded are checked by package.
 */
class StartupFootprintIT {
    @TempDir
    Path tmp;

    @Test
    void defineLoadsNoHttpServerHttpClientKotlinLoggingYamlMapperOrPicocliParser() throws IOException {
        Path log = tmp.resolve("define-classes.log");
        ProviderProcess.Result r = ProviderProcess.of(Built.executable()).define(Map.of("DRPKIT_NO_CDS", "1",
                "DRPKIT_JAVA_OPTS", "-Xlog:class+load:file=" + log)); // no archive: its training runs a listen
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<String> classes = loaded(log);
        assertThat(classes).as("the definition's classes were logged").contains("io.drpkit.sdk.internal.json.PrettyJson");
        assertThat(classes).filteredOn(c -> c.startsWith("io.undertow.") || c.startsWith("org.xnio.")
                        || c.startsWith("okhttp3.") || c.startsWith("okio.") || c.startsWith("kotlin.")
                        || c.startsWith("ch.qos.logback.") || c.startsWith("org.yaml.")
                        || c.startsWith("com.fasterxml.jackson.dataformat.") || c.startsWith("org.newsclub.")
                        || c.startsWith("com.networknt.") || c.startsWith("javax.management.")
                        || c.startsWith("sun.security.ssl.")
                        || c.equals("com.fasterxml.jackson.databind.ObjectMapper") || c.equals("picocli.CommandLine"))
                .as("classes define does not need").isEmpty();
    }

    @Test
    void listenBuildsNoTlsContextForTheHostSocketAndNoYamlParser() throws IOException {
        Path log = tmp.resolve("listen-classes.log");
        try (FakeDrp host = FakeDrp.start();
             ProviderProcess p = ProviderProcess.builder(Built.executable())
                     .environment("DRPKIT_NO_CDS", "1")
                     .environment("DRPKIT_JAVA_OPTS", "-Xlog:class+load:file=" + log)
                     .readyTimeout(Duration.ofSeconds(60)).build().listen(host)) {
            // a log line and an action reach the host over the socket client before anything is checked
            assertThat(p.post(ProviderProcess.API + "/action", "application/json",
                    "{\"Command\":\"incrstatus\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).status())
                    .isEqualTo(503); // not configured yet: no /config, so no DRP API (which is HTTPS) either
            assertThat(p.stop()).isPresent();
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isTrue();
        }
        List<String> classes = loaded(log);
        assertThat(classes).contains("okhttp3.OkHttpClient", "io.drpkit.sdk.internal.server.UnixHttpServer");
        // (the JSSE provider itself may be listed by the security framework; a TLS context is not built)
        assertThat(classes).filteredOn(c -> c.startsWith("sun.security.ssl.SSLContextImpl")
                        || c.equals("javax.net.ssl.SSLContext") || c.startsWith("org.yaml.")
                        || c.startsWith("com.fasterxml.jackson.dataformat.") || c.equals("picocli.CommandLine"))
                .as("classes listen needs neither before nor without a /config").isEmpty();
    }

    @Test
    void listenCreatesNoPlatformMBeanServerUnlessAskedTo() throws IOException {
        assertThat(listenClasses("default", "")).contains("io.drpkit.sdk.internal.server.DetachedMBeanServer")
                .doesNotContain("java.lang.management.ManagementFactory", "com.sun.jmx.mbeanserver.JmxMBeanServer");
        // the switch back: XNIO's MXBeans in the platform MBean server, which is then created
        assertThat(listenClasses("platform", " -Ddrpkit.xnio.jmx=true"))
                .contains("com.sun.jmx.mbeanserver.JmxMBeanServer");
    }

    @Test
    void listenConfiguresLogbackWithoutItsInitializerUnlessTheAuthorConfiguresIt() throws IOException {
        Path log = tmp.resolve("listen-logging.log");
        String stderr;
        try (FakeDrp host = FakeDrp.start();
             ProviderProcess p = ProviderProcess.builder(Built.executable())
                     .environment("DRPKIT_NO_CDS", "1")
                     .environment("DRPKIT_JAVA_OPTS", "-Xlog:class+load:file=" + log)
                     .readyTimeout(Duration.ofSeconds(60)).build().listen(host)) {
            assertThat(p.stop()).isPresent();
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isTrue();
            stderr = p.stderr();
        }
        assertThat(loaded(log)).contains("io.drpkit.sdk.internal.logging.DirectLogbackProvider")
                .doesNotContain("ch.qos.logback.classic.util.ContextInitializer");
        assertThat(stderr).as("SLF4J says nothing about the provider it was given").doesNotContain("SLF4J");

        // the author's configuration still wins, read by logback's own initializer
        Path lines = tmp.resolve("author-lines.txt");
        Path xml = Files.writeString(tmp.resolve("author-logback.xml"), """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>author %%level %%msg%%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(lines));
        Path authorLog = tmp.resolve("listen-author.log");
        try (FakeDrp host = FakeDrp.start();
             ProviderProcess p = ProviderProcess.builder(Built.executable())
                     .environment("DRPKIT_NO_CDS", "1")
                     .environment("DRPKIT_JAVA_OPTS", "-Xlog:class+load:file=" + authorLog
                             + " -Dlogback.configurationFile=" + xml)
                     .readyTimeout(Duration.ofSeconds(60)).build().listen(host)) {
            assertThat(p.stop()).isPresent();
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(loaded(authorLog)).contains("ch.qos.logback.classic.util.ContextInitializer");
        assertThat(Files.readString(lines)).contains("author INFO Listening on");
    }

    @Test
    void listenSendsXnioAndUndertowLoggingToSlf4jWithoutStartingJavaUtilLoggingFirst() throws IOException {
        List<String> classes = listenClasses("jboss-logging", "");
        int slf4j = classes.indexOf("org.jboss.logging.Slf4jLoggerProvider");
        assertThat(slf4j).as("jboss-logging chose SLF4J").isNotNegative();
        // unnamed, jboss-logging would ask java.util.logging for a JBoss LogManager first; the
        // host client (OkHttp) still starts it, later
        assertThat(classes.subList(0, slf4j)).doesNotContain("java.util.logging.LogManager");

        // and the lines still arrive: XNIO's greeting, through SLF4J, in an author's logback file
        Path lines = tmp.resolve("xnio-lines.txt");
        Path xml = Files.writeString(tmp.resolve("xnio-logback.xml"), """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%logger %%level %%msg%%n</pattern></encoder>
                  </appender>
                  <logger name="org.xnio" level="INFO"/>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(lines));
        listenClasses("xnio-lines", " -Dlogback.configurationFile=" + xml);
        assertThat(Files.readString(lines)).contains("org.xnio INFO XNIO version");
    }

    /** The classes a {@code listen} loads from its start to its exit on {@code /stop}, after one action. */
    private List<String> listenClasses(String label, String opts) throws IOException {
        Path log = tmp.resolve("listen-" + label + ".log");
        try (FakeDrp host = FakeDrp.start();
             ProviderProcess p = ProviderProcess.builder(Built.executable())
                     .environment("DRPKIT_NO_CDS", "1")
                     .environment("DRPKIT_JAVA_OPTS", "-Xlog:class+load:file=" + log + opts)
                     .readyTimeout(Duration.ofSeconds(60)).build().listen(host)) {
            assertThat(p.post(ProviderProcess.API + "/action", "application/json",
                    "{\"Command\":\"incrstatus\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).status())
                    .isEqualTo(503);
            assertThat(p.stop()).isPresent();
            assertThat(p.waitForExit(Duration.ofSeconds(30))).isTrue();
        }
        return loaded(log);
    }

    private static List<String> loaded(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .map(l -> l.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\]\\s*", ""))
                .map(l -> l.split(" ", 2)[0])
                .toList();
    }
}
