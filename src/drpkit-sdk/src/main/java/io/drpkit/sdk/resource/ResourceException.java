package io.drpkit.sdk.resource;

import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.model.DrpError;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ResourceManager} operation failed. The DRP error (type {@code ResourceError}, key =
 * the target's key) carries one message per fact, first what failed and why, e.g.
 * <pre>
 * create of resource "file" for target "m1" failed: IOException: disk full
 * rollback: destroy of resource "dir" failed: IOException: busy
 * kept for a later destroyAll: dir
 * </pre>
 * Code 500, or 409 when {@code createAll} finds resources still recorded for the target.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ResourceException extends PluginException {
    private static final long serialVersionUID = 1L;
    static final String TYPE = "ResourceError";

    private final String target;
    private final String resource;
    private final List<String> remaining;

    ResourceException(int code, String target, String resource, List<String> messages,
                      List<String> remaining, Throwable cause) {
        super(DrpError.builder(code, TYPE).key(target).messages(messages).build(), cause);
        this.target = Objects.requireNonNull(target, "target == null");
        this.resource = resource == null ? "" : resource;
        this.remaining = List.copyOf(remaining);
    }

    /** The key of the target the operation ran on. */
    public String target() {
        return target;
    }

    /** The resource whose create or destroy failed first, if the failure was in one. */
    public Optional<String> resource() {
        return resource.isEmpty() ? Optional.empty() : Optional.of(resource);
    }

    /**
     * The resources still recorded for the target after the operation, in creation order; a
     * later {@link ResourceManager#destroyAll} retries them. Empty when nothing is left.
     */
    public List<String> remaining() {
        return remaining;
    }
}
