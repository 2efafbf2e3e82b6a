package io.drpkit.sdk;

/**
 * Runs one action. Called on a request thread, possibly concurrently with other actions
 * (DRP calls {@code /action} concurrently); implementations must be thread-safe.
 *
 * <p>The returned value is the action's result, serialized as JSON (a number, a string, a map,
 * a record, or {@code null}). Throw {@link PluginException} to answer with a DRP error; any
 * other exception becomes a 500 error naming it, with the stack trace in the log.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ActionHandler {
    Object handle(ActionRequest request) throws Exception;
}
