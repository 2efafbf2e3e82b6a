package io.drpkit.examples;

import io.drpkit.sdk.*;
import io.drpkit.sdk.config.ParamSpec;

/** The README's example provider, compiled and run by {@link HelloTest} so the README stays true. */
public final class Hello implements Provider {
    public static void main(String[] args) {
        System.exit(ProviderApp.run(new Hello(), args));
    }

    @Override
    public ProviderDefinition definition() {
        return ProviderDefinition.builder("hello", "1.0.0")
                .param(ParamSpec.of("hello/name", "{\"type\":\"string\",\"default\":\"world\"}"))
                .action(ActionSpec.builder("machines", "greet")
                        .optionalParams("hello/name").build(), this::greet)
                .build();   // checked here: unique commands, handlers, declared params, valid names ...
    }

    private Object greet(ActionRequest request) {
        String name = request.params().string("hello/name");  // validated against its schema, default applied
        request.api().setParam("machines", request.targetKey().orElseThrow(), "hello/greeted", name);
        return "Hello, " + name;
    }
}
