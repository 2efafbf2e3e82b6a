package io.drpkit.sdk.resource;

/**
 * What a {@link CreateFn} gets: the target, the states of the resources it requires, and a way
 * to record progress. Valid only until the create function returns; {@link #save} may be called
 * from other threads meanwhile.
 *
 * @param <S> the resource's state type
 * @since 0.1
 */
public interface CreateContext<S> extends ResourceContext {
    /**
     * The recorded state of resource {@code name}, which this resource must declare with
     * {@link Resource.Builder#requires}, as {@code type}. Each call reads a fresh copy from the
     * recorded JSON, i.e. exactly what a fresh process would see.
     *
     * @throws IllegalStateException if {@code name} is not required by this resource, or its
     *     state class is not a {@code type}
     */
    <R> R dependency(String name, Class<R> type);

    /**
     * Records {@code partialState} as this resource's state now, through the store, before
     * create returns. If create then fails (or the provider stops), destroy gets this state, so
     * save right after acquiring anything destroy must release.
     *
     * @throws ResourceException if the store cannot record it (the state is still kept in memory
     *     for this operation's rollback)
     * @throws IllegalArgumentException if the state cannot be written as JSON
     * @throws IllegalStateException if create has already returned
     */
    void save(S partialState);
}
