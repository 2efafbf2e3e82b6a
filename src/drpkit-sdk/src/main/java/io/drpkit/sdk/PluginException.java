package io.drpkit.sdk;

import io.drpkit.sdk.model.DrpError;
import java.util.Objects;

/**
 * The one exception a provider throws to answer with a DRP error. The runtime sends
 * {@link #error()} to the host (a {@code Code} outside 100–599 becomes 500, keeping the
 * messages). Any other exception escaping a handler becomes a 500 naming the exception.
 * Its error is immutable; safe to share between threads once thrown.
 *
 * @since 0.1
 */
public class PluginException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient DrpError error;

    public PluginException(DrpError error) {
        super(Objects.requireNonNull(error, "error == null").toString());
        this.error = error;
    }

    public PluginException(DrpError error, Throwable cause) {
        super(Objects.requireNonNull(error, "error == null").toString(), cause);
        this.error = error;
    }

    /** An error with {@code code}, type {@code plugin} and one message. */
    public PluginException(int code, String message) {
        this(DrpError.of(code, "plugin", Objects.requireNonNull(message, "message == null")));
    }

    /** The error sent to the host. */
    public DrpError error() {
        return error;
    }
}
