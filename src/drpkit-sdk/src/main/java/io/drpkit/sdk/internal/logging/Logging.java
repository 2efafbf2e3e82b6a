package io.drpkit.sdk.internal.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.ConsoleTarget;
import io.drpkit.sdk.internal.hostclient.HostClient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.BasicMarkerFactory;

/**
 * The logging facade the runtime uses. Everything acts on a {@link LoggerContext} passed in, so
 * there is no state here; {@link #context()} finds the one SLF4J is bound to.
 *
 * <p>Order at start-up: the {@link LoggingConfigurator} applies {@link #configureDefault} when
 * logback first initializes (called by logback's initializer, or straight by
 * {@link DirectLogbackProvider}, the SLF4J provider the launcher names for {@code listen});
 * {@code listen} calls {@link #setLevel} for {@code --debug} and then
 * {@link #attachHost} once the host client exists; the stop sequence calls
 * {@link HostLogForwarder#flush} and {@link HostLogForwarder#close}.
 */
public final class Logging {
    /** MDC: the log group ({@code Group}) of the current request; absent means 0 (background). */
    public static final String MDC_GROUP = "drpkit.group";
    /** MDC: the {@code Principal} of lines logged by the current thread; absent means "". */
    public static final String MDC_PRINCIPAL = "drpkit.principal";
    /** MDC: the {@code X-Log-Request} level of the current request, e.g. {@code trace}. */
    public static final String MDC_LEVEL = "drpkit.level";
    /** MDC: {@code true} marks lines the host must record but not re-publish as events. */
    public static final String MDC_IGNORE_PUBLISH = "drpkit.ignorePublish";
    /**
     * Marker for lines the host should record at level {@code audit}. (Made without
     * {@code MarkerFactory}: that would initialize SLF4J, hence logback, hence the configurator,
     * which uses this class while it is still being initialized.)
     */
    public static final Marker AUDIT = new BasicMarkerFactory().getMarker("AUDIT");
    /** Marker for lines the host should record at level {@code fatal} (nothing exits). */
    public static final Marker FATAL = new BasicMarkerFactory().getMarker("FATAL");

    /**
     * Context property: the author's logback configuration (a {@code logback.xml} or
     * {@code logback-test.xml} on the class path, or {@code -Dlogback.configurationFile}) that
     * configured the context instead of {@link #configureDefault}'s defaults.
     */
    public static final String AUTHOR_CONFIG = "drpkit.authorConfig";

    /** Loggers kept at WARN: chatty libraries, and the HTTP stack the forwarder itself uses. */
    public static final List<String> QUIET_LOGGERS = List.of("org.xnio", "io.undertow", "okhttp3", "org.newsclub");
    static final String CONSOLE_APPENDER = "drpkit-stderr";
    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";

    private Logging() {
    }

    /** The logback context SLF4J is bound to. */
    public static LoggerContext context() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext ctx) {
            return ctx;
        }
        throw new IllegalStateException("SLF4J is not bound to logback but to " + factory.getClass().getName());
    }

    /**
     * The defaults: one console appender on <b>stderr</b> (stdout is the protocol channel),
     * {@link #QUIET_LOGGERS} at WARN, root at DEBUG (the Go SDK's level), and the per-request
     * level filter ({@value #MDC_LEVEL}). The appender and filter are added only if missing; the
     * levels are set every time. When the author's configuration is in use
     * ({@value #AUTHOR_CONFIG}), only the filter is added: appenders and levels are the author's.
     */
    public static void configureDefault(LoggerContext ctx) {
        Objects.requireNonNull(ctx, "ctx == null");
        if (ctx.getProperty(AUTHOR_CONFIG) == null) {
            addConsoleAndLevels(ctx);
        }
        if (ctx.getTurboFilterList().stream().noneMatch(RequestLevelFilter.class::isInstance)) {
            TurboFilter filter = new RequestLevelFilter(QUIET_LOGGERS);
            filter.setContext(ctx);
            filter.start();
            ctx.addTurboFilter(filter);
        }
    }

    private static void addConsoleAndLevels(LoggerContext ctx) {
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(CONSOLE_APPENDER) == null) {
            LazyPatternEncoder encoder = new LazyPatternEncoder(PATTERN);
            encoder.setContext(ctx);
            encoder.start();
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(ctx);
            console.setName(CONSOLE_APPENDER);
            console.setTarget(ConsoleTarget.SystemErr.getName());
            console.setEncoder(encoder);
            console.start();
            root.addAppender(console);
        }
        root.setLevel(Level.DEBUG);
        for (String name : QUIET_LOGGERS) {
            ctx.getLogger(name).setLevel(Level.WARN);
        }
    }

    /**
     * Root level: {@code debug} false → DEBUG (default), true → TRACE. With the author's
     * configuration ({@value #AUTHOR_CONFIG}) its levels stay, unless {@code debug} asks for TRACE.
     */
    public static void configure(LoggerContext ctx, boolean debug) {
        configureDefault(ctx);
        if (debug || ctx.getProperty(AUTHOR_CONFIG) == null) {
            setLevel(ctx, debug ? Level.TRACE : Level.DEBUG);
        }
    }

    /** Sets the root level; the quiet loggers stay at WARN. */
    public static void setLevel(LoggerContext ctx, Level level) {
        Objects.requireNonNull(level, "level == null");
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(level);
    }

    /**
     * A DRP level name as sent in {@code X-Log-Request} (trace, debug, info, warn, error, err,
     * fatal, panic, audit; any case, trimmed), or empty when invalid — the server then logs
     * {@code Invalid requested log level <value>} and leaves {@value #MDC_LEVEL} unset.
     */
    public static Optional<Level> requestLevel(String drpLevel) {
        return drpLevel == null ? Optional.empty() : Optional.ofNullable(RequestLevelFilter.parse(drpLevel));
    }

    /**
     * Starts forwarding every line logged in {@code ctx} to {@code sink} (normally
     * {@code hostClient::postLog}) as {@code Service = service}. Returns the running forwarder;
     * closing it detaches it again.
     */
    public static HostLogForwarder attachHost(LoggerContext ctx, LogSink sink, String service,
                                              ForwarderOptions options) {
        Objects.requireNonNull(ctx, "ctx == null");
        return HostLogForwarder.start(ctx, sink, service, options);
    }

    /**
     * {@link #attachHost(LoggerContext, LogSink, String, ForwarderOptions)} whose sender starts at
     * {@link HostLogForwarder#release} (or the first flush or close): lines are queued in order
     * until then. {@code listen} releases it once {@code READY!} is out, so the first post's work
     * does not compete with start-up for the CPU.
     */
    public static HostLogForwarder attachHostHeld(LoggerContext ctx, LogSink sink, String service,
                                                  ForwarderOptions options) {
        Objects.requireNonNull(ctx, "ctx == null");
        return HostLogForwarder.startHeld(ctx, sink, service, options);
    }

    /** {@link #attachHost(LoggerContext, LogSink, String, ForwarderOptions)} posting through {@code host}. */
    public static HostLogForwarder attachHost(LoggerContext ctx, HostClient host, String service,
                                              ForwarderOptions options) {
        Objects.requireNonNull(host, "host == null");
        return attachHost(ctx, host::postLog, service, options);
    }
}
