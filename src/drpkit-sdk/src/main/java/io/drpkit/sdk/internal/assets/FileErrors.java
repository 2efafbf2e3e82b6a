package io.drpkit.sdk.internal.assets;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Error messages for failed file operations that say what failed, on which path, and the
 * operating system's reason in its own words ({@code cannot create directory /proc/foo: No such
 * file or directory}). NIO puts only the path in the message of {@link AccessDeniedException},
 * {@link NoSuchFileException} and the like; the reason is in the exception's type. Stateless.
 */
public final class FileErrors {
    private FileErrors() {
    }

    /**
     * {@code <what> <path>: <reason>}, e.g. {@code cannot write /x/y: Permission denied}. When the
     * failure was on another path than {@code path} (a parent, a temporary file), that path is
     * named too.
     */
    public static String describe(String what, Path path, IOException e) {
        String failed = e instanceof FileSystemException f ? f.getFile() : null;
        String on = failed == null || failed.equals(path.toString()) || isTemporaryBeside(failed, path)
                ? "" : " (" + failed + ")";
        return what + " " + path + ": " + reason(e) + on;
    }

    /** A checked exception carrying {@link #describe}'s message, with {@code e} as its cause. */
    public static IOException wrap(String what, Path path, IOException e) {
        return new IOException(describe(what, path, e), e);
    }

    /** The operating system's words for what went wrong, as {@code strerror(3)} puts them. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason(); // strerror text from the JDK: "Read-only file system" ...
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Our own temporary files beside the target are an implementation detail: not named. */
    private static boolean isTemporaryBeside(String failed, Path path) {
        Path f = Path.of(failed);
        Path parent = path.toAbsolutePath().getParent();
        String name = f.getFileName() == null ? "" : f.getFileName().toString();
        return parent != null && parent.equals(f.toAbsolutePath().getParent())
                && name.startsWith(".") && name.endsWith(".tmp");
    }
}
