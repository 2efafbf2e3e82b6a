package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A session for humans ({@code make demo}, {@code java -jar drpkit-testkit-simulator.jar simulate
 * <executable>}): drives any provider executable exactly as dr-provision would, from its own
 * {@code define}, against a {@link FakeDrp}, printing a readable transcript with progress marks:
 * <ol>
 *   <li>{@code define}: the actions and the content pack;</li>
 *   <li>{@code unpack} into a scratch {@code files/plugin_providers/<name>/}: the files and modes;</li>
 *   <li>{@code listen}: {@code READY!} and nothing else on stdout;</li>
 *   <li>{@code /config} with the provider's params that have schema defaults;</li>
 *   <li>each declared action with its declared params' schema defaults: {@code machines}
 *       actions on a machine created for the session, system actions without a target (an
 *       action with a required param that has no default, or another model, is skipped);</li>
 *   <li>the {@linkplain Builder#step extra steps}, if any (a provider's own scenario);</li>
 *   <li>{@code /stop}: the answer, exit status 0 and the socket file removed.</li>
 * </ol>
 * A failed action or extra step is reported and the session goes on; when {@code define},
 * {@code unpack}, {@code listen} or {@code /config} fail it cannot. The last line lists what failed.
 * Not thread-safe; one session per instance.
 *
 * @since 0.1
 */
public final class Simulator {
    private final Path executable;
    private final PrintStream out;
    private final List<Step> extraSteps;

    private Simulator(Builder b) {
        this.executable = b.executable;
        this.out = b.out;
        this.extraSteps = List.copyOf(b.steps);
    }

    /** A generic session for {@code executable}, printing on {@code out}. */
    public Simulator(Path executable, PrintStream out) {
        this(builder(executable).out(out));
    }

    /**
     * A simulator builder for {@code executable} (printing on {@code System.err} unless told otherwise).
     *
     * @param executable the provider executable, as DRP would run it
     * @return a builder
     */
    public static Builder builder(Path executable) {
        return new Builder(executable);
    }

    /**
     * Runs the session.
     *
     * @return 0 when everything passed, 1 otherwise
     */
    public int run() {
        out.println("drpkit simulator: " + executable + " driven as dr-provision drives a plugin provider");
        long started = System.nanoTime();
        Session session = new Session(executable, out);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("define", Session::define));
        steps.add(new Step("unpack", Session::unpack));
        steps.add(new Step("listen", Session::listen));
        steps.add(new Step("config", Session::config));
        steps.add(new Step("actions, with their params' defaults", Session::actions));
        steps.addAll(extraSteps);
        steps.add(new Step("stop", Session::stop));
        try {
            session.workDir = Files.createTempDirectory(Path.of("/tmp"), "dksim");
            session.host = FakeDrp.start();
            out.println("  fake dr-provision: API " + session.host.endpoint() + ", host socket " + session.host.dialPath());
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                out.printf("[%d/%d] %s%n", i + 1, steps.size(), step.title());
                try {
                    step.body().run(session);
                } catch (Exception e) {
                    boolean fatal = i < 4 || session.provider == null;
                    session.fail(step.title() + ": " + e.getMessage());
                    if (fatal) {
                        out.println("  cannot go on without " + step.title());
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            session.fail("simulator: " + e);
        } finally {
            session.close();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (session.failures.isEmpty()) {
            out.printf("host received %d log lines; session finished in %.1f s: OK%n", session.logLines, seconds);
            return 0;
        }
        out.printf("session finished in %.1f s: %d FAILED%n", seconds, session.failures.size());
        session.failures.forEach(f -> out.println("  - " + f));
        return 1;
    }

    /**
     * A step of the session, run with the session's host, provider and machine.
     *
     * @since 0.1
     */
    @FunctionalInterface
    public interface StepBody {
        /**
         * Runs the step; throwing (e.g. from {@link Session#check}) fails it.
         *
         * @param session the running session
         * @throws Exception when the step fails
         */
        void run(Session session) throws Exception;
    }

    private record Step(String title, StepBody body) {
    }

    /**
     * Collects the session's options. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Path executable;
        private PrintStream out = System.err;
        private final List<Step> steps = new ArrayList<>();

        private Builder(Path executable) {
            this.executable = Objects.requireNonNull(executable, "executable == null").toAbsolutePath();
        }

        /**
         * Where the transcript goes.
         *
         * @param out the stream
         * @return this builder
         */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out == null");
            return this;
        }

        /**
         * Adds a step run after the declared actions and before {@code /stop}, in the order added.
         *
         * @param title what the transcript calls it
         * @param body what it does
         * @return this builder
         */
        public Builder step(String title, StepBody body) {
            steps.add(new Step(Objects.requireNonNull(title, "title == null"), Objects.requireNonNull(body, "body == null")));
            return this;
        }

        /**
         * The simulator.
         *
         * @return a simulator for one session
         */
        public Simulator build() {
            return new Simulator(this);
        }
    }

    /**
     * What a step works with: the fake host, the running provider, its definition, the session's
     * machine, and the transcript. Used on the simulator's thread only.
     *
     * @since 0.1
     */
    public static final class Session {
        private final Path executable;
        private final PrintStream out;
        private final List<String> failures = new ArrayList<>();
        private FakeDrp host;
        private ProviderProcess provider;
        private PluginProvider definition;
        private Map<String, JsonNode> paramSchemas = Map.of();
        private Path workDir;
        private String machine;
        private int logLines;

        private Session(Path executable, PrintStream out) {
            this.executable = executable;
            this.out = out;
        }

        /** @return the fake dr-provision */
        public FakeDrp host() {
            return host;
        }

        /** @return the running provider ({@code listen}) */
        public ProviderProcess provider() {
            return Objects.requireNonNull(provider, "the provider is not listening");
        }

        /** @return what {@code define} printed */
        public PluginProvider definition() {
            return Objects.requireNonNull(definition, "define has not run");
        }

        /** @return the UUID of the session's machine, created in the fake DRP on first use */
        public String machine() {
            if (machine == null) {
                machine = host.createMachine("sim-1");
                show("machine sim-1 created in fake DRP: " + machine);
            }
            return machine;
        }

        /**
         * An action on the session's machine.
         *
         * @param command the action's command
         * @param params its params (values converted to JSON)
         * @return the action, for {@link ProviderProcess#action}
         */
        public Action machineAction(String command, Map<String, ?> params) {
            return new Action(host.machine(machine()).orElseThrow(), definition().name(), command, "", json(params));
        }

        /**
         * A system action (no target).
         *
         * @param command the action's command
         * @param params its params (values converted to JSON)
         * @return the action, for {@link ProviderProcess#action}
         */
        public Action systemAction(String command, Map<String, ?> params) {
            return new Action(null, definition().name(), command, "", json(params));
        }

        /**
         * Prints one indented transcript line.
         *
         * @param line the text
         */
        public void show(String line) {
            out.println("      " + line);
        }

        /**
         * Prints what was called and its answer.
         *
         * @param what the call
         * @param r the provider's answer
         */
        public void call(String what, ProviderProcess.Response r) {
            show(what + " -> " + r.status() + " " + abbreviate(r.text().strip()));
        }

        /**
         * Fails the step with {@code message} unless {@code ok}.
         *
         * @param ok the condition
         * @param message what failed
         * @throws IllegalStateException when not {@code ok}
         */
        public void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalStateException(message);
            }
        }

        private void fail(String message) {
            failures.add(message);
            out.println("  FAILED: " + message);
            if (provider != null) {
                out.println("  provider stderr (tail):");
                List<String> lines = provider.stderr().lines().toList();
                lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> out.println("    " + l));
            }
        }

        private void define() {
            ProviderProcess.Result r = ProviderProcess.of(executable).define(host.providerEnvironment());
            check(r.exitCode() == 0, "define exited " + r.exitCode() + ": " + r.stderr());
            definition = DrpJson.convert(r.json(), PluginProvider.class);
            show("$ " + executable.getFileName() + " define   -> " + r.stdout().length() + " bytes of JSON");
            show(definition.name() + " " + definition.version() + ", PluginVersion " + definition.pluginVersion()
                    + ", actions:");
            for (AvailableAction a : definition.availableActions()) {
                show("  " + (a.model().isEmpty() ? "system" : a.model()) + ":" + a.command()
                        + (a.requiredParams().isEmpty() ? "" : " required " + a.requiredParams())
                        + (a.optionalParams().isEmpty() ? "" : " optional " + a.optionalParams()));
            }
            SimulatedContent content = SimulatedContent.parse(definition.content());
            paramSchemas = content.paramSchemas();
            show(content.describe());
            definition.storeObjects().keySet().forEach(host::registerStoreObjects);
        }

        private void unpack() throws IOException {
            Path dir = workDir.resolve("files/plugin_providers/" + definition.name());
            ProviderProcess.Result r = ProviderProcess.of(executable).unpack(dir, host.providerEnvironment());
            check(r.exitCode() == 0, "unpack exited " + r.exitCode() + ": " + r.stderr());
            show("$ " + executable.getFileName() + " unpack " + dir);
            if (!Files.isDirectory(dir)) {
                show("  (nothing unpacked)");
                return;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    show("  " + PosixFilePermissions.toString(Files.getPosixFilePermissions(f)) + " " + dir.relativize(f));
                }
            }
        }

        private void listen() {
            long t0 = System.nanoTime();
            provider = ProviderProcess.builder(executable).build().listen(host);
            show("$ " + executable.getFileName() + " listen " + provider.servePath() + " " + provider.dialPath());
            show("READY! after " + (System.nanoTime() - t0) / 1_000_000 + " ms; stdout holds nothing else: "
                    + provider.stdoutExtra().isEmpty());
            check(provider.stdoutExtra().isEmpty(), "unexpected stdout: " + provider.stdoutExtra());
        }

        private void config() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Name", definition.name());
            List<String> params = new ArrayList<>(definition.requiredParams());
            params.addAll(definition.optionalParams());
            for (String p : params) {
                defaultOf(p).ifPresent(v -> body.put(p, v));
            }
            for (String p : definition.requiredParams()) {
                check(body.containsKey(p), "the provider requires param " + p + ", which has no schema default");
            }
            ProviderProcess.Response r = provider.config(body);
            call("POST /api-plugin/v4/config " + DrpJson.write(body), r);
            check(r.status() == 200, "config answered " + r.status() + ": " + r.text().strip());
        }

        private void actions() {
            for (AvailableAction a : definition.availableActions()) {
                String name = (a.model().isEmpty() ? "system" : a.model()) + ":" + a.command();
                Map<String, JsonNode> params = new LinkedHashMap<>();
                Optional<String> missing = Optional.empty();
                for (String p : a.requiredParams()) {
                    Optional<JsonNode> d = defaultOf(p);
                    d.ifPresent(v -> params.put(p, v));
                    if (d.isEmpty() && missing.isEmpty()) {
                        missing = Optional.of(p);
                    }
                }
                a.optionalParams().forEach(p -> defaultOf(p).ifPresent(v -> params.put(p, v)));
                if (missing.isPresent()) {
                    show(name + " skipped: required param " + missing.get() + " has no default");
                    continue;
                }
                Action action;
                if (a.model().isEmpty() || a.model().equals("system")) {
                    action = systemAction(a.command(), params);
                } else if (a.model().equals("machines")) {
                    action = machineAction(a.command(), params);
                } else {
                    show(name + " skipped: the simulator targets machines and the system only");
                    continue;
                }
                ProviderProcess.Response r = provider.action(action);
                call(name + (params.isEmpty() ? "" : " " + DrpJson.write(params)), r);
                if (r.status() / 100 != 2) {
                    failures.add("action " + name + " answered " + r.status() + ": " + abbreviate(r.text().strip()));
                    out.println("  FAILED: action " + name);
                }
            }
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

        private Optional<JsonNode> defaultOf(String param) {
            JsonNode schema = paramSchemas.get(param);
            return schema == null || !schema.has("default") ? Optional.empty() : Optional.of(schema.get("default"));
        }

        private void close() {
            if (provider != null) {
                provider.close();
            }
            if (host != null) {
                logLines = host.logLines().size();
                host.close();
            }
            if (workDir != null) {
                TempDirs.deleteQuietly(workDir);
            }
        }

        private static Map<String, JsonNode> json(Map<String, ?> params) {
            Map<String, JsonNode> p = new LinkedHashMap<>();
            params.forEach((k, v) -> p.put(k, DrpJson.toTree(v)));
            return p;
        }

        private static String abbreviate(String s) {
            return s.length() > 150 ? s.substring(0, 147) + "..." : s;
        }
    }
}
