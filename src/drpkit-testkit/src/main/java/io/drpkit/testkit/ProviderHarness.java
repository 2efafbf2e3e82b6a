package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.internal.api.DrpApiOptions;
import io.drpkit.sdk.internal.api.HttpDrpApi;
import io.drpkit.sdk.internal.hostclient.HostClient;
import io.drpkit.sdk.internal.hostclient.UnixSocketClients;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.internal.logging.ForwarderOptions;
import io.drpkit.sdk.internal.logging.HostLogForwarder;
import io.drpkit.sdk.internal.logging.Logging;
import io.drpkit.sdk.internal.runtime.ProviderRuntime;
import io.drpkit.sdk.internal.secrets.Secrets;
import io.drpkit.sdk.internal.server.PluginRoutes;
import io.drpkit.sdk.internal.server.UnixHttpServer;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.LogLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;

/**
 * A provider run in-process, as {@code listen} runs it but without a subprocess: the same
 * routes, runtime, param checks and event stream, served on a real Unix socket and wired to a
 * {@link FakeDrp} (its dial socket and its REST API). For fast tests of a {@link Provider}; use
 * {@link ProviderProcess} to test the built executable.
 *
 * <p>Log lines are forwarded to the host as a real process forwards them ({@link FakeDrp#logLines()})
 * and recorded by the harness ({@link #logLines()}): every line logged in this JVM while the
 * harness is open, as the {@link LogLine} the host receives. The JVM's own logging configuration
 * (the SDK's default, or the project's {@code logback-test.xml}) decides the levels, and the
 * console keeps printing. Secret values are masked as in a real process (the harness's runtime
 * owns them; the SDK's console appender masks with the last harness started). Differences from a real process: {@code /stop} stops the harness
 * instead of exiting, and two harnesses open at once both see every line. Thread-safe.
 *
 * <pre>{@code
 * try (FakeDrp drp = FakeDrp.start(); ProviderHarness p = ProviderHarness.start(new Hello(), drp)) {
 *     p.config(Map.of("Name", "hello"));
 *     ProviderProcess.Response r = p.action(new Action(drp.machine(uuid).orElseThrow(), "hello", "greet", "", Map.of()));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class ProviderHarness implements AutoCloseable {
    private final ProviderDefinition definition;
    private final ProviderRuntime runtime;
    private final HostClient hostClient;
    private final UnixHttpServer server;
    private final OkHttpClient client;
    private final ExecutorService requests;
    private final Path dir;
    private final List<LogLine> logLines;
    private final HostLogForwarder forwarder;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private ProviderHarness(ProviderDefinition definition, ProviderRuntime runtime, HostClient hostClient,
                            UnixHttpServer server, OkHttpClient client, ExecutorService requests, Path dir,
                            List<LogLine> logLines, HostLogForwarder forwarder) {
        this.definition = definition;
        this.runtime = runtime;
        this.hostClient = hostClient;
        this.server = server;
        this.client = client;
        this.requests = requests;
        this.dir = dir;
        this.logLines = logLines;
        this.forwarder = forwarder;
    }

    /**
     * Builds {@code provider}'s definition and serves it on a fresh socket.
     *
     * @throws IllegalArgumentException if the definition is invalid
     */
    public static ProviderHarness start(Provider provider, FakeDrp host) {
        Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(host, "host == null");
        ProviderDefinition definition = provider.definition();
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "dkh");
            Path scratch = Files.createDirectory(dir.resolve("scratch"));
            ProviderEnvironment env = ProviderEnvironment.from(host.providerEnvironment(), scratch);
            HostClient hostClient = HostClient.connect(host.dialPath(), HostClient.Options.defaults());
            List<LogLine> logLines = new CopyOnWriteArrayList<>();
            Secrets secrets = new Secrets();
            HostLogForwarder forwarder = Logging.attachHost(Logging.context(), line -> {
                logLines.add(line);
                hostClient.postLog(line);
            }, definition.name(), ForwarderOptions.builder().keepConsole(true).mask(secrets::mask).build());
            ProviderRuntime runtime = ProviderRuntime.standard(provider, definition, env, hostClient,
                    e -> HttpDrpApi.connect(e, DrpApiOptions.defaults()), secrets);
            ExecutorService requests = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "drpkit-harness-request");
                t.setDaemon(true);
                return t;
            });
            ProviderHarness[] self = new ProviderHarness[1];
            PluginRoutes routes = new PluginRoutes(runtime, requests, requests, () -> {
                Thread t = new Thread(() -> self[0].close(), "drpkit-harness-stop");
                t.setDaemon(true);
                t.start();
            });
            Path socket = dir.resolve("to.sock");
            UnixHttpServer server = UnixHttpServer.start(socket, routes, UnixHttpServer.Options.defaults());
            OkHttpClient client = UnixSocketClients.create(socket, UnixSocketClients.Timeouts.defaults());
            runtime.prepare();
            self[0] = new ProviderHarness(definition, runtime, hostClient, server, client, requests, dir,
                    logLines, forwarder);
            return self[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the harness for " + definition.name(), e);
        }
    }

    /**
     * The log lines forwarded so far, in {@code Seq} order: what the host received (or would have,
     * if its dial socket was down). Lines are forwarded asynchronously; to wait for one, use
     * {@link #awaitLogLine}.
     */
    public List<LogLine> logLines() {
        return List.copyOf(logLines);
    }

    /**
     * Waits until a forwarded line matches {@code match}; returns it.
     *
     * @throws IllegalStateException naming the lines seen when none matched within {@code timeout}
     */
    public LogLine awaitLogLine(Predicate<LogLine> match, Duration timeout) {
        Objects.requireNonNull(match, "match == null");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (LogLine line : logLines) {
                if (match.test(line)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no matching log line within " + timeout + "; lines: "
                        + logLines.stream().map(LogLine::message).toList());
            }
            forwarder.flush(Duration.ofMillis(50));
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for a log line", e);
            }
        }
    }

    public ProviderDefinition definition() {
        return definition;
    }

    public Path servePath() {
        return server.path();
    }

    /** {@code POST /api-plugin/v4/config} with {@code params} (plus {@code Name}) as the body. */
    public ProviderProcess.Response config(Map<String, ?> params) {
        return config(DrpJson.toTree(Objects.requireNonNull(params, "params == null")));
    }

    public ProviderProcess.Response config(JsonNode params) {
        return post(ProviderProcess.API + "/config", "application/json", DrpJson.writeBytes(params));
    }

    /** {@code POST /api-plugin/v4/action}. */
    public ProviderProcess.Response action(Action action) {
        return post(ProviderProcess.API + "/action", "application/json", DrpJson.writeBytes(action));
    }

    /** A raw {@code POST} to the provider's socket. */
    public ProviderProcess.Response post(String path, String contentType, byte[] body, String... headers) {
        return PluginCalls.post(client, server.path(), path, contentType, body, headers);
    }

    /** Runs the provider's side of stopping (stop hook, event stream) and closes the socket. Idempotent. */
    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        server.stopAccepting();
        try {
            server.awaitInFlight(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runtime.stop(Duration.ofSeconds(5));
        forwarder.flush(Duration.ofSeconds(2));
        forwarder.close();
        server.close();
        requests.shutdownNow();
        hostClient.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        TempDirs.deleteQuietly(dir);
    }
}
