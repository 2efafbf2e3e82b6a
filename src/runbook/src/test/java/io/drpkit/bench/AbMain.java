package io.drpkit.bench;

import io.drpkit.testkit.FakeDrp;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code listen}'s memory and latency figures for several variants side by side, alternated
 * within every round so the shared box's load hits them alike (issue 10, memory part). A variant
 * is {@code label=executable[,NAME=value...]}, e.g. {@code before=/tmp/a/runbook} or
 * {@code xmn=target/runbook,DRPKIT_JAVA_OPTS=-Xmn4m}; each runs from its own copy, whose start-up
 * archive its first (training) run writes. Per round and variant: {@code listen}, {@code /config},
 * 1 s idle (RSS, anonymous and file-backed RSS, threads), 2,000 warm-up actions, 5,000 timed
 * (p50/p99, actions/s), {@code clients} clients for {@code seconds} (actions/s, RSS, threads).
 *
 * <p>Usage: {@code java -cp <bench class path> io.drpkit.bench.AbMain <rounds> <seconds> <variant>...};
 * with {@code AB_DUMP=<dir>} each run's {@code smaps} (idle and after the load) is copied there.
 */
public final class AbMain {
    private static final String[] FIGURES = {"idle RSS", "idle anon", "idle file", "idle thr", "p50 us", "p99 us",
            "1c /s", "8c /s", "load RSS", "load anon", "load thr"};

    private AbMain() {
    }

    public static void main(String[] args) throws Exception {
        io.drpkit.sdk.internal.logging.Logging.setLevel(io.drpkit.sdk.internal.logging.Logging.context(),
                ch.qos.logback.classic.Level.WARN);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int rounds = Integer.parseInt(args[0]);
        Duration load = Duration.ofSeconds(Integer.parseInt(args[1]));
        String dump = System.getenv("AB_DUMP");
        Path tmp = Files.createTempDirectory(Path.of("/tmp"), "dkab");
        Map<String, Subject> subjects = new LinkedHashMap<>();
        Map<String, Map<String, Stats>> stats = new LinkedHashMap<>();
        try (FakeDrp host = FakeDrp.builder().storeObjects("runbooks").start()) {
            for (int i = 2; i < args.length; i++) {
                String[] parts = args[i].split(",");
                String label = parts[0].substring(0, parts[0].indexOf('='));
                Path exe = Path.of(parts[0].substring(parts[0].indexOf('=') + 1)).toAbsolutePath();
                Path dir = Files.createDirectories(tmp.resolve(label));
                Path copy = dir.resolve("runbook");
                Files.copy(exe, copy, StandardCopyOption.COPY_ATTRIBUTES);
                Subject s = new Subject(label, List.of(copy.toString()), Map.of());
                for (Map.Entry<String, String> e : host.providerEnvironment().entrySet()) {
                    s = s.with(label, e.getKey(), e.getValue());
                }
                for (int p = 1; p < parts.length; p++) {
                    int eq = parts[p].indexOf('=');
                    s = s.with(label, parts[p].substring(0, eq), parts[p].substring(eq + 1));
                }
                try (Subject.Listening l = s.listen(host)) { // trains the listen archive
                    l.configure();
                    l.action();
                    l.stopMs();
                }
                if (!args[i].contains("DRPKIT_NO_CDS=")) {
                    awaitArchive(dir);
                }
                subjects.put(label, s);
                stats.put(label, new LinkedHashMap<>());
            }
            out.printf("%-10s %-5s", "variant", "round");
            for (String f : FIGURES) {
                out.printf(" %9s", f);
            }
            out.printf("   load average %s%n", Platform.loadavg());
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, Subject> e : subjects.entrySet()) {
                    double[] v = once(e.getValue(), host, load, dump == null ? null : Path.of(dump, e.getKey() + "-" + r));
                    Map<String, Stats> st = stats.get(e.getKey());
                    out.printf("%-10s %-5d", e.getKey(), r);
                    for (int k = 0; k < FIGURES.length; k++) {
                        st.computeIfAbsent(FIGURES[k], x -> new Stats()).add(v[k]);
                        out.printf(" %9.1f", v[k]);
                    }
                    out.printf("   load average %s%n", Platform.loadavg());
                }
            }
            out.println("medians:");
            for (Map.Entry<String, Map<String, Stats>> e : stats.entrySet()) {
                out.printf("%-10s %-5s", e.getKey(), "med");
                for (String f : FIGURES) {
                    out.printf(" %9.1f", e.getValue().get(f).median());
                }
                out.println();
            }
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(java.util.Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void awaitArchive(Path dir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                if (names.stream().anyMatch(n -> n.matches("runbook\\.listen\\..*\\.(jsa|aot)"))
                        && names.stream().noneMatch(n -> n.endsWith(".tmp"))) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no listen archive in " + dir + " after 120 s");
    }

    private static double[] once(Subject s, FakeDrp host, Duration load, Path dump) throws Exception {
        double[] v = new double[FIGURES.length];
        try (Subject.Listening l = s.listen(host)) {
            l.configure();
            Thread.sleep(1000);
            long pid = l.process.pid();
            double[] m = rollup(pid);
            v[0] = l.rssMiB();
            v[1] = m[0];
            v[2] = m[1];
            v[3] = threads(pid);
            save(pid, dump, "idle");
            Subject.Loop loop = l.oneClientLoop(2000, 5000);
            v[4] = loop.roundTripsUs().percentile(50);
            v[5] = loop.roundTripsUs().percentile(99);
            v[6] = loop.perSecond();
            long done = l.sustain(8, load);
            v[7] = done / (double) load.toSeconds();
            v[8] = l.rssMiB();
            v[9] = rollup(pid)[0];
            v[10] = threads(pid);
            save(pid, dump, "load");
            l.stopMs();
        }
        return v;
    }

    /** Anonymous and file-backed resident MiB, from smaps_rollup. */
    private static double[] rollup(long pid) throws IOException {
        long rss = 0;
        long anon = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            if (line.startsWith("Rss:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("Anonymous:")) {
                anon = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new double[] {anon / 1024.0, (rss - anon) / 1024.0};
    }

    private static int threads(long pid) throws IOException {
        try (Stream<Path> t = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return (int) t.count();
        }
    }

    private static void save(long pid, Path dump, String when) throws IOException {
        if (dump == null) {
            return;
        }
        Files.createDirectories(dump);
        Files.write(dump.resolve(when + ".smaps"), Files.readAllBytes(Path.of("/proc/" + pid + "/smaps")));
        List<String> names = new ArrayList<>();
        try (Stream<Path> t = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path p : t.toList()) {
                names.add(Files.readString(p.resolve("comm")).trim());
            }
        }
        Files.write(dump.resolve(when + ".threads"), names);
        Process j = new ProcessBuilder("jcmd", Long.toString(pid), "VM.native_memory", "summary")
                .redirectErrorStream(true).redirectOutput(dump.resolve(when + ".nmt").toFile()).start();
        try {
            j.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
