package io.drpkit.sdk.internal.logging;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.Util;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's binding to logback, as logback's own {@link LogbackServiceProvider} makes it, but
 * configured straight by {@link LoggingConfigurator} when nothing else could configure logback:
 * no {@code -Dlogback.configurationFile}, no {@code logback-test.xml} or {@code logback.xml} on
 * the class path, no {@code -Dlogback.statusListenerClass} and no {@code Configurator} service
 * but the SDK's. That is the configuration logback's initializer reaches too, without its version
 * check, its configurator lookup and ranking (two annotation proxies) and its status messages,
 * ~25 ms of a {@code listen}'s way to {@code READY!} on the 2-core box (README, "What start-up
 * loads"). In every other case logback's initializer runs exactly as logback's provider runs it.
 *
 * <p>The launcher names it for {@code listen} ({@code -Dslf4j.provider}); it is not registered as
 * a service, so on a plain class path SLF4J binds logback's own provider. Thread-safety: SLF4J
 * initializes it once, on one thread; the getters then only read.
 */
public final class DirectLogbackProvider implements SLF4JServiceProvider {
    static final String CONFIGURATOR_SERVICE = "META-INF/services/ch.qos.logback.classic.spi.Configurator";

    private final LoggerContext context = new LoggerContext();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();
    private final ClassLoader loader;

    /** The provider SLF4J makes ({@code slf4j.provider}): it looks where logback would look. */
    public DirectLogbackProvider() {
        this(DirectLogbackProvider.class.getClassLoader());
    }

    /** For tests: looks for configuration through {@code loader}. */
    DirectLogbackProvider(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public void initialize() {
        context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        context.setMDCAdapter(mdc);
        LoggingConfigurator sdk = new LoggingConfigurator(loader);
        if (configuredElsewhere(sdk)) {
            try {
                new ContextInitializer(context).autoConfig(loader);
            } catch (JoranException e) {
                Util.report("Failed to auto configure default logger context", e);
            }
            if (!StatusUtil.contextHasStatusListener(context)) {
                StatusPrinter.printInCaseOfErrorsOrWarnings(context);
            }
        } else {
            sdk.setContext(context);
            sdk.configure(context);
            if (new StatusUtil(context).getHighestLevel(0) >= Status.WARN) {
                StatusPrinter.print(context);
            }
        }
        context.start();
    }

    /** Whether anything but the SDK's configurator could configure logback here. */
    boolean configuredElsewhere(LoggingConfigurator sdk) {
        return sdk.authorConfiguration().isPresent()
                || System.getProperty(CoreConstants.STATUS_LISTENER_CLASS_KEY) != null
                || System.getProperty(ClassicConstants.MODEL_CONFIG_FILE_PROPERTY) != null
                || otherConfiguratorService();
    }

    /**
     * Whether a {@code META-INF/services} file names a logback configurator other than the SDK's
     * (or cannot be read).
     */
    private boolean otherConfiguratorService() {
        try {
            Enumeration<URL> files = loader.getResources(CONFIGURATOR_SERVICE);
            while (files.hasMoreElements()) {
                URL file = files.nextElement();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        int hash = line.indexOf('#');
                        String name = (hash < 0 ? line : line.substring(0, hash)).trim();
                        if (!name.isEmpty() && !name.equals(LoggingConfigurator.class.getName())) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return true; // cannot tell: logback's initializer reads the services itself
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return LogbackServiceProvider.REQUESTED_API_VERSION;
    }
}
