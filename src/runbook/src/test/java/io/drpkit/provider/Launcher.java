package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Helpers for the launcher ITs: a copy of the built executable in a directory of its own, the
 * Java runtimes to point {@code JAVA_HOME} at, and what the launcher left beside the copy.
 */
final class Launcher {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Temurin 25 where this machine has it (the AOT-cache path of the launcher). */
    static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private Launcher() {
    }

    /** The running test JVM's home: a Java 17 unless the build runs on another. */
    static String thisJavaHome() {
        return System.getProperty("java.home");
    }

    static boolean java25Installed() {
        return Files.isExecutable(JAVA_25.resolve("bin/java")) && Files.isRegularFile(JAVA_25.resolve("release"));
    }

    /** Copies {@code target/runbook} to {@code dir/runbook}, executable, and returns the copy. */
    static Path copyInto(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path copy = Files.copy(Built.executable(), dir.resolve("runbook"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        return copy;
    }

    /** Runs {@code exe args} from {@code cwd} with exactly the launcher variables given. */
    static Exec.Result run(Path cwd, Map<String, String> env, Path exe, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(exe.toString());
        command.addAll(List.of(args));
        return Exec.run(cwd, env, TIMEOUT, command);
    }

    /** The file names in {@code dir}, sorted. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** The names in {@code dir} of {@code command}'s archives ({@code runbook.<command>.<key>.<ext>}). */
    static List<String> archives(Path dir, String command, String ext) {
        List<String> names;
        try {
            names = names(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return names.stream().filter(n -> n.matches("runbook\\." + command + "\\.[0-9]+-[0-9]+-[0-9]+\\." + ext))
                .collect(Collectors.toList());
    }

    /** Waits (bounded) until {@code dir}'s names satisfy {@code condition}; returns them. */
    static List<String> awaitNames(Path dir, Predicate<List<String>> condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<String> names = names(dir);
        while (!condition.test(names) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            names = names(dir);
        }
        assertThat(condition).as("files in %s: %s", dir, names).accepts(names);
        return names;
    }

    /** True when {@code names} hold no temporary file of a training run. */
    static boolean noTemporaries(List<String> names) {
        return names.stream().noneMatch(n -> n.endsWith(".tmp"));
    }
}
