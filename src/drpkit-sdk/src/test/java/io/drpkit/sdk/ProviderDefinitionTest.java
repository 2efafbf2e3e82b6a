package io.drpkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drpkit.sdk.model.PluginProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderDefinitionTest {
    private static final ActionHandler OK = r -> "ok";

    @Test
    void buildsTheWireDefinitionInDeclarationOrder() {
        PluginProvider p = ProviderDefinition.builder("incrementer", "v4.8.0")
                .param(spec("incrementer/step", "integer"))
                .param(spec("incrementer/parameter", "string"))
                .param(spec("incrementer/touched", "integer"))
                .action(ActionSpec.builder("machines", "increment")
                        .optionalParams("incrementer/step", "incrementer/parameter").build(), OK)
                .action(ActionSpec.builder("machines", "reset_count").requiredParams("incrementer/touched").build(), OK)
                .action(ActionSpec.system("incrstatus").build(), OK)
                .build().toPluginProvider();
        assertThat(p.name()).isEqualTo("incrementer");
        assertThat(p.pluginVersion()).isEqualTo(4);
        assertThat(p.hasPublish()).isFalse();
        assertThat(p.availableActions()).extracting(a -> a.command())
                .containsExactly("increment", "reset_count", "incrstatus");
        assertThat(p.availableActions().get(2).model()).isEmpty();
        assertThat(p.availableActions().get(0).optionalParams())
                .containsExactly("incrementer/step", "incrementer/parameter");
    }

    @Test
    void rejectsBlankNameAndVersionListingEveryProblem() {
        assertThatThrownBy(() -> ProviderDefinition.builder(" ", "").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provider name is blank")
                .hasMessageContaining("provider version is blank");
    }

    @Test
    void rejectsDuplicateCommands() {
        assertThatThrownBy(() -> ProviderDefinition.builder("p", "1")
                .action(ActionSpec.builder("machines", "poweron").build(), OK)
                .action(ActionSpec.builder("plugins", "poweron").build(), OK)
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("action command poweron is declared twice");
    }

    @Test
    void rejectsAnActionWithoutHandler() {
        assertThatThrownBy(() -> ProviderDefinition.builder("p", "1")
                .action(ActionSpec.builder("machines", "poweron").build(), null).build())
                .hasMessageContaining("action machines:poweron has no handler");
    }

    @Test
    void rejectsHasPublishTogetherWithAnEventSubscriber() {
        EventSubscriber subscriber = new EventSubscriber() {
            @Override
            public List<String> selections(Config config) {
                return List.of("machines.*.*");
            }

            @Override
            public void onEvent(io.drpkit.sdk.model.Event event) {
            }
        };
        assertThatThrownBy(() -> ProviderDefinition.builder("p", "1")
                .legacyPublisher(e -> { })
                .eventSubscriber(subscriber)
                .build())
                .hasMessageContaining("both a legacy publisher (HasPublish) and an event subscriber");
    }

    @Test
    void legacyPublisherSetsHasPublish() {
        assertThat(ProviderDefinition.builder("p", "1").legacyPublisher(e -> { }).build()
                .toPluginProvider().hasPublish()).isTrue();
    }

    @Test
    void rejectsProviderParamsListedTwice() {
        assertThatThrownBy(() -> ProviderDefinition.builder("p", "1").param(spec("a/b", "string"))
                .requiredParams("a/b").optionalParams("a/b").build())
                .hasMessageContaining("provider param a/b is listed twice");
    }

    @Test
    void anActionNamingAnUndeclaredParamFailsToBuildNamingIt() {
        assertThatThrownBy(() -> ProviderDefinition.builder("p", "1")
                .param(spec("p/known", "string"))
                .action(ActionSpec.builder("machines", "poke").optionalParams("p/known", "p/typo").build(), OK)
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("action poke names param p/typo, which is not declared")
                .hasMessageNotContaining("p/known,");
    }

    @Test
    void undeclaredProviderAndImmutableParamsAreRejected() {
        assertThatThrownBy(() -> ProviderDefinition.builder("p", "1").requiredParams("p/token")
                .immutableParams("p/region").build())
                .hasMessageContaining("provider param p/token is not declared")
                .hasMessageContaining("immutable param p/region is not declared");
    }

    @Test
    void paramsDeclaredInTheContentPackCount() {
        io.drpkit.sdk.content.ContentPack pack = io.drpkit.sdk.content.ContentPack.of(
                "meta:\n  Name: p\nsections:\n  params:\n    p/step:\n      Name: p/step\n      Schema:\n        type: integer\n");
        ProviderDefinition def = ProviderDefinition.builder("p", "1").content(pack)
                .action(ActionSpec.builder("machines", "poke").optionalParams("p/step").build(), OK).build();
        assertThat(def.params()).containsOnlyKeys("p/step");
    }

    static io.drpkit.sdk.config.ParamSpec spec(String name, String type) {
        return io.drpkit.sdk.config.ParamSpec.of(name,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", type));
    }
}
