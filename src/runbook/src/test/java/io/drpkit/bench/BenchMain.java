package io.drpkit.bench;

import io.drpkit.testkit.FakeDrp;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code make bench}: the figures of issue 10, measured the way dr-provision uses a provider —
 * process start for {@code define}, time to {@code READY!}, resident memory idle after
 * {@code /config} and after a sustained 8-client load, the 1-client action loop's p50/p99, and
 * throughput — each printed with the bare-JVM baseline ({@code java <the launcher's flags>
 * -version}) as a ratio, and beside a Go SDK provider when {@code GO_REF} names one. The
 * variants (bare JVM, with and without the start-up archive, Go) alternate within every round,
 * so a change in the machine's load hits them alike; figures are medians of the rounds.
 *
 * <p>Environment: {@code BENCH_JAVA_HOME} (else {@code JAVA_HOME}, else {@code java} on PATH)
 * is the JVM the provider runs on; {@code GO_REF} a Go provider binary (e.g. the SDK's
 * incrementer); {@code BENCH_RUNS} (10) define rounds, {@code BENCH_LISTEN_RUNS} (5) listen
 * rounds, {@code BENCH_LOOPS} (5) timed 1-client loops of 5,000 actions, {@code BENCH_LOAD_SECONDS}
 * (30) the sustained load, {@code BENCH_WARMUP_SECONDS} (10) the harness warm-up before it (0: none).
 */
public final class BenchMain {
    private final Path executable;
    private final PrintStream out;
    private final Map<String, String> env;

    private BenchMain(Path executable, PrintStream out, Map<String, String> env) {
        this.executable = executable;
        this.out = out;
        this.env = env;
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
        new BenchMain(Path.of(args[0]).toAbsolutePath(), out, System.getenv()).run();
    }

    private int intEnv(String name, int dflt) {
        String v = env.get(name);
        return v == null || v.isBlank() ? dflt : Integer.parseInt(v.trim());
    }

    private void run() throws Exception {
        Path javaHome = Platform.javaHome(env);
        Path java = javaHome.resolve("bin/java");
        Map<String, String> release = Platform.release(javaHome);
        int major = Integer.parseInt(release.getOrDefault("JAVA_VERSION", "17").replaceAll("[^0-9.].*", "")
                .split("\\.")[0]);
        List<String> flags = Platform.launcherFlags(executable, major);
        Duration warmup = Duration.ofSeconds(intEnv("BENCH_WARMUP_SECONDS", 10));
        if (warmup.isNegative()) { // checked before the minutes of rounds, not after them
            throw new IllegalArgumentException("BENCH_WARMUP_SECONDS is negative: " + warmup.toSeconds());
        }
        long started = System.nanoTime();

        out.printf("drpkit bench: %s%n", executable);
        out.printf("provider JVM: %s (%s %s)%n", javaHome, release.getOrDefault("IMPLEMENTOR", "?"),
                release.getOrDefault("JAVA_RUNTIME_VERSION", release.getOrDefault("JAVA_VERSION", "?")));
        out.printf("launcher flags (the bare-JVM baseline runs with the same): %s%n",
                String.join(" ", flags.subList(0, flags.size() - 1)));
        out.printf("machine: %d cores, load average %s at start%n", Runtime.getRuntime().availableProcessors(), Platform.loadavg());
        out.println("medians (min-max, n) of rounds in which every variant runs once, in turn; on a shared"
                + " 2-core box expect +-20-30% between runs of the bench");

        Path dir = Files.createTempDirectory(Path.of("/tmp"), "dkbench");
        Path copy = dir.resolve("runbook");
        Files.copy(executable, copy, StandardCopyOption.COPY_ATTRIBUTES);
        List<String> bareCmd = new ArrayList<>();
        bareCmd.add(java.toString());
        bareCmd.addAll(flags);
        Subject bare = new Subject("bare JVM -version", bareCmd, Map.of());
        Subject archived = new Subject("runbook, archive", List.of(copy.toString()), Map.of("JAVA_HOME", javaHome.toString()));
        Subject plain = archived.with("runbook, no archive", "DRPKIT_NO_CDS", "1");
        Subject go = null;
        String goRef = env.get("GO_REF");
        if (goRef != null && !goRef.isBlank()) {
            go = new Subject("Go SDK (" + Path.of(goRef).getFileName() + ")", List.of(Path.of(goRef).toAbsolutePath().toString()),
                    Map.of());
        }
        out.printf("Go reference: %s%n%n", go == null ? "none (set GO_REF to a Go SDK provider binary)" : goRef);

        try (FakeDrp host = FakeDrp.builder().storeObjects("runbooks").start()) {
            Map<String, String> hostEnv = host.providerEnvironment();
            archived = withAll(archived, hostEnv);
            plain = withAll(plain, hostEnv);
            if (go != null) {
                go = withAll(go, hostEnv);
            }
            train(archived, host, dir);

            Subject goRun = go;
            List<Subject> defines = goRun == null ? List.of(bare, archived, plain) : List.of(bare, archived, plain, goRun);
            Map<Subject, Stats> defineMs = rounds(defines, intEnv("BENCH_RUNS", 10), s -> s == bare ? s.wallMs() : s.wallMs("define"));
            Map<Subject, Stats> definePeak = rounds(defines, 3, s -> s == bare ? s.peakRssMiB() : s.peakRssMiB("define"));
            List<Subject> listeners = goRun == null ? List.of(archived, plain) : List.of(archived, plain, goRun);
            Map<Subject, Stats> readyMs = new LinkedHashMap<>();
            Map<Subject, Stats> idleRss = new LinkedHashMap<>();
            Map<Subject, Stats> stopMs = new LinkedHashMap<>();
            Map<Subject, Stats> firstConfigMs = new LinkedHashMap<>();
            Map<Subject, Stats> configuredMs = new LinkedHashMap<>();
            for (int i = 0; i < intEnv("BENCH_LISTEN_RUNS", 5); i++) {
                for (Subject s : listeners) {
                    try (Subject.Listening l = s.listen(host)) {
                        readyMs.computeIfAbsent(s, k -> new Stats()).add(l.readyMs);
                        double configMs = l.configure();
                        firstConfigMs.computeIfAbsent(s, k -> new Stats()).add(configMs);
                        configuredMs.computeIfAbsent(s, k -> new Stats()).add(l.readyMs + configMs);
                        Thread.sleep(1000);
                        idleRss.computeIfAbsent(s, k -> new Stats()).add(l.rssMiB());
                        stopMs.computeIfAbsent(s, k -> new Stats()).add(l.stopMs());
                    }
                }
            }
            double bareMs = defineMs.get(bare).median();
            double bareRss = definePeak.get(bare).median();

            section("define wall (ms)", "<= 1.8x bare JVM");
            for (Subject s : defines) {
                line(s, defineMs.get(s), s == bare ? "" : ratio(defineMs.get(s).median(), bareMs));
            }
            section("peak RSS of define / -version (MiB)", "");
            for (Subject s : defines) {
                line(s, definePeak.get(s), s == bare ? "" : ratio(definePeak.get(s).median(), bareRss));
            }
            section("listen -> READY! (ms)", "<= 2.5x bare JVM -version");
            line(bare, defineMs.get(bare), "(the baseline: -version wall)");
            for (Subject s : listeners) {
                line(s, readyMs.get(s), ratio(readyMs.get(s).median(), bareMs));
            }
            // what start-up defers past READY! shows here: DRP posts /config right after READY!
            section("listen: READY! -> first /config answered (ms)", "");
            for (Subject s : listeners) {
                line(s, firstConfigMs.get(s), "");
            }
            section("listen -> first /config answered (ms)", "");
            line(bare, defineMs.get(bare), "(the baseline: -version wall)");
            for (Subject s : listeners) {
                line(s, configuredMs.get(s), ratio(configuredMs.get(s).median(), bareMs));
            }
            section("RSS idle, 1 s after /config (MiB)", "<= 64 MiB");
            line(bare, definePeak.get(bare), "(the baseline: -version peak)");
            for (Subject s : listeners) {
                line(s, idleRss.get(s), ratio(idleRss.get(s).median(), bareRss));
            }

            section("listen: /stop to exit (ms)", "");
            for (Subject s : listeners) {
                line(s, stopMs.get(s), "");
            }

            List<Subject> loaded = goRun == null ? List.of(archived) : List.of(archived, goRun);
            warmHarness(archived, host, warmup);
            for (Subject s : loaded) {
                load(s, host, Duration.ofSeconds(intEnv("BENCH_LOAD_SECONDS", 30)));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        out.printf("%nload average %s at the end; bench took %.0f s%n", Platform.loadavg(), (System.nanoTime() - started) / 1e9);
    }

    private static Subject withAll(Subject s, Map<String, String> vars) {
        Subject r = s;
        for (Map.Entry<String, String> e : vars.entrySet()) {
            r = r.with(s.label, e.getKey(), e.getValue());
        }
        return r;
    }

    /** The first define and the first listen train their archives; waits until both are in place. */
    private void train(Subject archived, FakeDrp host, Path dir) throws Exception {
        double defineMs = archived.wallMs("define");
        double ready;
        double stop;
        try (Subject.Listening l = archived.listen(host)) {
            ready = l.readyMs;
            l.configure();
            l.action();
            stop = l.stopMs();
        }
        out.printf("training runs (once per JVM and build): define %s ms, listen to READY! %s ms, /stop to exit %s ms%n",
                Stats.fmt(defineMs), Stats.fmt(ready), Stats.fmt(stop));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> names;
            try (Stream<Path> files = Files.list(dir)) {
                names = files.map(p -> p.getFileName().toString()).toList();
            }
            boolean define = names.stream().anyMatch(n -> n.matches("runbook\\.define\\..*\\.(jsa|aot)"));
            boolean listen = names.stream().anyMatch(n -> n.matches("runbook\\.listen\\..*\\.(jsa|aot)"));
            if (define && listen && names.stream().noneMatch(n -> n.endsWith(".tmp"))) {
                out.printf("archives trained: %s%n%n", String.join(", ", names.stream().filter(n -> !n.equals("runbook"))
                        .sorted().toList()));
                return;
            }
            Thread.sleep(200);
        }
        out.println("warning: the archives were not in place after 120 s; 'archive' figures may be without one");
    }

    interface Measure {
        double of(Subject s) throws Exception;
    }

    private static Map<Subject, Stats> rounds(List<Subject> subjects, int rounds, Measure m) throws Exception {
        Map<Subject, Stats> stats = new LinkedHashMap<>();
        for (int i = 0; i < rounds; i++) {
            for (Subject s : subjects) {
                stats.computeIfAbsent(s, k -> new Stats()).add(m.of(s));
            }
        }
        return stats;
    }

    private void load(Subject s, FakeDrp host, Duration sustained) throws Exception {
        try (Subject.Listening l = s.listen(host)) {
            l.configure();
            // one warm-up, then several timed loops: p99 of one loop of 5,000 moves by a factor of
            // several between loops on a shared box, so each figure is the median over the loops
            Stats p50 = new Stats();
            Stats p99 = new Stats();
            Stats oneClient = new Stats();
            int loops = intEnv("BENCH_LOOPS", 5);
            int perLoop = 5000;
            for (int i = 0; i < loops; i++) {
                Subject.Loop loop = l.oneClientLoop(i == 0 ? 2000 : 0, perLoop);
                p50.add(loop.roundTripsUs().percentile(50));
                p99.add(loop.roundTripsUs().percentile(99));
                oneClient.add(loop.perSecond());
            }
            int logsBefore = host.logLines().size();
            long done = l.sustain(8, sustained);
            double rssAfter = l.rssMiB();
            Thread.sleep(1500); // let the log queue drain to the host
            int logs = host.logLines().size() - logsBefore;
            section(s.label + ": actions over the Unix socket", "");
            out.printf("  1 client, %d loops of %d in a row (median of the loops, min-max):%n", loops, perLoop);
            out.printf("  %-44s %s%n", "  round trip p50 (us)", p50.summary());
            out.printf("  %-44s %s   (target <= 2000 us)%n", "  round trip p99 (us)", p99.summary());
            out.printf("  %-44s %s%n", "  actions/s", oneClient.summary());
            out.printf("  %-44s %s%n", "actions/s, 8 clients for " + sustained.toSeconds() + " s",
                    Stats.fmt(done / (double) sustained.toSeconds()));
            out.printf("  %-44s %s   (target <= 80 MiB)%n", "RSS after that load (MiB)", Stats.fmt(rssAfter));
            out.printf("  %-44s %d of %d%n", "log lines reaching the host during the load", logs, done);
        }
    }

    /**
     * The bench's own code (the fake host that takes every action's log line, and the client)
     * runs in this JVM, whose JIT would otherwise still be compiling it during the first timed
     * loops, beside the provider on the same cores. A throwaway {@code listen} runs the same
     * traffic first, so the timed loops measure the provider and every provider meets the same
     * warm harness; the provider processes that are measured start fresh.
     */
    private void warmHarness(Subject s, FakeDrp host, Duration duration) throws Exception {
        if (duration.isZero()) {
            out.printf("%nharness warm-up: none (BENCH_WARMUP_SECONDS=0)%n");
            return;
        }
        try (Subject.Listening l = s.listen(host)) {
            l.configure();
            long done = l.sustain(8, duration);
            l.oneClientLoop(5000, 0);
            l.stopMs();
            out.printf("%nharness warm-up: a throwaway listen, %d actions from 8 clients in %d s, then 5,000 from one%n",
                    done, duration.toSeconds());
        }
    }

    private void section(String figure, String target) {
        out.printf("%n%s%s%n", figure, target.isEmpty() ? "" : "   target " + target);
    }

    private void line(Subject s, Stats stats, String note) {
        out.printf("  %-26s %-28s %s%n", s.label, stats == null ? "-" : stats.summary(), note);
    }

    private static String ratio(double v, double base) {
        return Double.isNaN(v) || Double.isNaN(base) || base == 0 ? "" : String.format(Locale.ROOT, "%.2fx", v / base);
    }
}
