package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.AvailableAction;
import io.drpkit.sdk.model.PluginProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A scripted session for humans ({@code make demo}): drives a provider executable exactly as
 * dr-provision would — define, unpack, listen, config, actions, stop — against {@link FakeDrp},
 * printing a readable transcript with progress marks. Each step checks what it shows; the first
 * failed check ends the session with a non-zero result. Not thread-safe; one session per instance.
 *
 * @since 0.1
 */
public final class Simulator {
    private final Path executable;
    private final PrintStream out;
    private final List<Step> steps = new ArrayList<>();
    private FakeDrp host;
    private ProviderProcess provider;
    private Path workDir;
    private String machine;

    public Simulator(Path executable, PrintStream out) {
        this.executable = Objects.requireNonNull(executable, "executable == null").toAbsolutePath();
        this.out = Objects.requireNonNull(out, "out == null");
        steps.add(new Step("define", this::define));
        steps.add(new Step("unpack", this::unpack));
        steps.add(new Step("listen", this::listen));
        steps.add(new Step("config", this::config));
        steps.add(new Step("increment x3", this::incrementThrice));
        steps.add(new Step("bad request", this::badRequest));
        steps.add(new Step("reset_count", this::resetCount));
        steps.add(new Step("incrstatus", this::incrstatus));
        steps.add(new Step("publish, publish-status, unpublish", this::publishCycle));
        steps.add(new Step("runbook file-tree: create, delete", this::runbookCycle));
        steps.add(new Step("events: machine delete cleans up, status counts", this::eventsAndStatus));
        steps.add(new Step("stop", this::stop));
    }

    /** Runs the session; returns 0 when every step passed, 1 otherwise. */
    public int run() {
        out.println("drpkit demo: " + executable + " driven as dr-provision drives a plugin provider");
        long started = System.nanoTime();
        try {
            workDir = Files.createTempDirectory(Path.of("/tmp"), "dkdemo");
            host = FakeDrp.builder().storeObjects("runbooks").start();
            out.println("  fake dr-provision: API " + host.endpoint() + ", host socket " + host.dialPath());
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                out.printf("[%d/%d] %s%n", i + 1, steps.size(), step.title());
                step.action().run();
            }
            out.printf("host received %d log lines; demo finished in %.1f s: OK%n", host.logLines().size(),
                    (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (RuntimeException | IOException e) {
            out.println("  FAILED: " + e.getMessage());
            if (provider != null) {
                out.println("  provider stderr (tail):");
                provider.stderr().lines().skip(Math.max(0, provider.stderr().lines().count() - 20))
                        .forEach(l -> out.println("    " + l));
            }
            return 1;
        } finally {
            if (provider != null) {
                provider.close();
            }
            if (host != null) {
                host.close();
            }
            if (workDir != null) {
                TempDirs.deleteQuietly(workDir);
            }
        }
    }

    private void define() {
        ProviderProcess.Result r = ProviderProcess.of(executable).define(host.providerEnvironment());
        check(r.exitCode() == 0, "define exited " + r.exitCode() + ": " + r.stderr());
        PluginProvider def = DrpJson.convert(r.json(), PluginProvider.class);
        show("$ runbook define   -> " + r.stdout().length() + " bytes of JSON");
        show(def.name() + " " + def.version() + ", PluginVersion " + def.pluginVersion() + ", actions:");
        for (AvailableAction a : def.availableActions()) {
            show("  " + (a.model().isEmpty() ? "system" : a.model()) + ":" + a.command()
                    + (a.requiredParams().isEmpty() ? "" : " required " + a.requiredParams())
                    + (a.optionalParams().isEmpty() ? "" : " optional " + a.optionalParams()));
        }
        try {
            JsonNode content = new YAMLMapper().readTree(def.content());
            List<String> sections = new ArrayList<>();
            content.path("sections").fields().forEachRemaining(e -> sections.add(e.getValue().size() + " " + e.getKey()));
            show("content pack \"" + content.path("meta").path("DisplayName").asText() + "\": " + String.join(", ", sections));
        } catch (IOException e) {
            throw new IllegalStateException("Content is not YAML: " + e.getMessage(), e);
        }
    }

    private void unpack() throws IOException {
        Path dir = workDir.resolve("files/plugin_providers/runbook");
        ProviderProcess.Result r = ProviderProcess.of(executable).unpack(dir, host.providerEnvironment());
        check(r.exitCode() == 0, "unpack exited " + r.exitCode() + ": " + r.stderr());
        show("$ runbook unpack " + dir);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                show("  " + PosixFilePermissions.toString(Files.getPosixFilePermissions(f)) + " " + dir.relativize(f));
            }
        }
    }

    private void listen() {
        long t0 = System.nanoTime();
        provider = ProviderProcess.builder(executable).build().listen(host);
        show("$ runbook listen " + provider.servePath() + " " + provider.dialPath());
        show("READY! after " + (System.nanoTime() - t0) / 1_000_000 + " ms; stdout holds nothing else: "
                + provider.stdoutExtra().isEmpty());
        check(provider.stdoutExtra().isEmpty(), "unexpected stdout: " + provider.stdoutExtra());
    }

    private void config() {
        ProviderProcess.Response r = provider.config(Map.of("Name", "runbook"));
        call("POST /api-plugin/v4/config {\"Name\":\"runbook\"}", r);
        check(r.status() == 200, "config failed");
    }

    private void incrementThrice() {
        machine = host.createMachine("demo-1");
        show("machine demo-1 created in fake DRP: " + machine);
        for (int i = 1; i <= 3; i++) {
            ProviderProcess.Response r = provider.action(action("increment", Map.of()));
            long value = host.machineParam(machine, "incrementer/default").map(JsonNode::asLong).orElse(-1L);
            call("increment #" + i, r);
            show("  machine param incrementer/default = " + value + ", incrementer/touched = "
                    + host.machineParam(machine, "incrementer/touched").map(JsonNode::asLong).orElse(-1L));
            check(r.status() == 200 && value == i, "increment #" + i + " did not raise the param to " + i);
        }
    }

    private void badRequest() {
        ProviderProcess.Response r = provider.action(action("increment", Map.of("incrementer/step", "two")));
        call("increment with incrementer/step = \"two\"", r);
        check(r.status() == 422, "a bad param must answer 422");
        ProviderProcess.Response unknown = provider.action(action("explode", Map.of()));
        call("unknown command explode", unknown);
        check(unknown.status() == 404, "an unknown command must answer 404");
    }

    private void resetCount() {
        ProviderProcess.Response r = provider.action(action("reset_count", Map.of("incrementer/touched", 3)));
        call("reset_count", r);
        check(r.status() == 200 && host.machineParam(machine, "incrementer/touched").isEmpty(),
                "reset_count must remove incrementer/touched");
        show("  incrementer/touched is gone from the machine");
    }

    private void incrstatus() {
        ProviderProcess.Response r = provider.action(new Action(null, "runbook", "incrstatus", "", Map.of()));
        call("incrstatus", r);
        check(r.status() == 200, "incrstatus failed");
    }

    private void publishCycle() throws IOException {
        ProviderProcess.Response p = provider.action(action("publish", Map.of()));
        show("publish -> " + p.status() + " " + abbreviate(p.text().strip()));
        check(p.status() == 200, "publish failed: " + p.text());
        String url = host.machineParam(machine, "runbook/published-url").map(JsonNode::asText).orElse("");
        show("  machine param runbook/published-url = " + url);
        ProviderProcess.Response st = provider.action(action("publish-status", Map.of()));
        JsonNode report = st.json();
        show("publish-status -> " + st.status() + " " + report.path("Health").asText() + ": "
                + report.path("HealthMessage").asText());
        check("READY".equals(report.path("Health").asText()), "a fresh publish must be READY");
        Path file = host.webroot().resolve("runbook/machines/" + machine + "/machine.txt");
        Files.delete(file);
        show("deleted " + host.webroot().relativize(file) + " by hand");
        JsonNode after = provider.action(action("publish-status", Map.of())).json();
        show("publish-status -> " + after.path("Health").asText() + ": " + after.path("HealthMessage").asText());
        check("PARTIAL".equals(after.path("Health").asText()), "a deleted file must make the report PARTIAL");
        ProviderProcess.Response u = provider.action(action("unpublish", Map.of()));
        show("unpublish -> " + u.status() + " " + abbreviate(u.text().strip()));
        check(u.status() == 200 && host.machineParam(machine, "runbook/published-url").isEmpty(),
                "unpublish must remove the param");
    }

    private void runbookCycle() {
        ProviderProcess.Response c = provider.action(action("runbook-create", Map.of("runbook/name", "file-tree")));
        check(c.status() == 200, "runbook-create failed: " + c.text());
        for (JsonNode step : c.json().path("steps")) {
            show("  create step " + step.path("name").asText() + ": " + step.path("status").asText()
                    + " in " + step.path("durationMs").asLong() + " ms");
        }
        JsonNode outputs = host.machineParam(machine, "runbook/outputs").orElseThrow().path("file-tree");
        show("  machine param runbook/outputs[file-tree] = " + outputs);
        ProviderProcess.Response d = provider.action(action("runbook-delete", Map.of("runbook/name", "file-tree")));
        check(d.status() == 200, "runbook-delete failed: " + d.text());
        for (JsonNode step : d.json().path("steps")) {
            show("  delete step " + step.path("name").asText() + ": " + step.path("status").asText());
        }
        String dir = outputs.path("mkroot.dir").asText();
        show("  tree " + dir + " exists after delete: " + Files.exists(Path.of(dir)));
        check(!dir.isEmpty() && !Files.exists(Path.of(dir)), "runbook-delete must remove the tree");
    }

    private void eventsAndStatus() throws IOException {
        String doomed = host.createMachine("demo-2");
        JsonNode model = host.machine(doomed).orElseThrow();
        ProviderProcess.Response p = provider.action(new Action(model, "runbook", "publish", "", Map.of()));
        check(p.status() == 200, "publish on demo-2 failed: " + p.text());
        Path dir = host.webroot().resolve("runbook/machines/" + doomed);
        show("machine demo-2 created and published: " + host.webroot().relativize(dir) + " exists: " + Files.exists(dir));
        host.deleteMachine(doomed);
        show("machine demo-2 deleted in fake DRP (a machines.delete event, no action call)");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Files.exists(dir) && System.nanoTime() < deadline) {
            pause();
        }
        show("  its published directory exists now: " + Files.exists(dir));
        check(!Files.exists(dir), "the deleted machine's resources were not destroyed");
        ProviderProcess.Response r = provider.action(new Action(null, "runbook", "status", "", Map.of()));
        check(r.status() == 200, "status failed: " + r.text());
        JsonNode report = r.json();
        show("status -> " + report.path("Health").asText() + ": " + report.path("HealthMessage").asText());
        for (JsonNode entry : report.path("Resources")) {
            show("  " + entry.path("Name").asText() + ": " + entry.path("Health").asText() + ", "
                    + entry.path("HealthMessage").asText());
            if (entry.path("Name").asText().equals("event-stream")) {
                show("    events counted: " + entry.path("State").path("Counts"));
                check(entry.path("State").path("Counts").path("machines.delete").asLong() >= 1,
                        "the delete event was not counted");
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 150 ? s.substring(0, 147) + "..." : s;
    }

    private void stop() {
        long t0 = System.nanoTime();
        var answer = provider.stop();
        boolean exited = provider.waitForExit(Duration.ofSeconds(30));
        show("POST /api-plugin/v4/stop -> " + answer.map(r -> r.status() + " " + r.text().strip()).orElse("(no answer)"));
        show("exited " + provider.exitCode().orElse(-1) + " after " + (System.nanoTime() - t0) / 1_000_000
                + " ms; socket file removed: " + !Files.exists(provider.servePath()));
        check(exited && provider.exitCode().orElse(-1) == 0, "the provider did not exit 0 after /stop");
        check(!Files.exists(provider.servePath()), "the socket file is still there");
    }

    private Action action(String command, Map<String, ?> params) {
        JsonNode model = host.machine(machine).orElseThrow();
        Map<String, JsonNode> p = params.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> DrpJson.toTree(e.getValue())));
        return new Action(model, "runbook", command, "", p);
    }

    private void call(String what, ProviderProcess.Response r) {
        show(what + " -> " + r.status() + " " + r.text().strip());
    }

    private void show(String line) {
        out.println("      " + line);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private record Step(String title, Action0 action) {
    }

    @FunctionalInterface
    private interface Action0 {
        void run() throws IOException;
    }
}
