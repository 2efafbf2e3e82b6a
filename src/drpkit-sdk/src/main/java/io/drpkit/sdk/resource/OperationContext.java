package io.drpkit.sdk.resource;

import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.Params;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link ResourceManager} operation passes on to every create, destroy and status
 * function it calls ({@link ResourceContext#api()}, {@link ResourceContext#params()},
 * {@link ResourceContext#logger()}): the DRP session, the params and the logger of the action
 * (or event, or background task) the operation runs for. Immutable and thread-safe.
 *
 * <pre>{@code
 * Object publish(ActionRequest request) {
 *     return manager.createAll(request.targetKey().orElseThrow(), OperationContext.of(request));
 * }
 * }</pre>
 *
 * @since 0.2
 */
public final class OperationContext {
    private static final Logger DEFAULT_LOGGER = LoggerFactory.getLogger(ResourceManager.class);
    private static final OperationContext NONE = new OperationContext(null, Params.empty(), DEFAULT_LOGGER);

    private final DrpApi api;
    private final Params params;
    private final Logger logger;

    private OperationContext(DrpApi api, Params params, Logger logger) {
        this.api = api;
        this.params = params;
        this.logger = logger;
    }

    /** No session, no params, the {@code ResourceManager} logger: what the one-argument operations use. */
    public static OperationContext none() {
        return NONE;
    }

    /** The action's session and checked params; the logger of the resource package. */
    public static OperationContext of(ActionRequest request) {
        Objects.requireNonNull(request, "request == null");
        return new OperationContext(request.api(), request.params(), DEFAULT_LOGGER);
    }

    /** The configuration's session and params (for work outside an action, e.g. an event). */
    public static OperationContext of(Config config) {
        Objects.requireNonNull(config, "config == null");
        return new OperationContext(config.api(), config.params(), DEFAULT_LOGGER);
    }

    /** {@code session} and {@code params}, logging to {@code logger}. */
    public static OperationContext of(DrpApi session, Params params, Logger logger) {
        return new OperationContext(Objects.requireNonNull(session, "session == null"),
                Objects.requireNonNull(params, "params == null"), Objects.requireNonNull(logger, "logger == null"));
    }

    /** A copy logging to {@code logger}. */
    public OperationContext withLogger(Logger logger) {
        return new OperationContext(api, params, Objects.requireNonNull(logger, "logger == null"));
    }

    /** The DRP session, if the operation was given one. */
    public Optional<DrpApi> api() {
        return Optional.ofNullable(api);
    }

    public Params params() {
        return params;
    }

    public Logger logger() {
        return logger;
    }

    @Override
    public String toString() {
        return "OperationContext{api=" + (api == null ? "none" : api.endpoint()) + ", params=" + params.names() + "}";
    }
}
