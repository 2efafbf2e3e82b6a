package io.drpkit.sdk.internal.events;

import io.drpkit.sdk.internal.logging.Logging;
import org.slf4j.MDC;

/**
 * Runs a log statement with {@code IgnorePublish} set on its lines (spec §4.3). The stream's
 * own lines must not become DRP events: with a broad selection such as {@code *.*.*}, a warning
 * about dropped events that DRP re-published would come back through the very stream it is
 * about (the Go SDK hands its event handler a no-republish logger for the same reason).
 */
final class NoRepublish {
    private NoRepublish() {
    }

    static void log(Runnable statement) {
        String previous = MDC.get(Logging.MDC_IGNORE_PUBLISH);
        MDC.put(Logging.MDC_IGNORE_PUBLISH, "true");
        try {
            statement.run();
        } finally {
            if (previous == null) {
                MDC.remove(Logging.MDC_IGNORE_PUBLISH);
            } else {
                MDC.put(Logging.MDC_IGNORE_PUBLISH, previous);
            }
        }
    }
}
