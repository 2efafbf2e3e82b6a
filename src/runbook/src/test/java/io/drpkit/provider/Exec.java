package io.drpkit.provider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion with a chosen working directory and environment, for the cases
 * {@link io.drpkit.testkit.ProviderProcess} does not cover (a relative executable path, a given
 * cwd, a plain {@code java -jar}). Output goes to files, so a chatty process never blocks on a
 * full pipe. The inherited environment loses every {@code RS_*} and {@code DRPKIT_*} variable, so
 * only what a test sets applies.
 */
final class Exec {
    private Exec() {
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(Path cwd, Map<String, String> env, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("drpkit-exec", ".out");
        Path err = Files.createTempFile("drpkit-exec", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("RS_") || k.startsWith("DRPKIT_"));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command + " did not exit within " + timeout + "; stderr: "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
