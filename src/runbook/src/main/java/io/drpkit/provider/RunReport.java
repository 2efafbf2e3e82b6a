package io.drpkit.provider;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.runbook.RunResult;
import io.drpkit.sdk.runbook.StepResult;

/**
 * The result of {@code runbook-create} and {@code runbook-delete}, a JSON object with a fixed
 * member order:
 * <pre>{@code
 * {"runbook": "file-tree", "source": "built-in", "phase": "create", "status": "succeeded",
 *  "steps": [{"name": "mkroot", "status": "succeeded", "exitCode": 0, "durationMs": 12,
 *             "outputs": {"dir": "/srv/trees/3f0c..."}},
 *            {"name": "rmroot", "status": "skipped", "exitCode": null, "durationMs": 0, "outputs": {},
 *             "message": "skipped: ..."}]}
 * }</pre>
 * {@code source} is {@code drp} or {@code built-in} (which copy ran); steps are in declaration
 * order; {@code exitCode} is null for a step that never ran or did not exit; {@code message}
 * appears only when the step did not succeed. Stateless.
 */
final class RunReport {
    private RunReport() {
    }

    static ObjectNode of(RunbookCatalog.Resolved resolved, RunResult result) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode report = f.objectNode()
                .put("runbook", result.runbookId())
                .put("source", resolved.source().wireName())
                .put("phase", result.phase().wireName())
                .put("status", result.status().wireName());
        ArrayNode steps = report.putArray("steps");
        for (StepResult s : result.steps()) {
            ObjectNode step = steps.addObject()
                    .put("name", s.name())
                    .put("status", s.status().wireName());
            if (s.exitCode().isPresent()) {
                step.put("exitCode", s.exitCode().getAsInt());
            } else {
                step.putNull("exitCode");
            }
            step.put("durationMs", s.durationMillis());
            ObjectNode outputs = step.putObject("outputs");
            s.outputs().forEach(outputs::put);
            if (!s.message().isEmpty()) {
                step.put("message", s.message());
            }
        }
        return report;
    }
}
