package io.drpkit.sdk.internal.cli;

import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.EnvironmentValidator;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.ValidationContext;
import io.drpkit.sdk.internal.json.PrettyJson;
import io.drpkit.sdk.model.PluginProvider;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code define}: prints the definition as indented JSON and one newline (spec §1.1). With an
 * environment validator and {@code RS_TOKEN} other than {@code catalog}, the validator's result
 * is printed instead; such a provider cannot have its {@code define} rendered by the build
 * ({@link RenderedDefine#BUILD_PROPERTY}).
 */
@Command(name = "define", mixinStandardHelpOptions = true,
        description = "Print the provider definition (PluginProvider JSON) on stdout.")
final class DefineCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(arity = "0..*", hidden = true, description = "Ignored, as by the Go SDK.")
    java.util.List<String> ignored;

    DefineCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        PluginProvider definition = ctx.definition().toPluginProvider();
        Optional<EnvironmentValidator> validator = ctx.definition().validator();
        ProviderEnvironment env = ctx.environment();
        if (validator.isPresent() && Boolean.getBoolean(RenderedDefine.BUILD_PROPERTY)) {
            throw new IllegalStateException("provider " + definition.name() + " has an environment validator,"
                    + " so its define depends on RS_TOKEN and the DRP it names and cannot be rendered when it"
                    + " is built: set <renderDefine>false</renderDefine> in the drpkit-maven-plugin's configuration");
        }
        if (validator.isPresent() && !env.isCatalog()) {
            if (env.token().isEmpty()) {
                throw new PluginException(400, "Must have a token specified");
            }
            DrpApi api = ctx.apiFactory().apply(env);
            definition = validator.get().validate(new ValidationContext(definition, env, api));
            if (definition == null) {
                throw new IllegalStateException("the environment validator returned no definition");
            }
        }
        ctx.out().print(PrettyJson.pluginProvider(definition) + "\n");
        return 0;
    }
}
