package io.drpkit.sdk.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a {@link DestroyFn} gets: the recorded state, which may be partial or absent, and the
 * states of the resources it requires. Valid only until the destroy function returns, and only
 * on the thread that called it (not thread-safe).
 *
 * @param <S> the resource's state type
 * @since 0.1
 */
public interface DestroyContext<S> extends ResourceContext {
    /**
     * The recorded state: what create returned if {@link #createCompleted()}, otherwise the last
     * {@link CreateContext#save} (empty if there was none).
     *
     * @throws IllegalStateException if the recorded JSON cannot be read as the state class (use
     *     {@link #stateJson()} to clean up anyway)
     */
    Optional<S> state();

    /** The recorded state as JSON; a {@code NullNode} when none was recorded. */
    JsonNode stateJson();

    /** Whether create returned normally, i.e. {@link #state()} is complete. */
    boolean createCompleted();

    /**
     * The recorded state of required resource {@code name} as {@code type}; empty if it has
     * none. Required resources are destroyed after this one, so they still exist.
     *
     * @throws IllegalStateException if {@code name} is not required by this resource, or its
     *     state class is not a {@code type}
     */
    <R> Optional<R> dependency(String name, Class<R> type);
}
