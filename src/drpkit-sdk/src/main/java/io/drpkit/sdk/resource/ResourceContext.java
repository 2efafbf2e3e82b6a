package io.drpkit.sdk.resource;

import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.Params;
import org.slf4j.Logger;

/**
 * What every resource callback knows: which resource it runs for and on which target. A context
 * is valid only while its callback runs, and is meant for the callback's thread; the one
 * exception is {@link CreateContext#save}, which is thread-safe.
 *
 * @since 0.1
 */
public interface ResourceContext {
    /** The name of the resource this callback runs for. */
    String resourceName();

    /** The target's key, under which its state is stored (e.g. a machine UUID). */
    String targetKey();

    /** The target object passed to the manager operation. */
    Object target();

    /**
     * The target as {@code type}.
     *
     * @throws IllegalStateException if the target is not a {@code type}
     */
    <X> X target(Class<X> type);

    /**
     * The DRP session of the action (or event, or task) this operation runs for, as given in its
     * {@link OperationContext}.
     *
     * @throws IllegalStateException if the operation was given none ({@link OperationContext#none()})
     * @since 0.2
     */
    DrpApi api();

    /** The params of the operation's {@link OperationContext}; empty when it has none. @since 0.2 */
    Params params();

    /** The operation's logger; never null. @since 0.2 */
    Logger logger();
}
