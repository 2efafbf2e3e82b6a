package io.drpkit.sdk.internal.events;

/** The event stream could not be opened or registered; the message says what and why. */
public final class EventStreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean registration;

    EventStreamException(String message) {
        this(message, null, false);
    }

    EventStreamException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private EventStreamException(String message, Throwable cause, boolean registration) {
        super(message, cause);
        this.registration = registration;
    }

    /** The stream opened but registering the selections failed (spec §3.4 step 7 tells the two apart). */
    public static EventStreamException registration(String message) {
        return new EventStreamException(message, null, true);
    }

    public boolean isRegistration() {
        return registration;
    }
}
