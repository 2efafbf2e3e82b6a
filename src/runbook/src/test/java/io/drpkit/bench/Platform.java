package io.drpkit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the bench reads about the machine: the provider's JVM, the launcher's flags, the load. */
final class Platform {
    private static final Pattern STUB_OPTS = Pattern.compile("(?m)^opts=\"([^\"]*)\"");

    private Platform() {
    }

    /** {@code BENCH_JAVA_HOME}, else {@code JAVA_HOME}, else the home of {@code java} on PATH. */
    static Path javaHome(Map<String, String> env) throws IOException {
        for (String name : new String[] {"BENCH_JAVA_HOME", "JAVA_HOME"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank() && Files.isExecutable(Path.of(v, "bin", "java"))) {
                return Path.of(v).toRealPath();
            }
        }
        for (String d : env.getOrDefault("PATH", "").split(":")) {
            Path j = Path.of(d.isEmpty() ? "." : d, "java");
            if (Files.isExecutable(j)) {
                return j.toRealPath().getParent().getParent();
            }
        }
        return Path.of(System.getProperty("java.home"));
    }

    static Map<String, String> release(Path home) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        Path f = home.resolve("release");
        if (Files.isRegularFile(f)) {
            for (String line : Files.readAllLines(f)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
                }
            }
        }
        return m;
    }

    /** The JVM flags the launcher stub passes, read from the executable's script part. */
    static List<String> launcherFlags(Path executable, int major) throws IOException {
        byte[] head = new byte[16384];
        int n;
        try (var in = Files.newInputStream(executable)) {
            n = in.readNBytes(head, 0, head.length);
        }
        Matcher m = STUB_OPTS.matcher(new String(head, 0, n, StandardCharsets.ISO_8859_1));
        List<String> flags = new ArrayList<>(m.find() ? Arrays.asList(m.group(1).trim().split("\\s+"))
                : List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        if (major >= 22) {
            flags.add("--enable-native-access=ALL-UNNAMED");
        }
        if (major >= 23) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        flags.add("-version");
        return flags;
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
