package io.drpkit.sdk.internal.build;

import io.drpkit.sdk.internal.assets.AssetIndex;
import io.drpkit.sdk.internal.assets.AssetTreeWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies an {@code assets/} directory into an assets root ({@code index} + {@code files/}) for
 * the class path. Dot-files and dot-directories are skipped ({@code .gitkeep}); symbolic links
 * and special files are refused, naming the file.
 */
final class AssetBundler {
    private static final int FILE_DEFAULT = 0644;
    private static final int DIR_DEFAULT = 0755;
    // Group/other write bits depend on the umask of whoever checked the project out; dropping
    // them keeps the bundle the same on every machine. Git itself only tracks the exec bit.
    private static final int REPRODUCIBLE_MASK = 0755;

    private AssetBundler() {
    }

    /** What was bundled. */
    record Result(int files, int directories) {
    }

    /**
     * Replaces {@code outRoot} with the bundle of {@code assetsDir}; a missing {@code assetsDir}
     * gives an empty index.
     *
     * @throws IllegalArgumentException naming the file that cannot be bundled
     */
    static Result bundle(Path assetsDir, Path outRoot) throws IOException {
        deleteTree(outRoot);
        Path filesRoot = outRoot.resolve(AssetIndex.FILES);
        Files.createDirectories(filesRoot);
        List<AssetIndex.Entry> entries = new ArrayList<>();
        if (Files.isDirectory(assetsDir)) {
            Files.walkFileTree(assetsDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (dir.equals(assetsDir)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (isHidden(dir)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    String rel = relative(assetsDir, dir);
                    entries.add(AssetIndex.Entry.directory(rel, mode(dir, DIR_DEFAULT)));
                    Files.createDirectories(filesRoot.resolve(rel));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (isHidden(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink()) {
                        throw new IllegalArgumentException(file + ": symbolic links are not supported in assets;"
                                + " copy the file instead");
                    }
                    if (!attrs.isRegularFile()) {
                        throw new IllegalArgumentException(file + ": not a regular file");
                    }
                    String rel = relative(assetsDir, file);
                    entries.add(AssetIndex.Entry.file(rel, mode(file, FILE_DEFAULT)));
                    Files.copy(file, filesRoot.resolve(rel), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        AssetIndex index = AssetIndex.of(entries);
        Files.writeString(outRoot.resolve(AssetIndex.INDEX), index.format(), StandardCharsets.UTF_8);
        int files = (int) entries.stream().filter(e -> !e.directory()).count();
        return new Result(files, entries.size() - files);
    }

    private static String relative(Path root, Path p) {
        List<String> segments = new ArrayList<>();
        root.relativize(p).forEach(segment -> segments.add(segment.toString()));
        String rel = String.join("/", segments);
        try {
            return AssetIndex.checkPath(rel);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p + ": cannot be an asset: " + e.getMessage(), e);
        }
    }

    private static int mode(Path p, int fallback) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        if (view == null) {
            return fallback;
        }
        return AssetTreeWriter.mode(view.readAttributes().permissions()) & REPRODUCIBLE_MASK;
    }

    private static boolean isHidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
