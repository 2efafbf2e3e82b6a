package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import io.drpkit.testkit.Simulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code make demo}: the test kit's generic {@link Simulator} session for the runbook executable,
 * plus runbook's own scenario (the incrementer's answers, a bad param, resources, a runbook, a
 * machine deletion handled from the event stream, the status report), on a machine of its own.
 * Usage: {@code java -cp <simulator jar>:<runbook test classes> io.drpkit.provider.RunbookDemo <executable>}.
 */
public final class RunbookDemo {
    private String machine;

    private RunbookDemo() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: RunbookDemo <runbook executable>");
            System.exit(2);
        }
        io.drpkit.sdk.internal.logging.Logging.setLevel(io.drpkit.sdk.internal.logging.Logging.context(),
                ch.qos.logback.classic.Level.WARN);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        RunbookDemo demo = new RunbookDemo();
        System.exit(Simulator.builder(Path.of(args[0])).out(out)
                .step("increment x3 on machine demo-1", demo::incrementThrice)
                .step("bad request", demo::badRequest)
                .step("reset_count", demo::resetCount)
                .step("publish, publish-status, unpublish", demo::publishCycle)
                .step("runbook file-tree: create, delete", demo::runbookCycle)
                .step("events: machine delete cleans up, status counts", demo::eventsAndStatus)
                .build().run());
    }

    private ProviderProcess.Response action(Simulator.Session s, String command, Map<String, ?> params) {
        return s.provider().action(new io.drpkit.sdk.model.Action(s.host().machine(machine).orElseThrow(), "runbook",
                command, "", params.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> io.drpkit.sdk.internal.json.DrpJson.toTree(e.getValue())))));
    }

    private void incrementThrice(Simulator.Session s) {
        FakeDrp host = s.host();
        machine = host.createMachine("demo-1");
        s.show("machine demo-1 created in fake DRP: " + machine);
        for (int i = 1; i <= 3; i++) {
            ProviderProcess.Response r = action(s, "increment", Map.of());
            long value = host.machineParam(machine, "incrementer/default").map(JsonNode::asLong).orElse(-1L);
            s.call("increment #" + i, r);
            s.show("  machine param incrementer/default = " + value + ", incrementer/touched = "
                    + host.machineParam(machine, "incrementer/touched").map(JsonNode::asLong).orElse(-1L));
            s.check(r.status() == 200 && value == i, "increment #" + i + " did not raise the param to " + i);
        }
    }

    private void badRequest(Simulator.Session s) {
        ProviderProcess.Response r = action(s, "increment", Map.of("incrementer/step", "two"));
        s.call("increment with incrementer/step = \"two\"", r);
        s.check(r.status() == 422, "a bad param must answer 422");
        ProviderProcess.Response unknown = action(s, "explode", Map.of());
        s.call("unknown command explode", unknown);
        s.check(unknown.status() == 404, "an unknown command must answer 404");
    }

    private void resetCount(Simulator.Session s) {
        ProviderProcess.Response r = action(s, "reset_count", Map.of("incrementer/touched", 3));
        s.call("reset_count", r);
        s.check(r.status() == 200 && s.host().machineParam(machine, "incrementer/touched").isEmpty(),
                "reset_count must remove incrementer/touched");
        s.show("  incrementer/touched is gone from the machine");
    }

    private void publishCycle(Simulator.Session s) throws IOException {
        FakeDrp host = s.host();
        ProviderProcess.Response p = action(s, "publish", Map.of());
        s.call("publish", p);
        s.check(p.status() == 200, "publish failed: " + p.text());
        s.show("  machine param runbook/published-url = "
                + host.machineParam(machine, "runbook/published-url").map(JsonNode::asText).orElse(""));
        JsonNode report = action(s, "publish-status", Map.of()).json();
        s.show("publish-status -> " + report.path("Health").asText() + ": " + report.path("HealthMessage").asText());
        s.check("READY".equals(report.path("Health").asText()), "a fresh publish must be READY");
        Path file = host.webroot().resolve("runbook/machines/" + machine + "/machine.txt");
        Files.delete(file);
        s.show("deleted " + host.webroot().relativize(file) + " by hand");
        JsonNode after = action(s, "publish-status", Map.of()).json();
        s.show("publish-status -> " + after.path("Health").asText() + ": " + after.path("HealthMessage").asText());
        s.check("PARTIAL".equals(after.path("Health").asText()), "a deleted file must make the report PARTIAL");
        ProviderProcess.Response u = action(s, "unpublish", Map.of());
        s.call("unpublish", u);
        s.check(u.status() == 200 && host.machineParam(machine, "runbook/published-url").isEmpty(),
                "unpublish must remove the param");
    }

    private void runbookCycle(Simulator.Session s) {
        ProviderProcess.Response c = action(s, "runbook-create", Map.of("runbook/name", "file-tree"));
        s.check(c.status() == 200, "runbook-create failed: " + c.text());
        for (JsonNode step : c.json().path("steps")) {
            s.show("  create step " + step.path("name").asText() + ": " + step.path("status").asText()
                    + " in " + step.path("durationMs").asLong() + " ms");
        }
        JsonNode outputs = s.host().machineParam(machine, "runbook/outputs").orElseThrow().path("file-tree");
        s.show("  machine param runbook/outputs[file-tree] = " + outputs);
        ProviderProcess.Response d = action(s, "runbook-delete", Map.of("runbook/name", "file-tree"));
        s.check(d.status() == 200, "runbook-delete failed: " + d.text());
        for (JsonNode step : d.json().path("steps")) {
            s.show("  delete step " + step.path("name").asText() + ": " + step.path("status").asText());
        }
        String dir = outputs.path("mkroot.dir").asText();
        s.show("  tree " + dir + " exists after delete: " + Files.exists(Path.of(dir)));
        s.check(!dir.isEmpty() && !Files.exists(Path.of(dir)), "runbook-delete must remove the tree");
    }

    private void eventsAndStatus(Simulator.Session s) throws InterruptedException {
        FakeDrp host = s.host();
        String doomed = host.createMachine("demo-2");
        ProviderProcess.Response p = s.provider().action(new io.drpkit.sdk.model.Action(
                host.machine(doomed).orElseThrow(), "runbook", "publish", "", Map.of()));
        s.check(p.status() == 200, "publish on demo-2 failed: " + p.text());
        Path dir = host.webroot().resolve("runbook/machines/" + doomed);
        s.show("machine demo-2 created and published: " + host.webroot().relativize(dir) + " exists: " + Files.exists(dir));
        host.deleteMachine(doomed);
        s.show("machine demo-2 deleted in fake DRP (a machines.delete event, no action call)");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Files.exists(dir) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        s.show("  its published directory exists now: " + Files.exists(dir));
        s.check(!Files.exists(dir), "the deleted machine's resources were not destroyed");
        ProviderProcess.Response r = s.provider().action(s.systemAction("status", Map.of()));
        s.check(r.status() == 200, "status failed: " + r.text());
        JsonNode report = r.json();
        s.show("status -> " + report.path("Health").asText() + ": " + report.path("HealthMessage").asText());
        for (JsonNode entry : report.path("Resources")) {
            s.show("  " + entry.path("Name").asText() + ": " + entry.path("Health").asText() + ", "
                    + entry.path("HealthMessage").asText());
            if (entry.path("Name").asText().equals("event-stream")) {
                s.show("    events counted: " + entry.path("State").path("Counts"));
                s.check(entry.path("State").path("Counts").path("machines.delete").asLong() >= 1,
                        "the delete event was not counted");
            }
        }
    }
}
