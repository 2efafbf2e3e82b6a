package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drpkit.sdk.runbook.InvalidRunbookException;
import io.drpkit.sdk.runbook.Runbook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;

/**
 * The runbook versions the provider created with, kept so that {@code runbook-delete} can run
 * the delete steps of the version that ran create even after the runbook changed in DRP. Each
 * version is a file {@code <dir>/<Id>/<sha256 hex>.json} (the runbook's JSON, written to a
 * temporary file and renamed), read back only when its digest matches its name; a version
 * that cannot be read is treated as not kept. Thread-safe.
 */
final class RunbookVersions {
    static final String DIRECTORY = "runbook-versions";
    /** Made on first use: {@code define} loads this class (runbook's actions hold one) but no mapper. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final Map<String, Runbook> cache = new ConcurrentHashMap<>();

    /**
     * Keeps {@code runbook} under {@code dir}; idempotent. A failure is logged: delete then
     * refuses a changed runbook, as if the version had not been kept.
     */
    void keep(Path dir, Runbook runbook) {
        String digest = runbook.digest();
        cache.put(key(runbook.id(), digest), runbook);
        Path file = file(dir, runbook.id(), digest);
        if (Files.isRegularFile(file)) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".version", ".tmp");
            try {
                Files.write(temp, Json.MAPPER.writeValueAsBytes(runbook.toJson()));
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(RunbookVersions.class).warn("cannot keep runbook {} version {} in {}: {}",
                    runbook.id(), digest, file, e.toString());
        }
    }

    /** The version of runbook {@code id} with {@code digest}, if kept. */
    Optional<Runbook> find(Path dir, String id, String digest) {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(digest, "digest == null");
        Runbook cached = cache.get(key(id, digest));
        if (cached != null) {
            return Optional.of(cached);
        }
        Path file;
        try {
            file = file(dir, id, digest);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a hand-edited record: nothing kept under that name
        }
        try {
            JsonNode json = Json.MAPPER.readTree(Files.readAllBytes(file));
            Runbook r = Runbook.of(json);
            if (!r.digest().equals(digest) || !r.id().equals(id)) {
                LoggerFactory.getLogger(RunbookVersions.class).warn("kept runbook version {} does not match its name;"
                        + " ignored", file);
                return Optional.empty();
            }
            cache.put(key(id, digest), r);
            return Optional.of(r);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | InvalidRunbookException | IllegalArgumentException e) {
            LoggerFactory.getLogger(RunbookVersions.class).warn("cannot read kept runbook version {}: {}", file,
                    e.toString());
            return Optional.empty();
        }
    }

    private static String key(String id, String digest) {
        return id + "@" + digest;
    }

    private static Path file(Path dir, String id, String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("not a runbook Id: " + id);
        }
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a runbook digest: " + digest);
        }
        return dir.resolve(id).resolve(hex + ".json");
    }
}
