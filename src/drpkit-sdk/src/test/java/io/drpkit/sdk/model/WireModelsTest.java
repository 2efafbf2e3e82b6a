package io.drpkit.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.json.DrpJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireModelsTest {

    @ParameterizedTest(name = "{0} round-trips byte for byte")
    @CsvSource({
        "error-404.json, io.drpkit.sdk.model.DrpError",
        "error-plugin.json, io.drpkit.sdk.model.DrpError",
        "action.json, io.drpkit.sdk.model.Action",
        "event.json, io.drpkit.sdk.model.Event",
        "logline.json, io.drpkit.sdk.model.LogLine",
        "plugin.json, io.drpkit.sdk.model.Plugin",
        "rawmodel.json, io.drpkit.sdk.model.RawModel",
        "param.json, io.drpkit.sdk.model.Param",
        "pluginprovider-incrementer.json, io.drpkit.sdk.model.PluginProvider",
    })
    void fixtureRoundTripsWithDrpNamesAndOrder(String fixture, String type) throws Exception {
        String json = fixture(fixture);
        Object value = DrpJson.read(json, Class.forName(type));
        assertThat(DrpJson.write(value)).isEqualTo(json);
    }

    @Test
    void decodingAcceptsAnyCaseAndIgnoresUnknownMembers() throws IOException {
        Action action = DrpJson.read("{\"command\":\"increment\",\"PLUGIN\":\"p\",\"Bogus\":1,"
                + "\"params\":{\"incrementer/step\":2}}", Action.class);
        assertThat(action.command()).isEqualTo("increment");
        assertThat(action.plugin()).isEqualTo("p");
        assertThat(action.params().get("incrementer/step").isIntegralNumber()).isTrue();
        assertThat(action.params().get("incrementer/step").intValue()).isEqualTo(2);
    }

    @Test
    void missingMembersDecodeToZeroValuesNotNull() throws IOException {
        Action action = DrpJson.read("{}", Action.class);
        assertThat(action.command()).isEmpty();
        assertThat(action.params()).isEmpty();
        assertThat(action.model().isNull()).isTrue();
        DrpError error = DrpJson.read("{\"Code\":400}", DrpError.class);
        assertThat(error.messages()).isEmpty();
        assertThat(DrpJson.write(error)).isEqualTo("{\"Model\":\"\",\"Key\":\"\",\"Type\":\"\",\"Messages\":null,\"Code\":400}");
    }

    @Test
    void untypedNumbersStayNumbers() throws IOException {
        Event e = DrpJson.read("{\"Object\":{\"i\":2,\"f\":0.1234567,\"b\":12345678901234}}", Event.class);
        assertThat(e.object().get("i").isIntegralNumber()).isTrue();
        assertThat(e.object().get("f").doubleValue()).isEqualTo(0.1234567);
        assertThat(e.object().get("b").longValue()).isEqualTo(12345678901234L);
    }

    @Test
    void timesAreRfc3339WithTrailingZerosTrimmed() {
        Event e = new Event(Instant.parse("2021-09-01T15:00:00.500Z"), "machines", "save", "k", "", null, null);
        assertThat(DrpJson.write(e)).startsWith("{\"Time\":\"2021-09-01T15:00:00.5Z\"");
        Event whole = new Event(Instant.parse("2021-09-01T15:00:00Z"), "", "", "", "", null, null);
        assertThat(DrpJson.write(whole)).startsWith("{\"Time\":\"2021-09-01T15:00:00Z\"");
    }

    @Test
    void timesWithOffsetsAreRead() throws IOException {
        Event e = DrpJson.read("{\"Time\":\"2021-09-01T10:00:00.123456789-05:00\"}", Event.class);
        assertThat(e.time()).isEqualTo(Instant.parse("2021-09-01T15:00:00.123456789Z"));
    }

    @Test
    void errorStringFormMatchesDrp() {
        assertThat(DrpError.builder(404, "plugin").model("plugin").key("incrementer")
                .message("Unknown command: foo").build()).hasToString("plugin: plugin/incrementer: Unknown command: foo");
        assertThat(DrpError.builder(422, "ValidationError").model("plugins").key("i-woman")
                .message("Invalid Name").message("Invalid Provider").build())
                .hasToString("ValidationError: plugins/i-woman\n  Invalid Name\n  Invalid Provider");
        assertThat(DrpError.of(500, "rpc")).hasToString("rpc");
    }

    @Test
    void prettyOutputIsTwoSpaceIndentedWithGoSpacing() throws Exception {
        PluginProvider p = PluginProvider.builder("x", "1").build();
        String pretty = DrpJson.prettyWriter().writeValueAsString(p);
        assertThat(pretty).startsWith("{\n  \"Meta\": {},\n  \"Name\": \"x\",");
        assertThat(pretty).contains("\"AvailableActions\": [],");
        JsonNode parsed = DrpJson.readTree(pretty);
        assertThat(parsed.get("PluginVersion").intValue()).isEqualTo(4);
    }

    @Test
    void valuesAreDefensivelyCopied() throws IOException {
        Event e = DrpJson.read(fixture("event.json"), Event.class);
        ((com.fasterxml.jackson.databind.node.ObjectNode) e.object()).put("value", 99);
        assertThat(e.object().get("value").intValue()).isEqualTo(4);
        RawModel raw = RawModel.of("typed-cows", "bessie");
        raw.json().put("Id", "other");
        assertThat(raw.id()).isEqualTo("bessie");
        assertThat(List.copyOf(PluginProvider.builder("x", "1").build().availableActions())).isEmpty();
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = WireModelsTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
