package io.drpkit.sdk.internal.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.Loader;
import java.net.URL;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Logback's configuration, in code (found through {@code META-INF/services} by logback's
 * initializer, or called straight by {@link DirectLogbackProvider}; no XML to parse at start-up):
 * {@link Logging#configureDefault}. The author's own configuration wins: an explicit
 * {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} or {@code logback.xml} on the
 * class path (logback's own order). Then this configurator only records which one
 * ({@value Logging#AUTHOR_CONFIG}) and adds the per-request level filter, and steps aside for
 * logback's XML configurator.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {
    /** The class path files logback's own configurator reads, in its order. */
    static final List<String> AUTHOR_FILES = List.of("logback-test.xml", "logback.xml");

    private final ClassLoader loader;

    /** The configurator logback's service loader makes: it looks where logback will look. */
    public LoggingConfigurator() {
        this.loader = Loader.getClassLoaderOfObject(this);
    }

    /** For tests: looks for the author's files through {@code loader}. */
    LoggingConfigurator(ClassLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader == null");
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Optional<String> author = authorConfiguration();
        if (author.isPresent()) {
            context.putProperty(Logging.AUTHOR_CONFIG, author.get());
            Logging.configureDefault(context);
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logging.configureDefault(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The author's configuration file, if there is one: the property, else the first file found. */
    Optional<String> authorConfiguration() {
        String explicit = System.getProperty("logback.configurationFile");
        if (explicit != null) {
            return Optional.of(explicit);
        }
        for (String name : AUTHOR_FILES) {
            URL url = loader.getResource(name);
            if (url != null) {
                return Optional.of(url.toString());
            }
        }
        return Optional.empty();
    }
}
