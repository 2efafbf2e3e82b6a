package io.drpkit.sdk.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingConfiguratorTest {
    @Test
    void logbackFindsTheConfiguratorAndLogsToStderrOnly() throws Exception {
        LoggerContext fresh = new LoggerContext();
        new ContextInitializer(fresh).autoConfig();
        try {
            ch.qos.logback.classic.Logger root = fresh.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            assertThat(root.iteratorForAppenders()).toIterable().singleElement()
                    .isInstanceOfSatisfying(ConsoleAppender.class,
                            console -> assertThat(console.getTarget()).isEqualTo("System.err"));
            assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(fresh.getLogger("okhttp3.OkHttpClient").getEffectiveLevel()).isEqualTo(Level.WARN);
            assertThat(fresh.getTurboFilterList()).hasAtLeastOneElementOfType(RequestLevelFilter.class);
        } finally {
            fresh.stop();
        }
    }

    @Test
    void anAuthorsLogbackXmlOnTheClassPathWinsOverTheDefaults(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
        LoggerContext fresh = new LoggerContext();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            LoggingConfigurator configurator = new LoggingConfigurator(loader);
            configurator.setContext(fresh);

            assertThat(configurator.configure(fresh)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);

            assertThat(fresh.getProperty(Logging.AUTHOR_CONFIG)).endsWith("/logback.xml");
            ch.qos.logback.classic.Logger root = fresh.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            assertThat(root.iteratorForAppenders()).toIterable().as("the author's appenders only").isEmpty();
            assertThat(fresh.getTurboFilterList()).as("X-Log-Request still works")
                    .hasAtLeastOneElementOfType(RequestLevelFilter.class);
            root.setLevel(Level.INFO);
            Logging.configure(fresh, false);
            assertThat(root.getLevel()).as("listen keeps the author's level").isEqualTo(Level.INFO);
            Logging.configure(fresh, true);
            assertThat(root.getLevel()).as("--debug still means trace").isEqualTo(Level.TRACE);
        } finally {
            fresh.stop();
        }
    }

    @Test
    void logbackTestXmlComesFirstAsInLogbacksOwnOrder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("logback.xml"), "<configuration/>");
        Files.writeString(dir.resolve("logback-test.xml"), "<configuration/>");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(new LoggingConfigurator(loader).authorConfiguration()).hasValueSatisfying(
                    url -> assertThat(url).endsWith("/logback-test.xml"));
        }
    }

    @Test
    void withoutAnAuthorsFileTheDefaultsApply(@TempDir Path dir) throws Exception {
        LoggerContext fresh = new LoggerContext();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(new LoggingConfigurator(loader).configure(fresh)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            assertThat(fresh.getProperty(Logging.AUTHOR_CONFIG)).isNull();
            assertThat(fresh.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
        } finally {
            fresh.stop();
        }
    }
}
