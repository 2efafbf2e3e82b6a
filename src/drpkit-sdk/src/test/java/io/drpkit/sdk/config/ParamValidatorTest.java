package io.drpkit.sdk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.internal.json.DrpJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamValidatorTest {
    private static JsonNode json(String s) {
        try {
            return DrpJson.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final ParamValidator VALIDATOR = ParamValidator.of(List.of(
            ParamSpec.of("incrementer/step", json("{\"type\":\"integer\",\"minimum\":1,\"default\":1}")),
            ParamSpec.of("incrementer/parameter", json("{\"type\":\"string\",\"default\":\"incrementer/default\"}")),
            ParamSpec.of("runbook/events", json("{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
                    + "\"default\":[\"machines.create.*\"]}"))));

    private static Map<String, JsonNode> values(String json) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        json(json).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    private static Params validate(String json) {
        return VALIDATOR.validate(values(json), List.of(), List.of("incrementer/step", "incrementer/parameter",
                "runbook/events"), List.of("incrementer/step", "incrementer/parameter", "runbook/events"), 422,
                "machines", "increment");
    }

    @Test
    void typeErrorsNameTheParamTheExpectedTypeAndTheValue() {
        assertThat(VALIDATOR.check("incrementer/step", json("\"two\"")))
                .extracting(ValidationError::message).containsExactly("incrementer/step: expected integer, got \"two\"");
        assertThat(VALIDATOR.check("incrementer/step", json("2.5")))
                .extracting(ValidationError::message).containsExactly("incrementer/step: expected integer, got 2.5");
        assertThat(VALIDATOR.check("incrementer/step", json("{\"a\":1}")))
                .extracting(ValidationError::message).containsExactly("incrementer/step: expected integer, got {\"a\":1}");
    }

    @Test
    void constraintsAreReportedWithTheValue() {
        assertThat(VALIDATOR.check("incrementer/step", json("-1"))).singleElement()
                .extracting(ValidationError::message).asString()
                .startsWith("incrementer/step: ").contains("minimum").endsWith("got -1");
    }

    @Test
    void nestedProblemsNameThePath() {
        assertThat(VALIDATOR.check("runbook/events", json("[\"a\",3]"))).singleElement()
                .extracting(ValidationError::message).isEqualTo("runbook/events[1]: expected string, got 3");
    }

    @Test
    void integralFloatsAreIntegers() {
        assertThat(VALIDATOR.check("incrementer/step", json("2.0"))).isEmpty();
        assertThat(validate("{\"incrementer/step\":2.0}").integer("incrementer/step")).isEqualTo(2);
    }

    @Test
    void absentOptionalParamsGetTheirSchemaDefault() {
        Params p = validate("{}");
        assertThat(p.integer("incrementer/step")).isEqualTo(1);
        assertThat(p.string("incrementer/parameter")).isEqualTo("incrementer/default");
        assertThat(p.strings("runbook/events")).containsExactly("machines.create.*");
    }

    @Test
    void anExplicitNullIsCheckedAgainstTheSchemaNotDefaulted() {
        assertThatThrownBy(() -> validate("{\"incrementer/step\":null}"))
                .isInstanceOfSatisfying(InvalidParamsException.class, e -> assertThat(e.error().messages())
                        .containsExactly("incrementer/step: expected integer, got null"));
    }

    @Test
    void everyProblemIsReportedAtOnceAsOneException() {
        assertThatThrownBy(() -> VALIDATOR.validate(values("{\"incrementer/step\":\"two\",\"incrementer/parameter\":5}"),
                List.of("runbook/events"), List.of(), List.of("incrementer/step", "incrementer/parameter"), 422,
                "machines", "increment"))
                .isInstanceOfSatisfying(InvalidParamsException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(422);
                    assertThat(e.error().type()).isEqualTo("ValidationError");
                    assertThat(e.error().messages()).containsExactlyInAnyOrder(
                            "runbook/events: required but not set",
                            "incrementer/step: expected integer, got \"two\"",
                            "incrementer/parameter: expected string, got 5");
                });
    }

    @Test
    void anInvalidSchemaFailsWhenBuiltNamingTheParam() {
        assertThatThrownBy(() -> ParamValidator.of(List.of(ParamSpec.of("bad/one", json("{\"type\":\"integr\"}")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("param bad/one has an invalid schema");
    }

    @Test
    void paramsWithoutSchemaAreNotChecked() {
        assertThat(VALIDATOR.check("other/thing", json("\"anything\""))).isEmpty();
    }

    @Test
    void aSecureParamsValueIsNeverInItsErrorsAndItsParamsAreMarkedSecure() throws Exception {
        ParamValidator v = ParamValidator.of(List.of(
                new ParamSpec("ipmi/password", DrpJson.readTree("{\"type\":\"string\",\"minLength\":12}"), true),
                ParamSpec.of("ipmi/port", "{\"type\":\"integer\"}")));
        assertThatThrownBy(() -> v.validate(Map.of("ipmi/password", DrpJson.toTree("hunter2")), List.of(), List.of(),
                List.of("ipmi/password"), 422, "machines", "m"))
                .isInstanceOfSatisfying(InvalidParamsException.class, e -> {
                    assertThat(e.errors()).extracting(ValidationError::message).singleElement().asString()
                            .startsWith("ipmi/password: ").endsWith("got " + Params.HIDDEN).doesNotContain("hunter2");
                    assertThat(e.getMessage()).doesNotContain("hunter2");
                });
        assertThat(v.check("ipmi/password", DrpJson.toTree(42))).extracting(ValidationError::message)
                .containsExactly("ipmi/password: expected string, got " + Params.HIDDEN);
        Params p = v.validate(Map.of("ipmi/password", DrpJson.toTree("correct horse battery"), "ipmi/port", DrpJson.toTree(623)),
                List.of(), List.of(), List.of("ipmi/password", "ipmi/port"), 422, "machines", "m");
        assertThat(p.isSecure("ipmi/password")).isTrue();
        assertThat(p.isSecure("ipmi/port")).isFalse();
        assertThat(p.toString()).contains("ipmi/password=" + Params.HIDDEN, "ipmi/port=623").doesNotContain("horse");
    }
}
