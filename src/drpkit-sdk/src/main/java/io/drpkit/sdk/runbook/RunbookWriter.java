package io.drpkit.sdk.runbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.internal.text.GoDurations;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a {@link Runbook} as the document {@link RunbookReader} reads, in a fixed member order
 * so output can be compared: Id, Type, Description, apiVersion, create, delete; in a step name,
 * timeout, needsToken, inputs, outputs, script. Defaults (no timeout, needsToken false, empty
 * lists) are left out.
 */
final class RunbookWriter {
    private RunbookWriter() {
    }

    static ObjectNode toJson(Runbook runbook) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("Id", runbook.id());
        root.put("Type", Runbook.TYPE);
        if (!runbook.description().isEmpty()) {
            root.put("Description", runbook.description());
        }
        root.put("apiVersion", runbook.apiVersion());
        root.set("create", steps(runbook.create()));
        root.set("delete", steps(runbook.delete()));
        return root;
    }

    static String toYaml(Runbook runbook) {
        try {
            return RunbookFormats.yaml().writeValueAsString(toJson(runbook));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write runbook " + runbook.id() + " as YAML", e);
        }
    }

    private static ArrayNode steps(List<Step> steps) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Step s : steps) {
            ObjectNode n = list.addObject();
            n.put("name", s.name());
            s.timeout().ifPresent(t -> n.put("timeout", GoDurations.format(t)));
            if (s.needsToken()) {
                n.put("needsToken", true);
            }
            if (!s.inputs().isEmpty()) {
                ArrayNode inputs = n.putArray("inputs");
                for (Input in : s.inputs()) {
                    ObjectNode i = inputs.addObject();
                    i.put("name", in.name());
                    if (in.source() instanceof InputSource.Param p) {
                        i.put("valueFromParam", p.name());
                    } else if (in.source() instanceof InputSource.MachineField m) {
                        i.put("valueFromMachine", m.field());
                    } else if (in.source() instanceof InputSource.StepOutput ref) {
                        ObjectNode r = i.putObject("valueFromStep");
                        r.put("name", ref.step());
                        r.put("output", ref.output());
                    }
                    ObjectNode as = i.putObject("as");
                    in.env().ifPresent(e -> as.put("env", e));
                    in.path().ifPresent(p -> as.put("path", p));
                }
            }
            if (!s.outputs().isEmpty()) {
                ArrayNode outputs = n.putArray("outputs");
                for (Output out : s.outputs()) {
                    outputs.addObject().put("name", out.name()).put("valueFromPath", out.valueFromPath());
                }
            }
            n.put("script", s.script());
        }
        return list;
    }
}
