package io.drpkit.sdk.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.drpkit.sdk.model.RawModel;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunbookTest {

    private static final String HELLO = """
            Id: hello
            Description: Says hello.
            apiVersion: drpkit.io/v1
            create:
              - name: greet
                timeout: 1m30s
                needsToken: true
                inputs:
                  - name: who
                    valueFromMachine: Name
                    as: {env: WHO}
                  - name: greeting
                    valueFromParam: hello/greeting
                    as: {env: GREETING, path: in/greeting}
                outputs:
                  - name: said
                    valueFromPath: out/said
                script: |
                  #!/bin/sh
                  echo "$GREETING $WHO" > out/said
            delete:
              - name: forget
                inputs:
                  - name: said
                    valueFromStep: {name: greet, output: said}
                    as: {path: said}
                script: "#!/bin/sh -e\\nrm -f said\\n"
            """;

    @Test
    void parsesEveryFieldOfAYamlRunbook() {
        Runbook rb = Runbook.parse(HELLO);

        assertThat(rb.id()).isEqualTo("hello");
        assertThat(rb.description()).isEqualTo("Says hello.");
        assertThat(rb.apiVersion()).isEqualTo(Runbook.API_VERSION);
        Step greet = rb.create().get(0);
        assertThat(greet.name()).isEqualTo("greet");
        assertThat(greet.timeout()).contains(Duration.ofSeconds(90));
        assertThat(greet.needsToken()).isTrue();
        assertThat(greet.script()).isEqualTo("#!/bin/sh\necho \"$GREETING $WHO\" > out/said\n");
        assertThat(greet.inputs()).containsExactly(
                Input.builder("who", InputSource.machine("Name")).env("WHO").build(),
                Input.builder("greeting", InputSource.param("hello/greeting")).env("GREETING").path("in/greeting").build());
        assertThat(greet.outputs()).containsExactly(Output.of("said", "out/said"));
        Step forget = rb.delete().get(0);
        assertThat(forget.inputs().get(0).source()).isEqualTo(InputSource.step("greet", "said"));
        assertThat(forget.timeout()).isEmpty();
        assertThat(forget.needsToken()).isFalse();
        assertThat(rb.step("forget")).contains(forget);
        assertThat(rb.steps(Phase.DELETE)).containsExactly(forget);
    }

    @Test
    void builderMakesTheSameRunbookAsTheDocument() {
        Runbook built = Runbook.builder("hello").description("Says hello.")
                .create(Step.builder("greet", "#!/bin/sh\necho \"$GREETING $WHO\" > out/said\n")
                        .timeout(Duration.ofSeconds(90)).needsToken(true)
                        .input(Input.builder("who", InputSource.machine("Name")).env("WHO").build())
                        .input(Input.builder("greeting", InputSource.param("hello/greeting"))
                                .env("GREETING").path("in/greeting").build())
                        .output(Output.of("said", "out/said"))
                        .build())
                .delete(Step.builder("forget", "#!/bin/sh -e\nrm -f said\n")
                        .input(Input.builder("said", InputSource.step("greet", "said")).path("said").build())
                        .build())
                .build();

        assertThat(built).isEqualTo(Runbook.parse(HELLO));
        assertThat(built.toBuilder().build()).isEqualTo(built);
    }

    @Test
    void yamlRoundTripOfAFullRunbookIsLossless() {
        for (Runbook rb : new Runbook[] {Runbook.parse(HELLO), TestRunbooks.fileTree(), TestRunbooks.tokenPair()}) {
            String yaml = rb.toYaml();

            Runbook back = Runbook.parse(yaml);

            assertThat(back).isEqualTo(rb);
            assertThat(back.toYaml()).isEqualTo(yaml);
        }
    }

    @Test
    void yamlOutputKeepsScriptsAsLiteralBlocks() {
        String yaml = TestRunbooks.fileTree().toYaml();

        assertThat(yaml).startsWith("Id: file-tree\nType: runbooks\n");
        assertThat(yaml).contains("script: |\n").contains("  #!/bin/sh\n");
    }

    @Test
    void jsonRoundTripIsLossless() {
        Runbook rb = TestRunbooks.fileTree();

        assertThat(Runbook.of(rb.toJson())).isEqualTo(rb);
        assertThat(Runbook.parse(rb.toJson().toString())).isEqualTo(rb);
        assertThat(Runbook.of(rb.toRawModel())).isEqualTo(rb);
        assertThat(rb.toRawModel().type()).isEqualTo("runbooks");
        assertThat(rb.toRawModel().id()).isEqualTo("file-tree");
    }

    @Test
    void runbookAsDrpReturnsItWithFilledMembersParses() {
        String fromDrp = """
                {
                  "Id": "hello",
                  "Type": "runbooks",
                  "Description": "Says hello.",
                  "apiVersion": "drpkit.io/v1",
                  "create": [{"name": "greet", "script": "#!/bin/sh\\necho hi\\n"}],
                  "delete": null,
                  "Validated": true,
                  "Available": true,
                  "Errors": [],
                  "ReadOnly": false,
                  "Meta": {"color": "blue", "icon": "book"},
                  "Endpoint": "",
                  "Bundle": "drpkit-runbook",
                  "Partial": false
                }
                """;

        Runbook rb = Runbook.parse(fromDrp);

        assertThat(rb.id()).isEqualTo("hello");
        assertThat(rb.create()).extracting(Step::name).containsExactly("greet");
        assertThat(rb.delete()).isEmpty();
        assertThat(Runbook.of(RawModel.of(rb.toJson()))).isEqualTo(rb);
    }

    @Test
    void jsonSchemaIsDraft4AndAcceptsTheExamplesAndDrpObjects() throws Exception {
        ObjectNode schemaJson = Runbook.jsonSchema();
        assertThat(schemaJson.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-04/schema#");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schemaJson);

        for (Runbook rb : new Runbook[] {Runbook.parse(HELLO), TestRunbooks.fileTree(), TestRunbooks.tokenPair()}) {
            assertThat(schema.validate(rb.toJson())).as(rb.id()).isEmpty();
        }
        ObjectNode withDrpMembers = TestRunbooks.fileTree().toJson();
        withDrpMembers.put("Validated", true).put("Available", true).putArray("Errors");
        withDrpMembers.putObject("Meta").put("icon", "book");
        assertThat(schema.validate(withDrpMembers)).isEmpty();
    }

    @Test
    void jsonSchemaRejectsStructuralMistakes() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(Runbook.jsonSchema());
        JsonNode twoSources = RunbookFormats.yaml().readTree("""
                Id: x
                apiVersion: drpkit.io/v1
                create:
                  - name: a
                    script: "#!/bin/sh\\n"
                    inputs:
                      - {name: i, valueFromParam: p, valueFromMachine: Name, as: {env: I}}
                """);
        JsonNode typo = RunbookFormats.yaml().readTree("""
                Id: x
                apiVersion: drpkit.io/v1
                creat: []
                """);

        Set<ValidationMessage> a = schema.validate(twoSources);
        Set<ValidationMessage> b = schema.validate(typo);

        assertThat(a).isNotEmpty();
        assertThat(b).isNotEmpty();
    }

    @Test
    void jsonSchemaIsAFreshCopyEachTime() {
        Runbook.jsonSchema().put("title", "changed");

        assertThat(Runbook.jsonSchema().path("title").asText()).isEqualTo("drpkit runbook");
    }

    @Test
    void builderRejectsAnInvalidRunbook() {
        Runbook.Builder b = Runbook.builder("bad").create(Step.builder("a", "echo no shebang").build());

        assertThatThrownBy(b::build).isInstanceOf(InvalidRunbookException.class)
                .hasMessageContaining("runbook \"bad\" step \"a\": script must start with a \"#!\" line");
    }

    @Test
    void phaseNamesAreTheDocumentNames() {
        assertThat(Phase.of("create")).isEqualTo(Phase.CREATE);
        assertThat(Phase.DELETE.wireName()).isEqualTo("delete");
        assertThatThrownBy(() -> Phase.of("destroy")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"destroy\"");
    }
}
