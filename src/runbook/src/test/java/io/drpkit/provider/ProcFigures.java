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
        Path proc = Path.of("/proc", Long.toString(jvm(pid)));
        try {
            return new ProcFigures(count(proc.resolve("task")), count(proc.resolve("fd")), rssKb(proc));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + proc + " (has the process exited?)", e);
        }
    }

    /**
     * The provider's JVM for the process {@code pid} of a started executable: {@code pid} itself
     * when the launcher exec'd Java, else the launcher shell's Java child (while a run trains its
     * start-up archive the shell stays, as the JVM's parent).
     */
    static long jvm(long pid) {
        if (isJava(pid)) {
            return pid;
        }
        return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::children)
                .mapToLong(ProcessHandle::pid).filter(ProcFigures::isJava).findFirst().orElse(pid);
    }

    private static boolean isJava(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip().equals("java");
        } catch (IOException e) {
            return false;
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
