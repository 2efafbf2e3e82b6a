package io.drpkit.sdk.internal.events;

/** The event stream could not be opened or registered; the message says what and why. */
public final class EventStreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EventStreamException(String message) {
        super(message);
    }

    EventStreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
