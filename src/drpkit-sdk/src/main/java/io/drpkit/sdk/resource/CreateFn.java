package io.drpkit.sdk.resource;

/**
 * Creates one resource for a target and returns its state. Runs on the thread that called
 * {@link ResourceManager#createAll}, holding that target's lock.
 *
 * <p>Contract: return a non-null state that Jackson can write and read back (a record is
 * ideal). Throwing, or returning {@code null}, fails the create; the manager then calls destroy
 * for this resource too, with whatever {@link CreateContext#save} recorded. A resource shared
 * beyond one target should "look up or create" here and have a no-op destroy.
 *
 * @param <S> the resource's state type
 * @since 0.1
 */
@FunctionalInterface
public interface CreateFn<S> {
    S create(CreateContext<S> ctx) throws Exception;
}
