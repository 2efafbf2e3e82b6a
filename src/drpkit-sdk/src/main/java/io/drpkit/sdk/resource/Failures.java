package io.drpkit.sdk.resource;

import io.drpkit.sdk.PluginException;

/** How failures of user callbacks and stores are described and which ones are not handled. */
final class Failures {
    private Failures() {
    }

    /** {@code IOException: disk full}: the class says as much as the message for JDK exceptions. */
    static String describe(Throwable t) {
        if (t instanceof PluginException p && !p.error().messages().isEmpty()) {
            return String.join("; ", p.error().messages());
        }
        String name = t.getClass().getSimpleName().isEmpty() ? t.getClass().getName()
                : t.getClass().getSimpleName();
        String message = t.getMessage();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }

    /**
     * A JVM failure (out of memory, stack overflow, internal error) is rethrown at once, with no
     * rollback: running more user code in that state is unsafe. The write-ahead record stays, as
     * after a crash, for a later destroyAll. Every other throwable is handled.
     */
    static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }
}
