package io.drpkit.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A running process's resource figures from {@code /proc/<pid>}: threads, open file descriptors,
 * resident memory. Linux only, which is where the provider runs.
 *
 * @param threads entries in {@code /proc/<pid>/task}
 * @param fds     entries in {@code /proc/<pid>/fd}
 * @param rssKb   {@code VmRSS} in kB
 */
record ProcFigures(int threads, int fds, long rssKb) {

    static ProcFigures of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            return new ProcFigures(count(proc.resolve("task")), count(proc.resolve("fd")), rssKb(proc));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + proc + " (has the process exited?)", e);
        }
    }

    private static int count(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return (int) entries.count();
        }
    }

    private static long rssKb(Path proc) throws IOException {
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return threads + " threads, " + fds + " fds, VmRSS " + rssKb / 1024 + " MiB";
    }
}
