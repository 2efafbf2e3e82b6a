package io.drpkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.json.DrpJson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    private static Params params(String json) throws Exception {
        JsonNode tree = DrpJson.readTree(json);
        Map<String, JsonNode> map = new LinkedHashMap<>();
        tree.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return Params.of(map);
    }

    @Test
    void integralNumbersReadAsIntegersWhateverTheirJsonForm() throws Exception {
        Params p = params("{\"a\":2,\"b\":2.0,\"c\":12345678901}");
        assertThat(p.integer("a")).isEqualTo(2);
        assertThat(p.integer("b")).isEqualTo(2);
        assertThat(p.integer("c")).isEqualTo(12345678901L);
    }

    @Test
    void wrongTypesNameTheParamTheExpectationAndTheValue() throws Exception {
        Params p = params("{\"incrementer/step\":\"two\",\"f\":2.5}");
        assertThatThrownBy(() -> p.integer("incrementer/step"))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("incrementer/step: expected integer, got \"two\"")
                .satisfies(e -> assertThat(((PluginException) e).error().code()).isEqualTo(400));
        assertThatThrownBy(() -> p.integer("f")).hasMessageContaining("f: expected integer, got 2.5");
    }

    @Test
    void absentAndNullAreNotSet() throws Exception {
        Params p = params("{\"n\":null}");
        assertThat(p.has("n")).isFalse();
        assertThat(p.optionalString("n")).isEmpty();
        assertThatThrownBy(() -> p.string("missing")).hasMessageContaining("missing: required but not set");
    }

    @Test
    void listsObjectsAndBinding() throws Exception {
        Params p = params("{\"l\":[\"a\",\"b\"],\"o\":{\"x\":1},\"b\":true}");
        assertThat(p.strings("l")).containsExactly("a", "b");
        assertThat(p.object("o").get("x").intValue()).isEqualTo(1);
        assertThat(p.bool("b")).isTrue();
        assertThat(p.as("o", Map.class)).containsEntry("x", 1);
        assertThatThrownBy(() -> p.strings("o")).hasMessageContaining("o: expected array");
    }

    @Test
    void secureValuesAreHiddenInToStringErrorsAndMaskedText() {
        Params p = Params.of(Map.of("tower/password", DrpJson.toTree("s3cr3t-pw"), "tower/pin", DrpJson.toTree(98765),
                "tower/url", DrpJson.toTree("https://tower")), java.util.Set.of("tower/password", "tower/pin"));
        assertThat(p.toString()).doesNotContain("s3cr3t-pw").doesNotContain("98765").contains("https://tower");
        assertThatThrownBy(() -> p.integer("tower/password")).isInstanceOf(PluginException.class)
                .hasMessageContaining("tower/password: expected integer, got " + Params.HIDDEN).hasMessageNotContaining("s3cr3t");
        assertThat(p.mask("login with s3cr3t-pw and pin 98765 at https://tower"))
                .isEqualTo("login with " + Params.HIDDEN + " and pin " + Params.HIDDEN + " at https://tower");
        assertThat(p.with(Map.of("x", DrpJson.toTree(1))).isSecure("tower/password")).isTrue();
        assertThat(Params.of(Map.of("a", DrpJson.toTree("ab"))).mask("ab")).isEqualTo("ab");
    }
}
