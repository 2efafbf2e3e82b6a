package io.drpkit.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.internal.hostclient.UnixSocketClients;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.internal.server.UnixHttpServer;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.LogLine;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A tiny provider for testing {@link ProviderProcess} itself, not a model of a good provider:
 * {@code define} prints a definition, {@code unpack <dir>} writes one file, {@code listen} serves
 * config (logging the body to the host), action (answering the command, or the cwd and RS_* env
 * for {@code env}) and stop (answer, then exit 0).
 */
public final class FakeProviderMain {
    private FakeProviderMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        switch (args.length == 0 ? "" : args[0]) {
            case "define" -> out.println("{\"Name\":\"fake\",\"PluginVersion\":4,\"Token\":\""
                    + System.getenv().getOrDefault("RS_TOKEN", "") + "\"}");
            case "unpack" -> {
                Path dir = Path.of(args[1]);
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("asset.txt"), "asset");
            }
            case "listen" -> listen(Path.of(args[1]), Path.of(args[2]), out);
            default -> {
                System.err.println("Error: unknown command");
                System.exit(1);
            }
        }
    }

    private static void listen(Path serve, Path dial, PrintStream out) throws Exception {
        OkHttpClient host = UnixSocketClients.create(dial, UnixSocketClients.Timeouts.defaults());
        CountDownLatch stop = new CountDownLatch(1);
        UnixHttpServer server = UnixHttpServer.start(serve, exchange -> exchange.dispatch(() -> {
            try {
                handle(exchange, host, stop);
            } catch (Exception e) {
                exchange.setStatusCode(500);
                exchange.getResponseSender().send(e.toString());
            }
        }), UnixHttpServer.Options.defaults());
        System.err.println("fake provider listening on " + serve);
        out.println("READY!");
        stop.await();
        server.stopAccepting();
        server.awaitInFlight(java.time.Duration.ofSeconds(5));
        server.close();
        System.exit(0);
    }

    private static void handle(HttpServerExchange exchange, OkHttpClient host, CountDownLatch stop)
            throws Exception {
        exchange.startBlocking();
        byte[] body = exchange.getInputStream().readAllBytes();
        String path = exchange.getRequestPath();
        Object answer;
        switch (path) {
            case "/api-plugin/v4/config" -> {
                log(host, "config: " + new String(body, StandardCharsets.UTF_8));
                answer = DrpError.ok();
            }
            case "/api-plugin/v4/action" -> {
                Action action = DrpJson.read(body, Action.class);
                if (action.command().equals("env")) {
                    ObjectNode env = DrpJson.objectNode();
                    System.getenv().forEach((k, v) -> {
                        if (k.startsWith("RS_")) {
                            env.put(k, v);
                        }
                    });
                    env.put("cwd", Path.of("").toAbsolutePath().toString());
                    answer = env;
                } else {
                    answer = action.command();
                }
            }
            case "/api-plugin/v4/stop" -> {
                exchange.addExchangeCompleteListener((ex, next) -> {
                    next.proceed();
                    stop.countDown();
                });
                answer = DrpError.ok();
            }
            default -> {
                exchange.setStatusCode(404);
                answer = DrpError.builder(404, exchange.getRequestMethod().toString()).key(path).build();
            }
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(DrpJson.write(answer) + "\n");
    }

    private static void log(OkHttpClient host, String message) throws Exception {
        LogLine line = new LogLine(1, 1, Instant.now(), "fake", "", "info", "FakeProviderMain.java",
                1, message, List.of(), false);
        Request r = new Request.Builder().url(UnixSocketClients.BASE_URL + "/api-server-plugin/v4/log")
                .post(RequestBody.create(DrpJson.writeBytes(line), MediaType.get("application/json")))
                .build();
        try (Response ignored = host.newCall(r).execute()) {
            // the host ignores the body
        }
    }

    /** A shell script that runs this main with the test JVM's class path. */
    static Path launcher(Path dir) throws java.io.IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String script = "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable -Xlog:all=warning:stderr"
                + " -cp '" + System.getProperty("java.class.path") + "' "
                + FakeProviderMain.class.getName() + " \"$@\"\n";
        Path file = dir.resolve("fake-provider");
        Files.writeString(file, script);
        file.toFile().setExecutable(true);
        return file;
    }

}
