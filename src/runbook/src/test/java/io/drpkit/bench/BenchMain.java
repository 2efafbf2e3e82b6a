package io.drpkit.bench;

import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code make bench}: the performance figures of a provider executable, measured the way
 * dr-provision uses it — process start for {@code define}, time to {@code READY!}, request round
 * trips over the Unix socket, throughput, resident memory and the rate of log lines reaching the
 * host. Prints a table; every figure is a median (or a count over a measured interval) of
 * repeated runs on this machine, so compare runs on the same machine only.
 */
public final class BenchMain {
    private static final byte[] INCRSTATUS = "{\"Command\":\"incrstatus\"}".getBytes(StandardCharsets.UTF_8);

    private final Path executable;
    private final PrintStream out;

    private BenchMain(Path executable, PrintStream out) {
        this.executable = executable;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: BenchMain <provider executable>");
            System.exit(2);
        }
        // the bench's own fake host logs only problems; the table is the output
        io.drpkit.sdk.internal.logging.Logging.setLevel(io.drpkit.sdk.internal.logging.Logging.context(),
                ch.qos.logback.classic.Level.WARN);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        new BenchMain(Path.of(args[0]).toAbsolutePath(), out).run();
    }

    private void run() throws Exception {
        out.printf("drpkit bench: %s%n", executable);
        out.printf("machine: %d cores, %s %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name"));
        out.println("(medians of repeated runs; on a shared 2-core box expect +-20-30% between runs)");
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "dkbench");
        Path copy = dir.resolve("runbook");
        Files.copy(executable, copy, StandardCopyOption.COPY_ATTRIBUTES);
        try (FakeDrp host = FakeDrp.builder().storeObjects("runbooks").start()) {
            Map<String, String> env = new HashMap<>(host.providerEnvironment());
            Map<String, String> noCds = new HashMap<>(env);
            noCds.put("DRPKIT_NO_CDS", "1");
            ProviderProcess.of(copy).define(env); // the first define writes the AppCDS archive
            out.printf("%-44s %s%n", "figure", "value");
            row("define, no AppCDS archive (ms)", startup(copy, noCds, 10));
            row("define, with AppCDS archive (ms)", startup(copy, env, 10));
            row("listen to READY!, no archive (ms)", ready(copy, host, noCds, 5));
            row("listen to READY!, with archive (ms)", ready(copy, host, Map.of(), 5));
            load(copy, host);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private List<Double> startup(Path exe, Map<String, String> env, int runs) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            ProviderProcess.Result r = ProviderProcess.of(exe).define(env);
            if (r.exitCode() != 0) {
                throw new IllegalStateException("define failed: " + r.stderr());
            }
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        return ms;
    }

    private List<Double> ready(Path exe, FakeDrp host, Map<String, String> env, int runs) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ProviderProcess.Builder b = ProviderProcess.builder(exe);
            env.forEach(b::environment);
            long t0 = System.nanoTime();
            try (ProviderProcess p = b.build().listen(host)) {
                ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        return ms;
    }

    private void load(Path exe, FakeDrp host) throws Exception {
        try (ProviderProcess p = ProviderProcess.of(exe).listen(host)) {
            if (p.config(Map.of("Name", "bench")).status() != 200) {
                throw new IllegalStateException("config failed: " + p.stderr());
            }
            Thread.sleep(1000);
            row("RSS of listen, idle (MiB)", rssMiB(p.pid()));
            for (int i = 0; i < 2000; i++) {
                post(p);
            }
            List<Double> lat = new ArrayList<>();
            int logsBefore = host.logLines().size();
            long t0 = System.nanoTime();
            int n = 5000;
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                post(p);
                lat.add((System.nanoTime() - s) / 1e3);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            Collections.sort(lat);
            row("action round trip p50, 1 client (us)", lat.get(lat.size() / 2));
            row("action round trip p99, 1 client (us)", lat.get((int) (lat.size() * 0.99)));
            row("actions/s, 1 client", n / secs);
            int clients = 8;
            int perClient = 2500;
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long c0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        post(p);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double csecs = (System.nanoTime() - c0) / 1e9;
            pool.shutdown();
            row("actions/s, " + clients + " clients", clients * perClient / csecs);
            row("RSS of listen, after " + (2000 + n + clients * perClient) + " requests (MiB)", rssMiB(p.pid()));
            // every request logs one line to the host (the Go SDK's "API: st:" line)
            Thread.sleep(1500);
            int logs = host.logLines().size() - logsBefore;
            row("log lines delivered to the host during load", (double) logs);
            row("log lines/s delivered (over the load period)", logs / (secs + csecs));
        }
    }

    private static void post(ProviderProcess p) {
        ProviderProcess.Response r = p.post("/api-plugin/v4/action", "application/json", INCRSTATUS);
        if (r.status() != 200) {
            throw new IllegalStateException("action answered " + r.status() + ": " + r.text());
        }
    }

    private static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private void row(String figure, List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        out.printf("%-44s %.0f (min %.0f, max %.0f, n=%d)%n", figure, sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }

    private void row(String figure, double value) {
        out.printf("%-44s %.0f%n", figure, value);
    }
}
