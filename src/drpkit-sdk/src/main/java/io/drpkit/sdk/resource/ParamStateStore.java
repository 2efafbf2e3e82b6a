package io.drpkit.sdk.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.internal.json.DrpJson;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link StateStore} that keeps each target's state as one param on the DRP object of the same
 * key, e.g. param {@code runbook/resource-state} on {@code machines/<uuid>}. The state lives with
 * the machine, is visible through the DRP API and goes away with it. Declare the param in the
 * provider's content (type {@code object}) so DRP accepts it.
 *
 * <p>Reads use the object's own params only (no profile or global aggregation); a JSON
 * {@code null} param reads as no state. Each call asks {@code api} for the current session, so
 * the store can be built before {@code /config} delivers one. Thread-safe, as {@link DrpApi} is.
 *
 * <pre>{@code
 * StateStore store = new ParamStateStore(() -> provider.api(), "machines", "runbook/resource-state");
 * }</pre>
 *
 * @since 0.1
 */
public final class ParamStateStore implements StateStore {
    private final Supplier<DrpApi> api;
    private final String prefix;
    private final String param;

    /**
     * @param api supplies the current DRP session
     * @param prefix the objects' prefix, e.g. {@code machines}; target keys are their keys
     * @param param the param holding the state, e.g. {@code runbook/resource-state}
     * @throws IllegalArgumentException if the prefix or the param name is blank
     */
    public ParamStateStore(Supplier<DrpApi> api, String prefix, String param) {
        this.api = Objects.requireNonNull(api, "api == null");
        this.prefix = Objects.requireNonNull(prefix, "prefix == null");
        this.param = Objects.requireNonNull(param, "param == null");
        if (prefix.isBlank()) {
            throw new IllegalArgumentException("object prefix is blank");
        }
        if (param.isBlank()) {
            throw new IllegalArgumentException("param name is blank");
        }
    }

    public String prefix() {
        return prefix;
    }

    public String param() {
        return param;
    }

    /**
     * @throws IllegalStateException if the param does not hold a resource manager state or no
     *     DRP session is available
     */
    @Override
    public Optional<ManagerState> load(String targetKey) {
        Optional<JsonNode> value = api().param(prefix, checked(targetKey), param, false);
        if (value.isEmpty() || value.get().isNull() || value.get().isMissingNode()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DrpJson.convert(value.get(), ManagerState.class));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("param " + param + " on " + prefix + "/" + targetKey
                    + " is not a resource manager state: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String targetKey, ManagerState state) {
        Objects.requireNonNull(state, "state == null");
        api().setParam(prefix, checked(targetKey), param, DrpJson.toTree(state));
    }

    @Override
    public void delete(String targetKey) {
        api().deleteParam(prefix, checked(targetKey), param);
    }

    @Override
    public String toString() {
        return "ParamStateStore{" + prefix + "/*/params/" + param + "}";
    }

    private DrpApi api() {
        DrpApi session = api.get();
        if (session == null) {
            throw new IllegalStateException("no DRP API session to keep param " + param
                    + " on " + prefix + " (has the provider been configured?)");
        }
        return session;
    }

    private static String checked(String targetKey) {
        Objects.requireNonNull(targetKey, "targetKey == null");
        if (targetKey.isBlank()) {
            throw new IllegalArgumentException("target key is blank");
        }
        return targetKey;
    }
}
