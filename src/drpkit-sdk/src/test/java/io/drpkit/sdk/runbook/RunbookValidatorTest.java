package io.drpkit.sdk.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The validation rules, exercised through {@link Runbook#parse(String)} as a user meets them. */
class RunbookValidatorTest {

    private static List<String> problems(String yaml) {
        InvalidRunbookException e = catchThrowableOfType(InvalidRunbookException.class, () -> Runbook.parse(yaml));
        assertThat(e).as("expected the runbook to be rejected").isNotNull();
        return e.problems();
    }

    @Test
    void unknownOutputIsRejectedNamingRunbookStepInputAndOutput() {
        List<String> problems = problems("""
                Id: tree
                apiVersion: drpkit.io/v1
                create:
                  - name: mkleft
                    script: "#!/bin/sh\\n"
                    outputs: [{name: path, valueFromPath: out}]
                  - name: join
                    script: "#!/bin/sh\\n"
                    inputs:
                      - {name: left, valueFromStep: {name: mkleft, output: dir}, as: {env: LEFT}}
                """);

        assertThat(problems).containsExactly(
                "runbook \"tree\" step \"join\": input \"left\" reads unknown output \"dir\" of step \"mkleft\"");
    }

    @Test
    void unknownStepIsRejected() {
        assertThat(problems("""
                Id: tree
                apiVersion: drpkit.io/v1
                create:
                  - name: join
                    script: "#!/bin/sh\\n"
                    inputs:
                      - {name: left, valueFromStep: {name: mkleft, output: dir}, as: {env: LEFT}}
                """)).containsExactly("runbook \"tree\" step \"join\": input \"left\" reads unknown step \"mkleft\"");
    }

    @Test
    void cycleWithinCreateIsRejectedNamingItsSteps() {
        assertThat(problems("""
                Id: loop
                apiVersion: drpkit.io/v1
                create:
                  - name: a
                    script: "#!/bin/sh\\n"
                    inputs: [{name: x, valueFromStep: {name: c, output: o}, as: {env: X}}]
                    outputs: [{name: o, valueFromPath: o}]
                  - name: b
                    script: "#!/bin/sh\\n"
                    inputs: [{name: x, valueFromStep: {name: a, output: o}, as: {env: X}}]
                    outputs: [{name: o, valueFromPath: o}]
                  - name: c
                    script: "#!/bin/sh\\n"
                    inputs: [{name: x, valueFromStep: {name: b, output: o}, as: {env: X}}]
                    outputs: [{name: o, valueFromPath: o}]
                """)).containsExactly("runbook \"loop\" step \"a\": inputs form a cycle: a reads c, c reads b, b reads a");
    }

    @Test
    void stepReadingItselfIsACycle() {
        assertThat(problems("""
                Id: self
                apiVersion: drpkit.io/v1
                delete:
                  - name: a
                    script: "#!/bin/sh\\n"
                    inputs: [{name: x, valueFromStep: {name: a, output: o}, as: {env: X}}]
                    outputs: [{name: o, valueFromPath: o}]
                """)).containsExactly("runbook \"self\" step \"a\": inputs form a cycle: a reads a");
    }

    @Test
    void deleteReadingCreateOutputsIsNotAnEdgeAndNotACycle() {
        // create: a reads nothing; delete: d reads create a AND delete e, e reads create a.
        Runbook rb = Runbook.parse("""
                Id: ok
                apiVersion: drpkit.io/v1
                create:
                  - name: a
                    script: "#!/bin/sh\\n"
                    outputs: [{name: o, valueFromPath: o}]
                delete:
                  - name: d
                    script: "#!/bin/sh\\n"
                    inputs:
                      - {name: x, valueFromStep: {name: a, output: o}, as: {env: X}}
                      - {name: y, valueFromStep: {name: e, output: o}, as: {env: Y}}
                  - name: e
                    script: "#!/bin/sh\\n"
                    inputs: [{name: x, valueFromStep: {name: a, output: o}, as: {env: X}}]
                    outputs: [{name: o, valueFromPath: o}]
                """);

        assertThat(StepGraph.of(rb.delete()).producers("d")).containsExactly("e");
        assertThat(StepGraph.of(rb.delete()).producers("e")).isEmpty();
    }

    @Test
    void createStepCannotReadADeleteStep() {
        assertThat(problems("""
                Id: back
                apiVersion: drpkit.io/v1
                create:
                  - name: a
                    script: "#!/bin/sh\\n"
                    inputs: [{name: x, valueFromStep: {name: d, output: o}, as: {env: X}}]
                delete:
                  - name: d
                    script: "#!/bin/sh\\n"
                    outputs: [{name: o, valueFromPath: o}]
                """)).containsExactly("runbook \"back\" step \"a\": input \"x\" reads step \"d\" of the delete phase; "
                + "create steps can only read create steps");
    }

    @Test
    void missingOrInvalidShebangIsRejected() {
        assertThat(problems("""
                Id: sh
                apiVersion: drpkit.io/v1
                create:
                  - name: none
                    script: "echo hi\\n"
                  - name: empty
                    script: "#!\\necho hi\\n"
                  - name: relative
                    script: "#!sh\\necho hi\\n"
                  - name: missing
                """)).containsExactly(
                "runbook \"sh\" step \"none\": script must start with a \"#!\" line naming its interpreter, e.g. #!/bin/sh",
                "runbook \"sh\" step \"empty\": script \"#!\" line names no interpreter",
                "runbook \"sh\" step \"relative\": script \"#!\" interpreter \"sh\" must be an absolute path, "
                        + "e.g. #!/bin/sh or #!/usr/bin/env bash",
                "runbook \"sh\" step \"missing\": script is missing");
    }

    @Test
    void duplicateStepNamesAcrossPhasesAndDuplicateOutputsAreRejected() {
        assertThat(problems("""
                Id: dup
                apiVersion: drpkit.io/v1
                create:
                  - name: a
                    script: "#!/bin/sh\\n"
                    outputs:
                      - {name: o, valueFromPath: o1}
                      - {name: o, valueFromPath: o2}
                delete:
                  - name: a
                    script: "#!/bin/sh\\n"
                """)).containsExactly(
                "runbook \"dup\" step \"a\": duplicate step name (already used by a create step; "
                        + "names are unique across create and delete)",
                "runbook \"dup\" step \"a\": duplicate output name \"o\"");
    }

    @Test
    void badEnvNamesPathsAndDeliveriesAreRejected() {
        assertThat(problems("""
                Id: io
                apiVersion: drpkit.io/v1
                create:
                  - name: a
                    script: "#!/bin/sh\\n"
                    inputs:
                      - {name: i1, valueFromParam: p, as: {env: 1BAD}}
                      - {name: i2, valueFromParam: p, as: {env: RS_TOKEN}}
                      - {name: i3, valueFromParam: p, as: {path: ../escape}}
                      - {name: i4, valueFromParam: p, as: {path: /etc/passwd}}
                      - {name: i5, valueFromParam: p, as: {}}
                      - {name: i6, valueFromParam: p, as: {env: OK, path: in/ok}}
                      - {name: i7, valueFromParam: p, as: {env: OK, path: in/./ok}}
                """)).containsExactly(
                "runbook \"io\" step \"a\": input \"i1\": as.env \"1BAD\" is not a valid environment variable name "
                        + "(letters, digits, '_'; not starting with a digit)",
                "runbook \"io\" step \"a\": input \"i2\": as.env \"RS_TOKEN\" is reserved "
                        + "(PATH, HOME, LANG, TMPDIR, RUNBOOK_* and RS_* are set by the executor)",
                "runbook \"io\" step \"a\": input \"i3\": as.path \"../escape\" must not contain \"..\" "
                        + "(it would leave the step's directory)",
                "runbook \"io\" step \"a\": input \"i4\": as.path \"/etc/passwd\" must be relative to the step's directory",
                "runbook \"io\" step \"a\": input \"i5\" is not delivered: set as.env and/or as.path",
                "runbook \"io\" step \"a\": input \"i7\": as.env \"OK\" is used by another input",
                "runbook \"io\" step \"a\": input \"i7\": as.path \"in/./ok\" is used by another input");
    }

    @Test
    void badTimeoutsAreRejected() {
        assertThat(problems("""
                Id: t
                apiVersion: drpkit.io/v1
                create:
                  - {name: a, script: "#!/bin/sh\\n", timeout: 5 minutes}
                  - {name: b, script: "#!/bin/sh\\n", timeout: 30}
                  - {name: c, script: "#!/bin/sh\\n", timeout: 0s}
                """)).containsExactly(
                "runbook \"t\" step \"a\": timeout \"5 minutes\" is not a duration such as \"30s\", \"2m\" or \"1m30s\"",
                "runbook \"t\" step \"b\": timeout: expected a duration such as \"30s\" or \"2m\", got a number",
                "runbook \"t\" step \"c\": timeout must be positive, got 0s");
    }

    @Test
    void inputsNeedExactlyOneSource() {
        assertThat(problems("""
                Id: src
                apiVersion: drpkit.io/v1
                create:
                  - name: a
                    script: "#!/bin/sh\\n"
                    inputs:
                      - {name: none, as: {env: A}}
                      - {name: two, valueFromParam: p, valueFromMachine: Name, as: {env: B}}
                """)).containsExactly(
                "runbook \"src\" step \"a\": input \"none\": has no source: set one of valueFromParam, "
                        + "valueFromMachine, valueFromStep",
                "runbook \"src\" step \"a\": input \"two\": has 2 sources: set exactly one of valueFromParam, "
                        + "valueFromMachine, valueFromStep");
    }

    @Test
    void unknownLowerCaseFieldsAreTyposButDrpMembersAreIgnored() {
        assertThat(problems("""
                Id: typo
                apiVersion: drpkit.io/v1
                Validated: true
                Meta: {icon: book}
                creat: []
                create:
                  - name: a
                    script: "#!/bin/sh\\n"
                    neetsToken: true
                """)).containsExactly(
                "runbook \"typo\": unknown field \"creat\" (expected Id, Description, apiVersion, create, delete)",
                "runbook \"typo\" step \"a\": unknown field \"neetsToken\" "
                        + "(expected one of [inputs, name, needsToken, outputs, script, timeout])");
    }

    @Test
    void runbookLevelProblemsNameTheRunbook() {
        assertThat(problems("""
                Id: old
                apiVersion: drp-workflow/v1
                Type: profiles
                """)).containsExactly(
                "runbook \"old\": Type \"profiles\" is not \"runbooks\"",
                "runbook \"old\": apiVersion \"drp-workflow/v1\" is not supported (expected \"drpkit.io/v1\")",
                "runbook \"old\": has no steps (create and delete are both empty)");
        assertThat(problems("""
                apiVersion: drpkit.io/v1
                create: [{name: a, script: "#!/bin/sh\\n"}]
                """)).containsExactly("runbook (no Id): Id is missing");
        assertThat(problems("""
                Id: noversion
                create: [{name: a, script: "#!/bin/sh\\n"}]
                """)).containsExactly("runbook \"noversion\": apiVersion is missing (expected \"drpkit.io/v1\")");
    }

    @Test
    void allProblemsAreReportedAtOnceAndNothingIsBuilt() {
        InvalidRunbookException e = catchThrowableOfType(InvalidRunbookException.class, () -> Runbook.parse("""
                Id: many
                apiVersion: drpkit.io/v1
                create:
                  - name: a
                    script: "no shebang"
                    inputs: [{name: x, valueFromStep: {name: b, output: o}, as: {env: X}}]
                    outputs: [{name: o, valueFromPath: o}]
                  - name: b
                    script: "#!/bin/sh\\n"
                    inputs: [{name: x, valueFromStep: {name: a, output: o}, as: {env: X}}]
                    outputs: [{name: o, valueFromPath: o}]
                  - name: c
                    script: "#!/bin/sh\\n"
                    inputs: [{name: x, valueFromStep: {name: zz, output: o}, as: {env: X}}]
                delete:
                  - name: c
                    script: "#!/bin/sh\\n"
                    inputs: [{name: x, valueFromStep: {name: a, output: nope}, as: {env: X}}]
                """));

        assertThat(e.problems()).containsExactly(
                "runbook \"many\" step \"c\": duplicate step name (already used by a create step; "
                        + "names are unique across create and delete)",
                "runbook \"many\" step \"a\": script must start with a \"#!\" line naming its interpreter, e.g. #!/bin/sh",
                "runbook \"many\" step \"c\": input \"x\" reads unknown step \"zz\"",
                "runbook \"many\" step \"c\": input \"x\" reads unknown output \"nope\" of step \"a\"",
                "runbook \"many\" step \"a\": inputs form a cycle: a reads b, b reads a");
        assertThat(e.runbookId()).isEqualTo("many");
        assertThat(e.error().code()).isEqualTo(422);
        assertThat(e.error().type()).isEqualTo("runbook");
        assertThat(e.error().model()).isEqualTo("runbooks");
        assertThat(e.error().key()).isEqualTo("many");
        assertThat(e.error().messages()).isEqualTo(e.problems());
    }

    @Test
    void malformedDocumentsAreRejectedWithTheirPosition() {
        assertThat(problems("Id: x\ncreate: [unclosed\n")).singleElement().asString()
                .startsWith("runbook (no Id): not a valid YAML or JSON document (line ");
        assertThat(problems("Id: x\nId: y\n")).singleElement().asString()
                .contains("Duplicate field 'Id'");
        assertThat(problems("")).containsExactly("runbook (no Id): the document is empty");
        assertThat(problems("- a\n- b\n")).containsExactly("runbook (no Id): expected an object, got a list");
    }

    @Test
    void wrongTypesAreReportedPerField() {
        assertThat(problems("""
                Id: types
                apiVersion: drpkit.io/v1
                create:
                  - name: a
                    script: ["#!/bin/sh"]
                    needsToken: "yes"
                    inputs: {name: x}
                  - just a string
                  - script: "#!/bin/sh\\n"
                """)).containsExactly(
                "runbook \"types\" step \"a\": script: expected a string, got a list",
                "runbook \"types\" step \"a\": needsToken: expected true or false, got a string",
                "runbook \"types\" step \"a\": inputs: expected a list, got an object",
                "runbook \"types\": create step #2: expected an object, got a string",
                "runbook \"types\": create step #3: name is missing");
    }
}
