package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.provider.MachineTemplate.TemplateException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MachineTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode machine = JSON.createObjectNode().put("Name", "m1")
            .put("Uuid", "3f2a9c1e-0000-4000-8000-000000000001").put("Address", "10.0.0.7");

    private static Function<String, Optional<JsonNode>> params(Map<String, Object> values) {
        return name -> Optional.ofNullable(values.get(name)).map(v -> (JsonNode) JSON.valueToTree(v));
    }

    private String render(String text, Map<String, Object> params) {
        return MachineTemplate.parse("t.tmpl", text).render(machine, params(params));
    }

    @Test
    void rendersMachineFieldsAndParamsAndCopiesTheRestVerbatim() {
        String out = render("name: {{.Machine.Name}}\nuuid: {{ .Machine.Uuid }}\nip={{.Machine.Address}}"
                + " note: {{.Param \"runbook/publish-note\"}} <&> {{.Param `x/y`}}\n",
                Map.of("runbook/publish-note", "hello", "x/y", "raw"));

        assertThat(out).isEqualTo("name: m1\nuuid: 3f2a9c1e-0000-4000-8000-000000000001\nip=10.0.0.7"
                + " note: hello <&> raw\n");
    }

    @Test
    void paramValuesRenderAsTextNumbersAsWrittenAndStructuresAsJson() {
        String out = render("{{.Param \"n\"}} {{.Param \"b\"}} {{.Param \"o\"}} {{.Param \"a\"}}",
                Map.of("n", 2, "b", true, "o", Map.of("k", "v"), "a", java.util.List.of(1, 2)));

        assertThat(out).isEqualTo("2 true {\"k\":\"v\"} [1,2]");
    }

    @Test
    void aParamWithNoValueFailsTheRenderNamingItAndWhere() {
        MachineTemplate t = MachineTemplate.parse("t.tmpl", "a\nb {{.Param \"missing/one\"}}");

        assertThatThrownBy(() -> t.render(machine, params(Map.of())))
                .isInstanceOf(TemplateException.class)
                .hasMessage("t.tmpl:2:3: no such machine parameter missing/one");
    }

    @Test
    void anAbsentMachineFieldRendersEmptyAsGoZeroValues() {
        ObjectNode bare = JSON.createObjectNode().put("Name", "m2");
        assertThat(MachineTemplate.parse("t", "[{{.Machine.Address}}]").render(bare, params(Map.of())))
                .isEqualTo("[]");
    }

    @Test
    void trimMarkersRemoveWhiteSpaceAsInGo() {
        assertThat(render("a  \n {{- .Machine.Name -}} \n  b", Map.of())).isEqualTo("am1b");
        assertThatThrownBy(() -> render("a {{-.Machine.Name}}", Map.of()))
                .as("'-' without a space is not a marker, and then not an action we know")
                .isInstanceOf(TemplateException.class).hasMessageContaining("unsupported action {{-.Machine.Name}}");
    }

    @Test
    void unsupportedActionsAreRefusedWhenParsedWithNameLineAndColumn() {
        assertThatThrownBy(() -> MachineTemplate.parse("runbook-machine.tmpl", "x\n  {{if .Machine.Name}}y{{end}}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("runbook-machine.tmpl:2:3: unsupported action {{if .Machine.Name}};"
                        + " this renderer supports only {{.Machine.Name}}");
        for (String bad : new String[] {"{{.Machine.Params}}", "{{.Param \"a\" | printf}}", "{{/* c */}}",
                "{{.Param}}", "{{.Param name}}", "{{.Param \"a\" \"b\"}}", "{{.Param \"\"}}", "{{.Param \"a\\n\"}}",
                "{{.ParamExists \"a\"}}", "{{template \"x\"}}", "{{.Param \"a}}"}) {
            assertThatThrownBy(() -> MachineTemplate.parse("t", bad)).as(bad)
                    .isInstanceOf(TemplateException.class).hasMessageStartingWith("t:1:1: ");
        }
    }

    @Test
    void anUnclosedActionIsRefused() {
        assertThatThrownBy(() -> MachineTemplate.parse("t", "ok\nname: {{.Machine.Name"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("t:2:7: unclosed action {{.Machine.Name");
    }

    @Test
    void paramsListsTheParamsReadInOrderOnce() {
        MachineTemplate t = MachineTemplate.parse("t", "{{.Param \"b\"}}{{.Param \"a\"}}{{.Param \"b\"}}");
        assertThat(t.params()).containsExactly("b", "a");
    }

    @Test
    void theShippedTemplateParses() {
        String text = io.drpkit.sdk.content.ContentPack.fromClasspath().content().section("templates")
                .get(Publisher.TEMPLATE).get("Contents").textValue();

        MachineTemplate t = MachineTemplate.parse(Publisher.TEMPLATE, text);

        assertThat(t.params()).containsExactly(Publisher.NOTE_PARAM);
        assertThat(t.render(machine, params(Map.of(Publisher.NOTE_PARAM, "hi"))))
                .contains("machine: m1\n").contains("note: hi\n");
    }
}
