package io.drpkit.sdk.internal.assets;

import io.drpkit.sdk.internal.assets.AssetIndex.Entry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes an {@link AssetIndex} into a directory (spec Part A.10), so that nothing lands outside
 * it and a reader never sees a half-written file:
 *
 * <ol>
 *   <li>every file's bytes are checked to exist before anything is written;</li>
 *   <li>the target directory and missing parents are created (0755);</li>
 *   <li>directories are created in index order; a path component that is a symbolic link, or
 *       an existing non-directory where a directory is needed, is refused;</li>
 *   <li>each file is written to a temporary name in its own directory, given its mode, then
 *       renamed over the final name atomically;</li>
 *   <li>directory modes are applied last, deepest first, so a read-only directory can still be
 *       filled.</li>
 * </ol>
 *
 * Files already in the directory and not in the index are left alone, so a second run gives
 * the same tree. Modes are skipped on file systems without POSIX permissions. Stateless and
 * thread-safe; two runs into the same directory at once are not coordinated.
 */
public final class AssetTreeWriter {
    private static final int OWNER_RWX = 0700;
    private static final int DEFAULT_DIR_MODE = 0755;

    /** Where the file bytes come from, by index path. */
    public interface Source {
        /** Whether {@code path} can be opened. */
        boolean exists(String path);

        /** The bytes of {@code path}; the caller closes the stream. */
        InputStream open(String path) throws IOException;

        /** How {@code path} is named in errors (a resource name, a file). */
        String describe(String path);
    }

    private AssetTreeWriter() {
    }

    /**
     * Writes {@code index} into {@code dir}.
     *
     * @throws IOException naming the entry on the first failure; files written before it stay
     */
    public static void write(AssetIndex index, Source source, Path dir) throws IOException {
        Objects.requireNonNull(index, "index == null");
        Objects.requireNonNull(source, "source == null");
        Objects.requireNonNull(dir, "dir == null");
        for (Entry e : index.entries()) {
            if (!e.directory() && !source.exists(e.path())) {
                throw new IOException("asset '" + e.path() + "': " + source.describe(e.path()) + " is missing");
            }
        }
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(dir, dirAttributes(posix, DEFAULT_DIR_MODE));
        Path root = dir.toRealPath();

        List<Entry> directories = new ArrayList<>();
        for (Entry e : index.entries()) {
            if (e.directory()) {
                Path d = ensureDirectories(root, e.path(), e, posix);
                if (posix) {
                    Files.setPosixFilePermissions(d, permissions(e.mode() | OWNER_RWX));
                }
                directories.add(e);
            }
        }
        for (Entry e : index.entries()) {
            if (!e.directory()) {
                writeFile(root, e, source, posix);
            }
        }
        if (posix) {
            for (int i = directories.size() - 1; i >= 0; i--) {
                Entry e = directories.get(i);
                Files.setPosixFilePermissions(root.resolve(e.path()), permissions(e.mode()));
            }
        }
    }

    private static void writeFile(Path root, Entry e, Source source, boolean posix) throws IOException {
        int slash = e.path().lastIndexOf('/');
        Path parent = slash < 0 ? root : ensureDirectories(root, e.path().substring(0, slash), e, posix);
        Path target = inside(root, parent.resolve(e.path().substring(slash + 1)), e);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("asset '" + e.path() + "': " + target + " is a directory");
        }
        Path tmp;
        try {
            tmp = Files.createTempFile(parent, ".drpkit-", ".tmp");
        } catch (IOException ex) {
            throw new IOException("asset '" + e.path() + "': " + FileErrors.describe("cannot write", target, ex), ex);
        }
        try {
            try (InputStream in = source.open(e.path())) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (posix) {
                Files.setPosixFilePermissions(tmp, permissions(e.mode()));
            }
            // rename(2) replaces the name itself: an existing file (or link) at target is swapped
            // out whole, and a link there is never followed.
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            Files.deleteIfExists(tmp);
            throw new IOException("asset '" + e.path() + "': " + FileErrors.describe("cannot write", target, ex), ex);
        } catch (RuntimeException ex) {
            Files.deleteIfExists(tmp);
            throw ex;
        }
    }

    /** Creates {@code relative} under {@code root} one segment at a time, refusing links. */
    private static Path ensureDirectories(Path root, String relative, Entry e, boolean posix) throws IOException {
        Path current = root;
        for (String segment : relative.split("/")) {
            current = inside(root, current.resolve(segment), e);
            if (Files.isSymbolicLink(current)) {
                throw new IOException("asset '" + e.path() + "': " + current
                        + " is a symbolic link; refusing to write through it");
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(current, dirAttributes(posix, DEFAULT_DIR_MODE));
                } catch (IOException ex) {
                    throw new IOException("asset '" + e.path() + "': "
                            + FileErrors.describe("cannot create directory", current, ex), ex);
                }
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("asset '" + e.path() + "': " + current + " exists and is not a directory");
            }
        }
        return current;
    }

    // AssetIndex already rejects '..' and absolute paths; this second check keeps the promise
    // even if that validation is ever loosened.
    private static Path inside(Path root, Path p, Entry e) throws IOException {
        if (!p.normalize().startsWith(root) || p.normalize().equals(root)) {
            throw new IOException("asset '" + e.path() + "' resolves to " + p + ", outside " + root);
        }
        return p;
    }

    private static FileAttribute<?>[] dirAttributes(boolean posix, int mode) {
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions(mode))}
                : new FileAttribute<?>[0];
    }

    /** The permissions of a {@code 0777}-style mode. */
    public static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }

    /** The {@code 0777}-style mode of {@code permissions}. */
    public static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 0400 >> p.ordinal();
        }
        return mode;
    }
}
