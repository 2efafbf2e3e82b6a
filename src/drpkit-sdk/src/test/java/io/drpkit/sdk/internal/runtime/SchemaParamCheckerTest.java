package io.drpkit.sdk.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.config.InvalidParamsException;
import io.drpkit.sdk.config.ParamSpec;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaParamCheckerTest {
    private static ProviderDefinition definition(String schema) {
        return ProviderDefinition.builder("p", "1")
                .param(ParamSpec.of("p/step", schema))
                .immutableParams("p/step")
                .optionalParams("p/step")
                .action(ActionSpec.builder("machines", "poke").requiredParams("p/step").build(), r -> "ok")
                .build();
    }

    @Test
    void anUnusableSchemaFailsTheFirstCheckNamingTheParam() {
        ParamChecker checker = ParamCheckers.forDefinition(definition("{\"type\":\"integr\"}"));
        assertThatThrownBy(() -> checker.checkConfig(Map.of(), Optional.empty()))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(500);
                    assertThat(e.error().messages()).singleElement().asString().contains("param p/step has an invalid schema");
                });
    }

    @Test
    void configProblemsAre400AndActionProblems422() {
        ParamChecker checker = ParamCheckers.forDefinition(definition("{\"type\":\"integer\",\"default\":1}"));
        var bad = Map.of("p/step", (com.fasterxml.jackson.databind.JsonNode) JsonNodeFactory.instance.textNode("x"));
        assertThatThrownBy(() -> checker.checkConfig(bad, Optional.empty()))
                .isInstanceOfSatisfying(InvalidParamsException.class, e -> assertThat(e.error().code()).isEqualTo(400));
        assertThatThrownBy(() -> checker.checkAction(definition("{\"type\":\"integer\"}").action("poke").orElseThrow(), Map.of()))
                .isInstanceOfSatisfying(InvalidParamsException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(422);
                    assertThat(e.error().messages()).containsExactly("p/step: required but not set");
                });
        assertThat(checker.checkConfig(Map.of(), Optional.empty()).integer("p/step")).isEqualTo(1);
    }

    @Test
    void anImmutableParamCannotChangeAfterTheFirstConfigurationButMayStayTheSame() {
        ParamChecker checker = ParamCheckers.forDefinition(definition("{\"type\":\"integer\",\"default\":1}"));
        var api = (io.drpkit.sdk.DrpApi) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {io.drpkit.sdk.DrpApi.class}, (x, m, a) -> { throw new UnsupportedOperationException(); });
        var host = (io.drpkit.sdk.Host) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {io.drpkit.sdk.Host.class}, (x, m, a) -> { throw new UnsupportedOperationException(); });
        io.drpkit.sdk.Config first = io.drpkit.sdk.Config.builder("p", api, host,
                        io.drpkit.sdk.ProviderEnvironment.from(Map.of(), java.nio.file.Path.of("/tmp")))
                .params(checker.checkConfig(Map.of("p/step", JsonNodeFactory.instance.numberNode(2)), Optional.empty()))
                .build();

        assertThat(checker.checkConfig(Map.of("p/step", JsonNodeFactory.instance.numberNode(2.0)), Optional.of(first))
                .integer("p/step")).isEqualTo(2);
        assertThatThrownBy(() -> checker.checkConfig(Map.of("p/step", JsonNodeFactory.instance.numberNode(3)), Optional.of(first)))
                .isInstanceOfSatisfying(InvalidParamsException.class, e -> assertThat(e.error().messages())
                        .containsExactly("p/step: cannot change after the first configuration (was 2, now 3)"));
        assertThatThrownBy(() -> checker.checkConfig(Map.of(), Optional.of(first)))
                .as("omitting it means its default, 1, which is a change too")
                .isInstanceOf(InvalidParamsException.class);
    }
}
