package io.drpkit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderApp;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.config.ParamSpec;
import io.drpkit.sdk.model.DrpError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A careless provider: its actions log every secret they have (the configuration's, the action's,
 * one read decoded from the machine), write them to the job log and fail naming them. Through the
 * public SDK only; {@code SecretMaskingIT} runs it as a real process and finds none of them
 * anywhere.
 */
public final class SecretsProvider implements Provider {
    private static final String STRING = "{\"type\":\"string\"}";

    public static void main(String[] args) {
        System.exit(ProviderApp.run(new SecretsProvider(), args));
    }

    @Override
    public ProviderDefinition definition() {
        return ProviderDefinition.builder("secrets", "1.0.0")
                .param(new ParamSpec("secrets/password", ParamSpec.of("x", STRING).schema(), true))
                .param(new ParamSpec("secrets/token", ParamSpec.of("x", STRING).schema(), true))
                .action(ActionSpec.builder("machines", "leak").optionalParams("secrets/token").build(), this::leak)
                .action(ActionSpec.builder("machines", "leak-plugin-error").build(), this::leakPluginError)
                .build();
    }

    /** Logs, job-logs and throws (a RuntimeException, so a 500) every secret it has. */
    private Object leak(ActionRequest request) {
        Logger log = LoggerFactory.getLogger(SecretsProvider.class);
        String password = request.config().params().string("secrets/password");
        String token = request.params().optionalString("secrets/token").orElse("");
        String vault = vault(request);
        log.info("leak: config password {}", password);
        log.info("leak: action token {}", token);
        log.warn("leak: vault says {}", vault, new IllegalStateException("vault " + vault + " in a stack trace"));
        request.jobLogger().line("leak: job log sees " + password + " " + token + " " + vault);
        throw new IllegalStateException("leak: cannot log in with " + password + "/" + token + "/" + vault);
    }

    /** Fails with a PluginException naming the secret it read decoded. */
    private Object leakPluginError(ActionRequest request) {
        String vault = vault(request);
        throw new PluginException(DrpError.builder(422, "plugin").model("machines")
                .key(request.targetKey().orElseThrow()).message("leak: vault " + vault + " rejected").build());
    }

    private static String vault(ActionRequest request) {
        return request.api().decodedParam("machines", request.targetKey().orElseThrow(), "secrets/vault", true)
                .map(JsonNode::asText).orElse("");
    }
}
