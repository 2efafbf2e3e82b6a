package io.drpkit.bench;

import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One thing the bench measures: a command line (a provider executable, or the bare JVM) with the
 * environment it runs in. Every process is timed the same way — from {@code ProcessBuilder.start}
 * to its exit (or to {@code READY!}), output to files — so the figures compare. Not thread-safe.
 */
final class Subject {
    private static final byte[] INCRSTATUS = "{\"Command\":\"incrstatus\"}".getBytes(StandardCharsets.UTF_8);
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    final String label;
    private final List<String> command;
    private final Map<String, String> env;

    Subject(String label, List<String> command, Map<String, String> env) {
        this.label = label;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
    }

    Subject with(String label, String name, String value) {
        Map<String, String> e = new HashMap<>(env);
        e.put(name, value);
        return new Subject(label, command, e);
    }

    /** The wall time of one run of the command with {@code args}, in ms; fails on a non-zero exit. */
    double wallMs(String... args) throws IOException, InterruptedException {
        return run(List.of(), args);
    }

    /** The peak RSS (MiB) of one run, through GNU time; NaN where it is not installed. */
    double peakRssMiB(String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(GNU_TIME)) {
            return Double.NaN;
        }
        Path out = Files.createTempFile("dkbench", ".time");
        try {
            run(List.of(GNU_TIME.toString(), "-f", "%M", "-o", out.toString()), args);
            String kib = Files.readString(out).trim();
            return Long.parseLong(kib.substring(kib.lastIndexOf('\n') + 1).trim()) / 1024.0;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private double run(List<String> prefix, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(command);
        cmd.addAll(List.of(args));
        Path dir = Files.createTempDirectory("dkbench");
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().keySet().removeIf(k -> k.startsWith("RS_") || k.startsWith("DRPKIT_"));
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            int rc = p.waitFor();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (rc != 0) {
                throw new IllegalStateException(label + ": " + cmd + " exited " + rc + ": " + Files.readString(err));
            }
            return ms;
        } finally {
            for (Path p : new Path[] {out, err, dir}) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A provider process listening against {@code host}, once it printed {@code READY!}. */
    Listening listen(FakeDrp host) {
        ProviderProcess.Builder b = ProviderProcess.builder(Path.of(command.get(0)))
                .readyTimeout(Duration.ofSeconds(60)).stopGrace(Duration.ofSeconds(60));
        env.forEach(b::environment);
        long t0 = System.nanoTime();
        ProviderProcess p = b.build().listen(host);
        return new Listening(p, (System.nanoTime() - t0) / 1e6);
    }

    /** A listening provider: time to READY!, configuration, actions, memory. */
    static final class Listening implements AutoCloseable {
        final ProviderProcess process;
        final double readyMs;

        Listening(ProviderProcess process, double readyMs) {
            this.process = process;
            this.readyMs = readyMs;
        }

        /** {@code /config}; returns how long its answer took, in ms. */
        double configure() {
            long t0 = System.nanoTime();
            ProviderProcess.Response r = process.config(Map.of("Name", "bench"));
            double ms = (System.nanoTime() - t0) / 1e6;
            if (r.status() != 200) {
                throw new IllegalStateException("config answered " + r.status() + ": " + r.text() + process.stderr());
            }
            return ms;
        }

        void action() {
            ProviderProcess.Response r = process.post("/api-plugin/v4/action", "application/json", INCRSTATUS);
            if (r.status() != 200) {
                throw new IllegalStateException("action answered " + r.status() + ": " + r.text());
            }
        }

        /** {@code warmup} actions, then {@code n} more one after another, each timed. */
        Loop oneClientLoop(int warmup, int n) {
            for (int i = 0; i < warmup; i++) {
                action();
            }
            Stats roundTrips = new Stats();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long a = System.nanoTime();
                action();
                roundTrips.add((System.nanoTime() - a) / 1e3);
            }
            return new Loop(roundTrips, n, (System.nanoTime() - t0) / 1e9);
        }

        /** The resident set of the process and its descendants, in MiB. */
        double rssMiB() throws IOException {
            double kib = rssKiB(process.pid());
            for (ProcessHandle h : ProcessHandle.of(process.pid()).map(ph -> ph.descendants().toList())
                    .orElse(List.of())) {
                kib += rssKiB(h.pid());
            }
            return kib / 1024.0;
        }

        private static double rssKiB(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone meanwhile
            }
            return 0;
        }

        /** {@code clients} threads post actions for {@code duration}; returns the actions completed. */
        long sustain(int clients, Duration duration) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            AtomicBoolean stop = new AtomicBoolean();
            LongAdder done = new LongAdder();
            try {
                List<Future<?>> all = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    all.add(pool.submit(() -> {
                        while (!stop.get()) {
                            action();
                            done.increment();
                        }
                        return null;
                    }));
                }
                Thread.sleep(duration.toMillis());
                stop.set(true);
                for (Future<?> f : all) {
                    f.get();
                }
                return done.sum();
            } finally {
                pool.shutdownNow();
            }
        }

        /** {@code /stop}, then the time until the process (the launcher included) has exited, in ms. */
        double stopMs() {
            long t0 = System.nanoTime();
            process.stop();
            if (!process.waitForExit(Duration.ofSeconds(60))) {
                throw new IllegalStateException("no exit within 60 s of /stop");
            }
            return (System.nanoTime() - t0) / 1e6;
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /** A timed 1-client loop: each round trip in microseconds, how many, and how long they took in all. */
    record Loop(Stats roundTripsUs, int actions, double seconds) {
        double perSecond() {
            return actions / seconds;
        }
    }
}
