package io.drpkit.sdk.internal.runtime;

import io.drpkit.sdk.internal.cli.CliContext;
import io.drpkit.sdk.internal.hostclient.UnixSocketClients;
import io.drpkit.sdk.internal.lifecycle.ProtocolOut;
import io.drpkit.sdk.internal.server.UnixHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The AppCDS training session (see {@code scripts/stub.sh}): when the launcher dumps the class
 * archive during the first {@code define}, this runs a short {@code listen} session on
 * throw-away sockets — a stand-in host, config, action, an unknown route, stop — so the archive
 * also holds the classes {@code listen} needs. Nothing reaches stdout; failures are ignored
 * (the archive is an optimisation, never a reason for {@code define} to fail).
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void run(CliContext ctx) {
        Path dir = null;
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "drpkit-cds-training");
            t.setDaemon(true);
            return t;
        });
        try {
            // define's stderr stays clean: the stand-in host logs only problems, and once listen
            // runs its lines go to that host
            io.drpkit.sdk.internal.logging.Logging.configureDefault(io.drpkit.sdk.internal.logging.Logging.context());
            io.drpkit.sdk.internal.logging.Logging.setLevel(io.drpkit.sdk.internal.logging.Logging.context(),
                    ch.qos.logback.classic.Level.WARN);
            dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "dkcds");
            Path serve = dir.resolve("p.sock");
            Path dial = dir.resolve("h.sock");
            try (UnixHttpServer host = UnixHttpServer.start(dial, exchange -> {
                exchange.setStatusCode(200);
                exchange.getResponseSender().send("{}");
            }, UnixHttpServer.Options.defaults())) {
                CliContext quiet = new CliContext(ctx.provider(), ctx.definition(),
                        new ProtocolOut(OutputStream.nullOutputStream()), ctx.err(), ctx.environment(),
                        ctx.apiFactory(), ctx.listenLauncher());
                Future<Integer> listen = runner.submit(() -> Listen.run(quiet, serve, dial, false));
                OkHttpClient client = UnixSocketClients.create(serve, UnixSocketClients.Timeouts.defaults());
                awaitSocket(serve, listen);
                MediaType json = MediaType.get("application/json");
                call(client, "/api-plugin/v4/config", RequestBody.create("{\"Name\":\"cds\"}", json));
                call(client, "/api-plugin/v4/action", RequestBody.create("{\"Command\":\"cds\"}", json));
                call(client, "/api-plugin/v4/bogus", RequestBody.create("{}", json));
                call(client, "/api-plugin/v4/stop", RequestBody.create(new byte[0], null));
                listen.get(30, TimeUnit.SECONDS);
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
            }
        } catch (Exception | LinkageError e) {
            // an archive without the listen classes is still correct, only slower
        } finally {
            runner.shutdownNow();
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temp dir left behind is harmless
                }
            }
        }
    }

    private static void awaitSocket(Path serve, Future<Integer> listen) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(serve) && !listen.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void call(OkHttpClient client, String path, RequestBody body) throws IOException {
        try (Response r = client.newCall(new Request.Builder().url(UnixSocketClients.BASE_URL + path)
                .post(body).build()).execute()) {
            r.body().bytes();
        }
    }
}
