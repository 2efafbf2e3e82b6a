package io.drpkit.sdk.resource;

/**
 * Destroys one resource of a target. Runs on the thread that called
 * {@link ResourceManager#destroyAll} or {@link ResourceManager#createAll} (rollback), holding
 * that target's lock.
 *
 * <p>Contract: destroy is called for every resource whose create was started, including one
 * whose create failed or was cut short, so its state may be partial or absent
 * ({@link DestroyContext#createCompleted()}). It must be idempotent: something already gone is
 * success. Throwing keeps the resource's record for a later retry.
 *
 * @param <S> the resource's state type
 * @since 0.1
 */
@FunctionalInterface
public interface DestroyFn<S> {
    void destroy(DestroyContext<S> ctx) throws Exception;
}
