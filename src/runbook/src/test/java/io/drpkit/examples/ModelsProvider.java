package io.drpkit.examples;

import com.fasterxml.jackson.databind.node.TextNode;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.ListQuery;
import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderApp;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.config.ParamSpec;
import io.drpkit.sdk.model.Machine;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A provider using typed DRP objects, list filters, waitFor and secure params through the public
 * SDK only; {@code ModelsIT} runs it as a real process.
 */
public final class ModelsProvider implements Provider {
    public static void main(String[] args) {
        System.exit(ProviderApp.run(new ModelsProvider(), args));
    }

    @Override
    public ProviderDefinition definition() {
        return ProviderDefinition.builder("models", "1.0.0")
                .param(ParamSpec.of("models/stage", "{\"type\":\"string\"}"))
                .param(ParamSpec.of("models/secret", "{\"type\":\"string\"}"))
                .action(ActionSpec.builder("machines", "siblings").build(), this::siblings)
                .action(ActionSpec.builder("machines", "tag").build(), this::tag)
                .action(ActionSpec.builder("machines", "await-stage").requiredParams("models/stage").build(), this::awaitStage)
                .action(ActionSpec.builder("machines", "store-secret").requiredParams("models/secret").build(), this::storeSecret)
                .build();
    }

    /** The names of the other machines in the same stage, by name. */
    private Object siblings(ActionRequest request) {
        Machine me = request.api().machine(request.targetKey().orElseThrow());
        return request.api().list(Machine.class, ListQuery.builder().eq("Stage", me.stage()).ne("Uuid", me.uuid())
                .sort("Name").build()).stream().map(Machine::name).toList();
    }

    /** Read-modify-write of the machine: Meta tagged, everything else left as it is. */
    private Object tag(ActionRequest request) {
        Machine me = request.api().machine(request.targetKey().orElseThrow());
        return request.api().update(me, m -> m.withMeta("models/tagged", "yes")).meta();
    }

    /** Waits (event stream) until the machine is in the stage. */
    private Object awaitStage(ActionRequest request) {
        String stage = request.params().string("models/stage");
        Machine me = request.api().machine(request.targetKey().orElseThrow());
        Machine there = request.api().waitFor(me, m -> m.stage().equals(stage), Duration.ofSeconds(30));
        request.jobLogger().line("machine reached stage " + there.stage());
        return Map.of("Stage", there.stage(), "Name", there.name());
    }

    /** Stores the value as a secure param on the machine and reads it back decoded. */
    private Object storeSecret(ActionRequest request) {
        String uuid = request.targetKey().orElseThrow();
        request.api().setSecureParam("machines", uuid, "models/vault", request.params().string("models/secret"));
        return List.of(request.api().decodedParam("machines", uuid, "models/vault", false).orElse(TextNode.valueOf("")).asText());
    }
}
