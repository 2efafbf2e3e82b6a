package io.drpkit.sdk.internal.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the curl executable as an independent HTTP client over a Unix socket. */
public final class Curl {

    /** Outcome of one curl run; {@code stdout} is whatever {@code -w} printed. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private final Path socket;
    private final Path scratch;

    public Curl(Path socket, Path scratch) {
        this.socket = socket;
        this.scratch = scratch;
    }

    /** Skips the calling test, with a reason, if curl cannot be run. */
    public static void assumeAvailable() {
        assumeTrue(isAvailable(), "curl is not installed (or not on PATH): skipping the curl interop tests");
    }

    /** Whether {@code curl --version} runs. */
    public static boolean isAvailable() {
        try {
            Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code curl -sS --unix-socket <socket> <args>} and waits (at most 10 s) for it. */
    public Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--unix-socket", socket.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(scratch, "out", ".txt");
        Path err = Files.createTempFile(scratch, "err", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("curl did not finish within 10 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
