package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.hostclient.UnixSocketClients;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.DrpError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Runs a provider executable exactly as dr-provision does (spec §1, §2, Appendix A), and speaks
 * to it as the host does (spec §3).
 *
 * <ul>
 *   <li>{@link #define} and {@link #unpack} run one-shot commands and return their exit code,
 *       stdout and stderr (bounded by a timeout).</li>
 *   <li>{@link #listen(FakeDrp)} starts {@code <exe> listen <serve.sock> <dial.sock>}: the 1st
 *       argument is a fresh path the provider must serve, the 2nd the fake host's
 *       {@link FakeDrp#dialPath()}. The working directory is a fresh scratch directory; the
 *       environment is this JVM's, minus any inherited {@code RS_*}, plus the host's
 *       {@link FakeDrp#providerEnvironment()} ({@code RS_ENDPOINT}, {@code RS_TOKEN},
 *       {@code RS_FILESERVER}, {@code RS_WEBROOT}) and the builder's extra variables. It returns
 *       once the provider printed the line {@code READY!}, or throws
 *       {@link ProviderProcessException} with the exit code and stderr.</li>
 *   <li>Then {@link #config}, {@link #action}, {@link #stop} and the raw {@link #post} call the
 *       provider over its socket (HTTP/1.1 on a Unix socket, {@code Host: unix}).</li>
 * </ul>
 *
 * <p>stdout is captured whole (bounded), so tests can check that nothing but {@code READY!\n}
 * came out ({@link #stdoutExtra()}); stderr is kept as a bounded tail and can be echoed line by
 * line to a sink. Socket paths are short (under {@code /tmp}), since Unix socket paths are limited
 * to about 104 bytes.
 *
 * <p>Thread-safe: calls to the provider may be made concurrently (as the host does);
 * {@link #listen} may be called at most once per instance.
 *
 * <pre>{@code
 * try (FakeDrp drp = FakeDrp.start();
 *      ProviderProcess p = ProviderProcess.of(Path.of("target/runbook"))) {
 *     assertThat(p.define(drp.providerEnvironment()).exitCode()).isZero();
 *     p.listen(drp);
 *     assertThat(p.config(Map.of("Name", "runbook")).status()).isEqualTo(200);
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class ProviderProcess implements AutoCloseable {
    /** The inbound base path (spec §3.1). */
    public static final String API = "/api-plugin/v4";

    private final Path executable;
    private final Duration readyTimeout;
    private final Duration commandTimeout;
    private final Duration callTimeout;
    private final Duration stopGrace;
    private final int captureBytes;
    private final Consumer<String> stderrSink;
    private final Map<String, String> extraEnv;

    private final Object lifecycle = new Object();
    private Running running; // guarded by lifecycle; set once by listen
    private boolean closed;  // guarded by lifecycle

    private ProviderProcess(Builder b) {
        this.executable = b.executable;
        this.readyTimeout = b.readyTimeout;
        this.commandTimeout = b.commandTimeout;
        this.callTimeout = b.callTimeout;
        this.stopGrace = b.stopGrace;
        this.captureBytes = b.captureBytes;
        this.stderrSink = b.stderrSink;
        this.extraEnv = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
    }

    /** A launcher for {@code executable} with default timeouts. */
    public static ProviderProcess of(Path executable) {
        return builder(executable).build();
    }

    /** Configures a launcher for {@code executable} (made absolute). */
    public static Builder builder(Path executable) {
        return new Builder(executable);
    }

    /** The executable this launches. */
    public Path executable() {
        return executable;
    }

    // ---------------------------------------------------------------- one-shot commands

    /**
     * Runs {@code <exe> define} with {@code env} (e.g. {@link FakeDrp#providerEnvironment()}, or
     * {@code RS_TOKEN=catalog}) and waits for it to exit.
     *
     * @throws ProviderProcessException if it does not exit within the command timeout (it is
     *                                  killed)
     */
    public Result define(Map<String, String> env) {
        return run(env, "define");
    }

    /** Runs {@code <exe> unpack <dir>} and waits for it to exit. */
    public Result unpack(Path dir) {
        return unpack(dir, Map.of());
    }

    /** Runs {@code <exe> unpack <dir>} with {@code env} and waits for it to exit. */
    public Result unpack(Path dir, Map<String, String> env) {
        return run(env, "unpack", Objects.requireNonNull(dir, "dir == null").toString());
    }

    /**
     * Runs {@code <exe> <args...>} in a fresh scratch directory with {@code env} (as
     * {@link #listen} builds it) and waits for it to exit; for commands such as {@code version} or
     * wrong argument lists.
     *
     * @throws ProviderProcessException if it does not exit within the command timeout (it is
     *                                  killed)
     */
    public Result run(Map<String, String> env, String... args) {
        Objects.requireNonNull(env, "env == null");
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(Arrays.asList(args));
        Path cwd = null;
        try {
            cwd = Files.createTempDirectory("drpkit-cmd");
            Process p = start(command, cwd, env);
            p.getOutputStream().close();
            OutputCapture out = new OutputCapture(executable.getFileName() + " stdout",
                    p.getInputStream(), captureBytes, null, null);
            OutputCapture err = new OutputCapture(executable.getFileName() + " stderr",
                    p.getErrorStream(), captureBytes, stderrSink, null);
            if (!p.waitFor(commandTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroy(p);
                err.awaitEnd(Duration.ofSeconds(2));
                throw new ProviderProcessException(String.join(" ", command)
                        + " did not exit within " + commandTimeout, OptionalInt.empty(), err.text());
            }
            out.awaitEnd(Duration.ofSeconds(5));
            err.awaitEnd(Duration.ofSeconds(5));
            return new Result(p.exitValue(), out.text(), err.text());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            TempDirs.deleteQuietly(cwd);
        }
    }

    // ---------------------------------------------------------------- listen

    /**
     * Starts {@code <exe> listen <serve.sock> <dial.sock>} against {@code host} and waits for
     * {@code READY!}.
     *
     * @throws ProviderProcessException if the provider exits first or does not print
     *                                  {@code READY!} within the ready timeout (it is then killed)
     * @throws IllegalStateException    if this instance already listened or is closed
     */
    public ProviderProcess listen(FakeDrp host) {
        Path dir = shortDir();
        return listen(host, dir, dir.resolve("to.sock"));
    }

    /**
     * Like {@link #listen(FakeDrp)}, with the 1st argument {@code servePath} chosen by the test
     * (for example a path where a stale socket file or a regular file already lies).
     */
    public ProviderProcess listen(FakeDrp host, Path servePath) {
        return listen(host, null, Objects.requireNonNull(servePath, "servePath == null"));
    }

    private ProviderProcess listen(FakeDrp host, Path ownedSocketDir, Path servePath) {
        Objects.requireNonNull(host, "host == null");
        synchronized (lifecycle) {
            if (closed || running != null) {
                TempDirs.deleteQuietly(ownedSocketDir);
                throw new IllegalStateException(closed ? "closed" : "listen was already called");
            }
            Path scratch = null;
            try {
                scratch = Files.createTempDirectory("drpkit-scratch");
                List<String> command = List.of(executable.toString(), "listen",
                        servePath.toString(), host.dialPath().toString());
                Process p = start(command, scratch, host.providerEnvironment());
                p.getOutputStream().close();
                running = new Running(p, servePath, host.dialPath(), scratch, ownedSocketDir,
                        new OutputCapture("provider stdout", p.getInputStream(), captureBytes, null, "READY!"),
                        new OutputCapture("provider stderr", p.getErrorStream(), captureBytes, stderrSink, null),
                        UnixSocketClients.create(servePath, new UnixSocketClients.Timeouts(
                                Duration.ofSeconds(5), callTimeout, callTimeout, callTimeout)));
            } catch (IOException e) {
                TempDirs.deleteQuietly(scratch);
                TempDirs.deleteQuietly(ownedSocketDir);
                throw new UncheckedIOException("cannot start " + executable + " listen", e);
            }
        }
        awaitReady();
        return this;
    }

    private void awaitReady() {
        Running r = running();
        OutputCapture.Wait outcome;
        try {
            outcome = r.stdout.awaitMarker(readyTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while waiting for READY!", e);
        }
        if (outcome == OutputCapture.Wait.MARKER) {
            return;
        }
        String what = outcome == OutputCapture.Wait.TIMED_OUT
                ? executable + " listen did not print READY! within " + readyTimeout
                : executable + " listen ended its stdout without printing READY!";
        OptionalInt code = outcome == OutputCapture.Wait.TIMED_OUT ? OptionalInt.empty() : exitWithin(Duration.ofSeconds(5));
        if (code.isEmpty()) {
            kill();
        }
        try {
            r.stderr.awaitEnd(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String stdout = r.stdout.text();
        throw new ProviderProcessException(what + (stdout.isEmpty() ? "" : "; stdout: " + stdout.strip()),
                code, r.stderr.text());
    }

    // ---------------------------------------------------------------- calls to the provider

    /**
     * {@code POST /api-plugin/v4/config} with {@code params} as the JSON object body
     * (spec §3.4: the expanded params plus {@code Name}).
     */
    public Response config(Map<String, ?> params) {
        return config(DrpJson.toTree(Objects.requireNonNull(params, "params == null")));
    }

    /** {@code POST /api-plugin/v4/config} with {@code params} as the body. */
    public Response config(JsonNode params) {
        Objects.requireNonNull(params, "params == null");
        return post(API + "/config", "application/json",
                DrpJson.writeBytes(params));
    }

    /** {@code POST /api-plugin/v4/action} with {@code action} as the body (spec §3.5). */
    public Response action(Action action) {
        Objects.requireNonNull(action, "action == null");
        return post(API + "/action", "application/json", DrpJson.writeBytes(action));
    }

    /**
     * {@code POST /api-plugin/v4/stop} (spec §3.7). The Go SDK exits before its answer is sent,
     * so a host must tolerate a closed connection: that is an empty result here. Does not wait
     * for the exit; see {@link #waitForExit}.
     */
    public Optional<Response> stop() {
        try {
            return Optional.of(post(API + "/stop", "application/json", new byte[0]));
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * A raw {@code POST} to the provider's socket.
     *
     * @param path        e.g. {@code /api-plugin/v4/action}
     * @param contentType the {@code Content-Type}, or null to send none
     * @param headers     extra headers as name, value pairs
     * @throws UncheckedIOException if the call fails (no answer, connection refused, timeout)
     */
    public Response post(String path, String contentType, byte[] body, String... headers) {
        Running r = running();
        return PluginCalls.post(r.client, r.servePath, path, contentType, body, headers);
    }

    // ---------------------------------------------------------------- the process

    /** Waits up to {@code timeout} for the listening process to exit; true if it has. */
    public boolean waitForExit(Duration timeout) {
        return exitWithin(timeout).isPresent();
    }

    /** The exit code of the listening process, once it has exited. */
    public OptionalInt exitCode() {
        Process p = running().process;
        return p.isAlive() ? OptionalInt.empty() : OptionalInt.of(p.exitValue());
    }

    /** The process id of the listening process. */
    public long pid() {
        return running().process.pid();
    }

    /** Whether the listening process is still running. */
    public boolean isAlive() {
        return running().process.isAlive();
    }

    /** Kills the listening process and its descendants at once (SIGKILL) and waits for the exit. */
    public void kill() {
        destroy(running().process);
    }

    /** The 1st {@code listen} argument: the socket the provider serves. */
    public Path servePath() {
        return running().servePath;
    }

    /** The 2nd {@code listen} argument: the host's socket the provider dials. */
    public Path dialPath() {
        return running().dialPath;
    }

    /** The working directory the provider was started in; deleted by {@link #close()}. */
    public Path scratchDir() {
        return running().scratch;
    }

    /** All of {@code listen}'s stdout so far (bounded). */
    public String stdout() {
        return running().stdout.text();
    }

    /** {@code listen}'s stdout except the first {@code READY!} line: should stay empty (spec Part A.4). */
    public String stdoutExtra() {
        return running().stdout.extra();
    }

    /** The tail of {@code listen}'s stderr so far. */
    public String stderr() {
        return running().stderr.text();
    }

    /**
     * Stops the provider as the host would ({@code /stop}, then waits the stop grace period),
     * kills it if it is still alive, and deletes the scratch and socket directories. Idempotent;
     * never throws for a provider that misbehaves.
     */
    @Override
    public void close() {
        Running r;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            r = running;
        }
        if (r == null) {
            return;
        }
        try {
            if (r.process.isAlive()) {
                stop();
                if (exitWithin(stopGrace).isEmpty()) {
                    destroy(r.process);
                }
            }
        } finally {
            r.client.dispatcher().executorService().shutdown();
            r.client.connectionPool().evictAll();
            try {
                r.stdout.awaitEnd(Duration.ofSeconds(2));
                r.stderr.awaitEnd(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TempDirs.deleteQuietly(r.scratch);
            TempDirs.deleteQuietly(r.ownedSocketDir);
        }
    }

    @Override
    public String toString() {
        return "ProviderProcess[" + executable + "]";
    }

    // ---------------------------------------------------------------- helpers

    private Running running() {
        synchronized (lifecycle) {
            if (running == null) {
                throw new IllegalStateException("listen has not been called");
            }
            return running;
        }
    }

    private OptionalInt exitWithin(Duration timeout) {
        Process p = running().process;
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? OptionalInt.of(p.exitValue()) : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    private Process start(List<String> command, Path cwd, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("RS_"));
        e.putAll(env);
        e.putAll(extraEnv);
        return pb.start();
    }

    private static void destroy(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path shortDir() {
        try {
            return TempDirs.shortDir();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a socket directory under /tmp", e);
        }
    }

    private record Running(Process process, Path servePath, Path dialPath, Path scratch,
                           Path ownedSocketDir, OutputCapture stdout, OutputCapture stderr,
                           OkHttpClient client) {
    }

    /**
     * How a one-shot command ended. Immutable and thread-safe.
     *
     * @param exitCode the exit status
     * @param stdout   everything written on stdout (bounded)
     * @param stderr   everything written on stderr (bounded)
     * @since 0.1
     */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result {
            Objects.requireNonNull(stdout, "stdout == null");
            Objects.requireNonNull(stderr, "stderr == null");
        }

        /**
         * stdout parsed as JSON (e.g. the {@code define} output).
         *
         * @throws UncheckedIOException if it is not JSON
         */
        public JsonNode json() {
            try {
                return DrpJson.readTree(stdout);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON: "
                        + RecordedRequest.abbreviate(stdout), e);
            }
        }
    }

    /**
     * The provider's answer to one call. Immutable (the body is copied in and out) and thread-safe.
     *
     * @param status  the HTTP status
     * @param headers header name to values; names compared case-insensitively
     * @param body    the response body
     * @since 0.1
     */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public Response {
            TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            if (headers != null) {
                headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
            }
            headers = Collections.unmodifiableMap(h);
            body = body == null ? new byte[0] : body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        /** The first value of header {@code name}, if present. */
        public Optional<String> header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
        }

        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /**
         * The body parsed as JSON.
         *
         * @throws UncheckedIOException if it is not JSON
         */
        public JsonNode json() {
            try {
                return DrpJson.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("status " + status + ", body is not JSON: "
                        + RecordedRequest.abbreviate(text()), e);
            }
        }

        /**
         * The body as a DRP {@code Error}.
         *
         * @throws UncheckedIOException if it is not one
         */
        public DrpError error() {
            try {
                return DrpJson.read(body, DrpError.class);
            } catch (IOException e) {
                throw new UncheckedIOException("status " + status + ", body is not a DRP Error: "
                        + RecordedRequest.abbreviate(text()), e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Response r && status == r.status && headers.equals(r.headers)
                    && Arrays.equals(body, r.body);
        }

        @Override
        public int hashCode() {
            return Objects.hash(status, headers, Arrays.hashCode(body));
        }

        @Override
        public String toString() {
            return status + " " + RecordedRequest.abbreviate(text());
        }
    }

    /**
     * Configures a {@link ProviderProcess}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Path executable;
        private Duration readyTimeout = Duration.ofSeconds(30);
        private Duration commandTimeout = Duration.ofSeconds(60);
        private Duration callTimeout = Duration.ofSeconds(30);
        private Duration stopGrace = Duration.ofSeconds(15);
        private int captureBytes = 1 << 20;
        private Consumer<String> stderrSink;
        private final Map<String, String> env = new LinkedHashMap<>();

        private Builder(Path executable) {
            this.executable = Objects.requireNonNull(executable, "executable == null").toAbsolutePath();
        }

        /** How long {@code listen} may take to print {@code READY!} (default 30 s). */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = positive("readyTimeout", timeout);
            return this;
        }

        /** How long a one-shot command may run (default 60 s). */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive("commandTimeout", timeout);
            return this;
        }

        /** Timeout of each call to the provider's socket (default 30 s). */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive("callTimeout", timeout);
            return this;
        }

        /** How long {@link #close()} waits for an exit after {@code /stop} (default 15 s). */
        public Builder stopGrace(Duration grace) {
            this.stopGrace = positive("stopGrace", grace);
            return this;
        }

        /** How many bytes of stdout and of stderr are kept (default 1 MiB each). */
        public Builder captureBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("captureBytes must be at least 1024, got " + bytes);
            }
            this.captureBytes = bytes;
            return this;
        }

        /**
         * Also hands every stderr line to {@code sink}, on the draining thread (for debugging,
         * e.g. {@code System.err::println} in a test). Exceptions from the sink are ignored.
         */
        public Builder stderrSink(Consumer<String> sink) {
            this.stderrSink = Objects.requireNonNull(sink, "sink == null");
            return this;
        }

        /** An extra environment variable for every command (applied after the host's). */
        public Builder environment(String name, String value) {
            env.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(value, "value == null"));
            return this;
        }

        /** A launcher; nothing is started until a command is run. */
        public ProviderProcess build() {
            return new ProviderProcess(this);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name + " == null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
