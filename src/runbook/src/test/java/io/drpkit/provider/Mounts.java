package io.drpkit.provider;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Mounts for the launcher ITs that need a real read-only or nearly full file system: only root
 * can make them, so each returns false (and the test is skipped) where it cannot.
 */
final class Mounts {
    private Mounts() {
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 40m}) on {@code dir}. */
    static boolean tmpfs(Path dir, String size) throws InterruptedException {
        return isRoot() && run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
    }

    /** Makes {@code dir} read-only, even for root, with a read-only bind mount onto itself. */
    static boolean readOnlyBind(Path dir) throws InterruptedException {
        if (!isRoot() || !run("mount", "--bind", dir.toString(), dir.toString())) {
            return false;
        }
        if (run("mount", "-o", "remount,bind,ro", dir.toString())) {
            return true;
        }
        unmount(dir);
        return false;
    }

    static void unmount(Path dir) throws InterruptedException {
        run("umount", dir.toString());
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
