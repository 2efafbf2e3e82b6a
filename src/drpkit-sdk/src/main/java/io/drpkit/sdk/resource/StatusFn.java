package io.drpkit.sdk.resource;

import io.drpkit.sdk.status.ResourceStatus;

/**
 * Checks one created resource. Runs on the thread that called {@link ResourceManager#statusAll},
 * holding that target's lock, so keep it short. Throwing, or returning {@code null}, reports the
 * resource as {@code UNKNOWN} with the reason.
 *
 * <pre>{@code
 * .status(ctx -> Files.isDirectory(Path.of(ctx.state().path()))
 *         ? ctx.report(Health.READY).build()
 *         : ctx.report(Health.MISSING).healthMessage(ctx.state().path() + " is gone").build())
 * }</pre>
 *
 * @param <S> the resource's state type
 * @since 0.1
 */
@FunctionalInterface
public interface StatusFn<S> {
    ResourceStatus status(StatusContext<S> ctx) throws Exception;
}
