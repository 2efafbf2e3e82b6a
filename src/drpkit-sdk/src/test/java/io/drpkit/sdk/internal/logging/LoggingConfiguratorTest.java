package io.drpkit.sdk.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

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
}
