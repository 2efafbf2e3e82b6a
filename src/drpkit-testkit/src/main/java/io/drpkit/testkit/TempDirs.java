package io.drpkit.testkit;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Temporary directories of the test kit: short ones for sockets, and recursive cleanup. */
final class TempDirs {
    /** Unix socket paths are limited to about 104 bytes, so socket directories live in /tmp. */
    private static final Path SHORT_ROOT = Path.of("/tmp");

    private TempDirs() {
    }

    /** A new private directory directly under {@code /tmp}, e.g. {@code /tmp/dk1234567}. */
    static Path shortDir() throws IOException {
        return Files.createTempDirectory(SHORT_ROOT, "dk");
    }

    /** Deletes {@code dir} and everything under it; failures are ignored (best effort). */
    static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    return delete(file);
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) {
                    return delete(d);
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static FileVisitResult delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort
        }
        return FileVisitResult.CONTINUE;
    }
}
