package io.drpkit.sdk.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

class DirectLogbackProviderTest {
    @TempDir
    Path dir;

    @Test
    void withNothingElseToConfigureLogbackTheSdkConfiguresItStraight() throws Exception {
        try (URLClassLoader loader = loader()) {
            DirectLogbackProvider provider = new DirectLogbackProvider(loader);
            provider.initialize();
            LoggerContext ctx = (LoggerContext) provider.getLoggerFactory();
            try {
                assertThat(ctx.isStarted()).isTrue();
                assertThat(ctx.getName()).isEqualTo("default");
                ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
                assertThat(root.iteratorForAppenders()).toIterable().singleElement()
                        .isInstanceOfSatisfying(ConsoleAppender.class,
                                console -> assertThat(console.getTarget()).isEqualTo("System.err"));
                assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
                assertThat(ctx.getLogger("io.undertow.server").getEffectiveLevel()).isEqualTo(Level.WARN);
                assertThat(ctx.getTurboFilterList()).hasAtLeastOneElementOfType(RequestLevelFilter.class);
                assertThat(ctx.getProperty(Logging.AUTHOR_CONFIG)).isNull();
                assertThat(ctx.getMDCAdapter()).isSameAs(provider.getMDCAdapter());
                assertThat(ctx.getStatusManager().getCopyOfStatusList()).map(Status::getMessage)
                        .as("logback's initializer did not run").noneMatch(m -> m.contains("onfigurator"));
            } finally {
                ctx.stop();
            }
        }
    }

    @Test
    void anAuthorsConfigurationFileIsReadByLogbacksInitializer() throws Exception {
        // (a logback.xml on the real class path: AuthorLogbackIT, in a process of its own)
        Path xml = Files.writeString(dir.resolve("author.xml"), """
                <configuration>
                  <appender name="AUTHOR" class="ch.qos.logback.core.read.ListAppender"/>
                  <root level="INFO"><appender-ref ref="AUTHOR"/></root>
                </configuration>
                """);
        System.setProperty("logback.configurationFile", xml.toString());
        try (URLClassLoader loader = loader()) {
            DirectLogbackProvider provider = new DirectLogbackProvider(loader);
            provider.initialize();
            LoggerContext ctx = (LoggerContext) provider.getLoggerFactory();
            try {
                ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
                assertThat(root.iteratorForAppenders()).toIterable().singleElement()
                        .isInstanceOfSatisfying(ListAppender.class, a -> assertThat(a.getName()).isEqualTo("AUTHOR"));
                assertThat(root.getLevel()).isEqualTo(Level.INFO);
                assertThat(ctx.getProperty(Logging.AUTHOR_CONFIG)).isEqualTo(xml.toString());
                assertThat(ctx.getTurboFilterList()).as("X-Log-Request still works")
                        .hasAtLeastOneElementOfType(RequestLevelFilter.class);
            } finally {
                ctx.stop();
            }
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }

    @Test
    void anotherConfiguratorServiceIsRunByLogbacksInitializer() throws Exception {
        services("# the author's own\n\n" + OtherConfigurator.class.getName() + "  # ranked above the SDK's\n");
        try (URLClassLoader loader = loader()) {
            DirectLogbackProvider provider = new DirectLogbackProvider(loader);
            assertThat(provider.configuredElsewhere(new LoggingConfigurator(loader))).isTrue();
            provider.initialize();
            LoggerContext ctx = (LoggerContext) provider.getLoggerFactory();
            try {
                assertThat(ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("OTHER")).isNotNull();
            } finally {
                ctx.stop();
            }
        }
    }

    @Test
    void theSdksOwnServiceFileAndCommentsAreNotAnotherConfigurator() throws Exception {
        services("# the SDK's, listed twice\n" + LoggingConfigurator.class.getName() + "\n");
        try (URLClassLoader loader = loader()) {
            assertThat(new DirectLogbackProvider(loader).configuredElsewhere(new LoggingConfigurator(loader))).isFalse();
        }
    }

    @Test
    void logbacksOwnSwitchesHandTheConfigurationBackToLogback() throws Exception {
        try (URLClassLoader loader = loader()) {
            DirectLogbackProvider provider = new DirectLogbackProvider(loader);
            for (String property : new String[] {"logback.configurationFile", "logback.statusListenerClass",
                    "logback.scmoFile"}) {
                System.setProperty(property, dir.resolve("none").toString());
                try {
                    assertThat(provider.configuredElsewhere(new LoggingConfigurator(loader))).as(property).isTrue();
                } finally {
                    System.clearProperty(property);
                }
            }
            assertThat(provider.configuredElsewhere(new LoggingConfigurator(loader))).isFalse();
        }
    }

    @Test
    void theMdcAdapterIsLogbacksAndWorksThroughSlf4j() {
        DirectLogbackProvider provider = new DirectLogbackProvider();
        provider.getMDCAdapter().put("k", "v");
        try {
            assertThat(provider.getMDCAdapter().get("k")).isEqualTo("v");
            assertThat(provider.getRequestedApiVersion()).startsWith("2.");
            assertThat(provider.getMarkerFactory().getMarker("AUDIT").getName()).isEqualTo("AUDIT");
        } finally {
            provider.getMDCAdapter().remove("k");
        }
        assertThat(MDC.get("k")).isNull();
    }

    /** The test class path (the SDK's own configurator service) and {@link #dir} first. */
    private URLClassLoader loader() throws Exception {
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    private void services(String text) throws Exception {
        Path file = dir.resolve(DirectLogbackProvider.CONFIGURATOR_SERVICE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** An author's configurator: one appender of its own, then logback's next configurator. */
    @ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
    public static final class OtherConfigurator extends ContextAwareBase implements Configurator {
        @Override
        public ExecutionStatus configure(LoggerContext context) {
            ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> a = new ListAppender<>();
            a.setName("OTHER");
            a.setContext(context);
            a.start();
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(a);
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
    }
}
