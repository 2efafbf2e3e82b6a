package io.drpkit.sdk.internal.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.drpkit.sdk.model.LogLine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;

/**
 * Turns each logback event into a spec §5.4 line and hands it to the forwarder's queue. Does no
 * I/O for forwarded lines and takes no lock of its own (unsynchronized), so a logging call costs
 * the line's formatting plus one short queue append.
 *
 * <p>Never recursion: events logged on the sender thread, and events of the HTTP client
 * ({@code okhttp3}), the socket library ({@code org.newsclub}) and this package are not
 * forwarded — sending them could log again, and again. They are written to stderr instead
 * (unless the console appender is still attached, which prints them already).
 *
 * <p>Messages (with a thrown exception's stack trace) are masked by the forwarder
 * ({@link HostLogForwarder#offer}, {@link HostLogForwarder#writeUnforwarded}).
 *
 * <p>{@code File}/{@code Line}: the calling source line when the event already has caller data
 * or the forwarder asks for it; otherwise the logger name and 0, because computing caller data
 * walks the stack on every call.
 */
final class HostLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final List<String> NOT_FORWARDED = List.of("okhttp3.", "org.newsclub.",
            HostLogAppender.class.getPackageName() + ".");

    private final HostLogForwarder forwarder;
    private final boolean callerData;
    private final boolean writeUnforwarded;

    HostLogAppender(HostLogForwarder forwarder, boolean callerData, boolean writeUnforwarded) {
        this.forwarder = forwarder;
        this.callerData = callerData;
        this.writeUnforwarded = writeUnforwarded;
        setName("drpkit-host");
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (forwarder.isSenderThread() || !forwardable(event.getLoggerName())) {
            if (writeUnforwarded) {
                forwarder.writeUnforwarded(toLine(event, forwarder.service()));
            }
            return;
        }
        forwarder.offer(toLine(event, forwarder.service()));
    }

    static boolean forwardable(String loggerName) {
        for (String prefix : NOT_FORWARDED) {
            if (loggerName.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** The line for {@code event}, {@code Seq} 0 (the queue assigns it). */
    LogLine toLine(ILoggingEvent event, String service) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        String file = event.getLoggerName();
        int lineNo = 0;
        if (callerData || event.hasCallerData()) {
            StackTraceElement[] caller = event.getCallerData();
            if (caller != null && caller.length > 0) {
                file = caller[0].getFileName() == null ? caller[0].getClassName() : caller[0].getFileName();
                lineNo = Math.max(caller[0].getLineNumber(), 0);
            }
        }
        String message = event.getFormattedMessage();
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            message = (message == null ? "" : message + "\n") + ThrowableProxyUtil.asString(thrown);
        }
        return new LogLine(group(mdc.get(Logging.MDC_GROUP)), 0, Instant.ofEpochMilli(event.getTimeStamp()),
                service, mdc.getOrDefault(Logging.MDC_PRINCIPAL, ""), level(event), file, lineNo, message,
                List.of(), "true".equalsIgnoreCase(mdc.get(Logging.MDC_IGNORE_PUBLISH)));
    }

    /**
     * Lower-case DRP level; a marker named like {@link Logging#AUDIT} or {@link Logging#FATAL}
     * (by name, so any SLF4J marker of that name works) overrides.
     */
    static String level(ILoggingEvent event) {
        List<Marker> markers = event.getMarkerList();
        if (markers != null) {
            for (Marker m : markers) {
                if (m.contains(Logging.AUDIT.getName())) {
                    return "audit";
                }
                if (m.contains(Logging.FATAL.getName())) {
                    return "fatal";
                }
            }
        }
        Level l = event.getLevel();
        if (l == Level.TRACE) {
            return "trace";
        } else if (l == Level.DEBUG) {
            return "debug";
        } else if (l == Level.INFO) {
            return "info";
        } else if (l == Level.WARN) {
            return "warn";
        }
        return "error";
    }

    private static long group(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
