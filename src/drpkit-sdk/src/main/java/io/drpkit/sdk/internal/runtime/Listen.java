package io.drpkit.sdk.internal.runtime;

import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.internal.cli.CliContext;
import io.drpkit.sdk.internal.hostclient.HostClient;
import io.drpkit.sdk.internal.lifecycle.ParentWatch;
import io.drpkit.sdk.internal.lifecycle.SocketRoles;
import io.drpkit.sdk.internal.lifecycle.StopSequence;
import io.drpkit.sdk.internal.logging.ForwarderOptions;
import io.drpkit.sdk.internal.logging.HostLogForwarder;
import io.drpkit.sdk.internal.logging.Logging;
import io.drpkit.sdk.internal.secrets.Secrets;
import io.drpkit.sdk.internal.server.PluginRoutes;
import io.drpkit.sdk.internal.server.UnixHttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code listen} command (spec §1.3, Part A.2–A.5, A.12): wires the host link, the
 * runtime and the server, prints {@code READY!} once connections are accepted, and runs the
 * stop sequence on {@code /stop}, SIGTERM or parent death. Returns the exit code.
 */
public final class Listen {
    /** How long the stop sequence waits for in-flight requests (Part A.5). */
    static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(10);
    static final Duration LOG_FLUSH = Duration.ofSeconds(3);
    static final Duration EVENT_CLOSE = Duration.ofSeconds(5);

    private Listen() {
    }

    public static int run(CliContext ctx, Path first, Path second, boolean debug) throws Exception {
        ProviderDefinition definition = ctx.definition();
        Logging.configure(Logging.context(), debug);
        EnvSettings settings = new EnvSettings(System.getenv());
        long maxBody = settings.maxBodyBytes();
        int maxConnections = settings.maxConnections(EnvSettings.fdLimit());
        HostClient.Options hostOptions = settings.hostOptions();
        settings.apiOptions(); // a bad DRPKIT_API_TIMEOUT fails listen now, not at the first /config
        SocketRoles roles = SocketRoles.resolve(first, second);

        HostClient host = HostClient.connect(roles.dial(), hostOptions);
        // one registry of secret values for the process: the runtime fills it, logging masks with it
        Secrets secrets = new Secrets();
        // held until READY! is out (or start-up fails): the first post builds the host client
        HostLogForwarder forwarder = Logging.attachHostHeld(Logging.context(), host::postLog, definition.name(),
                ForwarderOptions.builder().mask(secrets::mask).build());
        try {
            return serve(ctx, roles, host, secrets, forwarder, maxBody, maxConnections);
        } finally {
            forwarder.release();
        }
    }

    /** Everything after the host link: runtime, pools, stop sequence, server, READY!, then the wait. */
    private static int serve(CliContext ctx, SocketRoles roles, HostClient host, Secrets secrets,
                             HostLogForwarder forwarder, long maxBody, int maxConnections) throws Exception {
        ProviderDefinition definition = ctx.definition();
        Logger log = LoggerFactory.getLogger(Listen.class);
        ProviderRuntime runtime = ProviderRuntime.standard(ctx.provider(), definition, ctx.environment(), host,
                ctx.apiFactory(), secrets);
        // threads up to the bound run at once (a slow action never queues the others); past it, a bounded
        // queue. Threads are started only when none is idle, and end after 30 s idle.
        ThreadPoolExecutor requests = pool("drpkit-request", 64, 1024);
        ThreadPoolExecutor control = pool("drpkit-control", 4, 64);

        AtomicReference<UnixHttpServer> serverRef = new AtomicReference<>();
        AtomicReference<ParentWatch> watch = new AtomicReference<>();
        StopSequence stop = StopSequence.builder()
                .step("stop accepting", () -> ifPresent(serverRef, UnixHttpServer::stopAccepting))
                .step("finish in-flight requests", () -> ifPresent(serverRef, s -> awaitInFlight(s, log)))
                .step("provider stop hook and event stream", () -> runtime.stop(EVENT_CLOSE))
                .step("stop request pools", () -> {
                    requests.shutdown();
                    control.shutdown();
                })
                .step("flush logs", () -> forwarder.flush(LOG_FLUSH))
                .step("close server and remove socket", () -> ifPresent(serverRef, UnixHttpServer::close))
                .step("close host link", () -> {
                    forwarder.close();
                    host.close();
                    ifPresent(watch, ParentWatch::close);
                })
                .build();
        PluginRoutes routes = new PluginRoutes(runtime, requests, control, () -> stop.trigger("/stop"));
        serverRef.set(UnixHttpServer.start(roles.serve(), routes,
                UnixHttpServer.Options.defaults().toBuilder().maxEntitySize(maxBody).maxConnections(maxConnections)
                        .build()));
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> stop.triggerAndAwait("signal", IN_FLIGHT_GRACE.plus(Duration.ofSeconds(10))), "drpkit-shutdown"));
        watch.set(ParentWatch.start(Duration.ofSeconds(1), () -> stop.trigger("parent process gone")));

        ctx.out().ready();
        forwarder.release();
        runtime.prepare();
        log.info("Listening on {} (host socket {}), provider {} {}; at most {} connections at once", roles.serve(),
                roles.dial(), definition.name(), definition.version(), maxConnections);
        stop.await();
        return 0;
    }

    private static void awaitInFlight(UnixHttpServer server, Logger log) {
        try {
            if (!server.awaitInFlight(IN_FLIGHT_GRACE)) {
                log.warn("Requests still running after {} s; stopping anyway", IN_FLIGHT_GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadPoolExecutor pool(String name, int threads, int queue) {
        return RequestPool.create(name, threads, queue, Duration.ofSeconds(30));
    }

    private static <T> void ifPresent(AtomicReference<T> ref, java.util.function.Consumer<T> action) {
        T value = ref.get();
        if (value != null) {
            action.accept(value);
        }
    }
}
