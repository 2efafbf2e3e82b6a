package io.drpkit.sdk.resource;

import io.drpkit.sdk.internal.json.DrpJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link StateStore} with one pretty-printed JSON file per target in a directory:
 * {@code <directory>/<url-encoded target key>.json}. A save writes a temporary file in the same
 * directory, forces it to disk and renames it over the old file, so a reader (or a provider
 * restarted after a crash) sees the old or the new state, never half of one. The directory is
 * created on the first save. Thread-safe; for several processes over one directory, the last
 * complete save wins.
 *
 * <pre>{@code
 * StateStore store = new FileStateStore(Path.of("resource-state"));
 * }</pre>
 *
 * @since 0.1
 */
public final class FileStateStore implements StateStore {
    private final Path directory;

    /** A store in {@code directory}, which need not exist yet. */
    public FileStateStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory == null");
    }

    public Path directory() {
        return directory;
    }

    /**
     * The file holding target {@code targetKey}'s state. Keys are URL-encoded, so any key
     * (e.g. {@code machines/m1}) maps to one file name in the directory and no two keys share one.
     *
     * @throws IllegalArgumentException if the key is blank
     */
    public Path file(String targetKey) {
        Objects.requireNonNull(targetKey, "targetKey == null");
        if (targetKey.isBlank()) {
            throw new IllegalArgumentException("target key is blank");
        }
        return directory.resolve(URLEncoder.encode(targetKey, StandardCharsets.UTF_8) + ".json");
    }

    /** @throws UncheckedIOException if the file cannot be read or is not a state */
    @Override
    public Optional<ManagerState> load(String targetKey) {
        Path file = file(targetKey);
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource state file " + file + ": " + e, e);
        }
        try {
            return Optional.of(DrpJson.read(json, ManagerState.class));
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("resource state file " + file
                    + " is not a resource manager state: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** @throws UncheckedIOException if the file cannot be written; the old file is then intact */
    @Override
    public void save(String targetKey, ManagerState state) {
        Objects.requireNonNull(state, "state == null");
        Path file = file(targetKey);
        Path temp = null;
        try {
            byte[] json = (DrpJson.prettyWriter().writeValueAsString(state) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(directory);
            // Same directory as the target, so the rename cannot cross file systems.
            temp = Files.createTempFile(directory, "." + file.getFileName() + ".", ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(json);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write resource state file " + file + ": " + e, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** @throws UncheckedIOException if the file exists and cannot be deleted */
    @Override
    public void delete(String targetKey) {
        Path file = file(targetKey);
        try {
            Files.deleteIfExists(file);
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete resource state file " + file + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "FileStateStore{" + directory + "}";
    }

    /** Makes the rename itself durable; not every platform can open a directory, hence best effort. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException ignored) {
            // The rename is still atomic; only its durability across power loss is weaker.
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // A stray hidden .tmp file is never read back; nothing else to do.
        }
    }
}
