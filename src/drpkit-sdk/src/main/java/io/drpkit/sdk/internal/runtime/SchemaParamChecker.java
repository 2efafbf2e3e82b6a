package io.drpkit.sdk.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.config.InvalidParamsException;
import io.drpkit.sdk.config.ParamValidator;
import io.drpkit.sdk.config.ValidationError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Checks params against the definition's declared schemas before provider code runs
 * (CNPG-I's validate + mutate + validate-change): required params present, present declared
 * params valid, absent optional params defaulted, immutable params unchanged. {@code /config}
 * problems are Code 400, action problems 422. Thread-safe.
 */
final class SchemaParamChecker implements ParamChecker {
    private final ProviderDefinition definition;
    private final CompletableFuture<ParamValidator> validator = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();

    SchemaParamChecker(ProviderDefinition definition) {
        this.definition = definition;
    }

    /**
     * Starts compiling the schemas on a background thread: that is most of the JSON Schema
     * library's start-up. {@code listen} calls it right after {@code READY!}, so neither
     * {@code READY!} nor (usually) the first {@code /config} waits for it; the first check waits
     * for what is left.
     */
    @Override
    public void prepare() {
        if (started.compareAndSet(false, true)) {
            CompletableFuture.runAsync(this::compile);
        }
    }

    private void compile() {
        try {
            validator.complete(ParamValidator.of(definition.params().values()));
        } catch (RuntimeException | Error e) {
            validator.completeExceptionally(e);
        }
    }

    private ParamValidator validator() {
        if (started.compareAndSet(false, true)) {
            compile(); // nobody called prepare(): compile on this thread
        }
        try {
            return validator.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new PluginException(500, "the declared param schemas cannot be used: " + cause.getMessage());
        }
    }

    @Override
    public Params checkConfig(Map<String, JsonNode> params, Optional<Config> previous) {
        Set<String> checked = new LinkedHashSet<>(params.keySet());
        checked.retainAll(definition.params().keySet());
        Params effective;
        List<ValidationError> changes = previous.map(p -> immutableChanges(p.params(), params)).orElse(List.of());
        try {
            effective = validator().validate(params, definition.requiredParams(), definition.optionalParams(),
                    checked, 400, "plugins", definition.name());
        } catch (InvalidParamsException e) {
            if (changes.isEmpty()) {
                throw e;
            }
            List<ValidationError> all = new ArrayList<>(e.errors());
            all.addAll(changes);
            throw new InvalidParamsException(400, "plugins", definition.name(), all);
        }
        if (!changes.isEmpty()) {
            throw new InvalidParamsException(400, "plugins", definition.name(), changes);
        }
        return effective;
    }

    @Override
    public Params checkAction(ActionSpec spec, Map<String, JsonNode> params) {
        List<String> declared = new ArrayList<>(spec.requiredParams());
        declared.addAll(spec.optionalParams());
        return validator().validate(params, spec.requiredParams(), spec.optionalParams(), declared, 422,
                spec.isSystemLevel() ? "system" : spec.model(), spec.command());
    }

    private List<ValidationError> immutableChanges(Params before, Map<String, JsonNode> after) {
        List<ValidationError> out = new ArrayList<>();
        for (String name : definition.immutableParams()) {
            Optional<JsonNode> was = before.raw(name);
            JsonNode given = after.get(name);
            // compare effective values: an omitted param means its default
            Optional<JsonNode> now = given != null && !given.isNull() ? Optional.of(given)
                    : definition.params().get(name).defaultValue();
            if (!was.equals(now) && !(was.isPresent() && now.isPresent() && sameNumber(was.get(), now.get()))) {
                boolean secure = definition.params().get(name).secure();
                out.add(ValidationError.of(name, "cannot change after the first configuration (was "
                        + was.map(v -> secure ? Params.HIDDEN : v.toString()).orElse("unset") + ", now "
                        + now.map(v -> secure ? Params.HIDDEN : v.toString()).orElse("unset") + ")"));
            }
        }
        return out;
    }

    private static boolean sameNumber(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
}
