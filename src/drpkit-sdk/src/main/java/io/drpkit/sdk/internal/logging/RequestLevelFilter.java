package io.drpkit.sdk.internal.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.Locale;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.spi.MDCAdapter;

/**
 * The per-request level of spec §3.3 ({@code X-Log-Request}): while the current thread's MDC
 * holds {@value Logging#MDC_LEVEL} (e.g. {@code trace}), lines at or above that level pass and
 * lines below it are dropped, whatever the logger levels say; without it, the logger levels
 * decide (root {@code debug} by default). Libraries kept quiet at WARN stay so even inside a
 * traced request, or a traced request would forward Undertow's own trace output.
 *
 * <p>Runs on every logging call, including disabled ones ({@code isTraceEnabled()}), so it does
 * one MDC lookup and nothing else in the common case. Thread-safe.
 */
final class RequestLevelFilter extends TurboFilter {
    private final List<String> quietPrefixes;

    RequestLevelFilter(List<String> quietPrefixes) {
        this.quietPrefixes = List.copyOf(quietPrefixes);
        setName("drpkit-request-level");
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level == null) {
            return FilterReply.NEUTRAL;
        }
        MDCAdapter mdc = logger.getLoggerContext().getMDCAdapter();
        String requested = mdc == null ? MDC.get(Logging.MDC_LEVEL) : mdc.get(Logging.MDC_LEVEL);
        if (requested == null) {
            return FilterReply.NEUTRAL;
        }
        Level threshold = parse(requested);
        if (threshold == null || isQuiet(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        return level.isGreaterOrEqual(threshold) ? FilterReply.ACCEPT : FilterReply.DENY;
    }

    private boolean isQuiet(String name) {
        for (String prefix : quietPrefixes) {
            if (name.startsWith(prefix) && (name.length() == prefix.length() || name.charAt(prefix.length()) == '.')) {
                return true;
            }
        }
        return false;
    }

    /**
     * DRP's level names (spec §3.3: trace, debug, info, warn, error, err, fatal, panic, audit;
     * any case), or null when not one. fatal, panic and audit map to ERROR: logback has nothing
     * above it.
     */
    static Level parse(String drpLevel) {
        return switch (drpLevel.trim().toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn", "warning" -> Level.WARN;
            case "error", "err", "fatal", "panic", "audit" -> Level.ERROR;
            default -> null;
        };
    }
}
