package io.drpkit.sdk.resource;

import io.drpkit.sdk.status.Health;
import io.drpkit.sdk.status.ResourceStatus;

/**
 * What a {@link StatusFn} gets: the complete state of a created resource and a pre-filled
 * report. Valid only until the status function returns, and only on the thread that called it
 * (not thread-safe).
 *
 * @param <S> the resource's state type
 * @since 0.1
 */
public interface StatusContext<S> extends ResourceContext {
    /** The state create returned. */
    S state();

    /**
     * A {@link ResourceStatus} builder with {@code health} and the resource's name, type,
     * recorded state and created time filled in. Replace the state with a {@code NullNode} if
     * it holds anything that must not be shown.
     */
    ResourceStatus.Builder report(Health health);
}
