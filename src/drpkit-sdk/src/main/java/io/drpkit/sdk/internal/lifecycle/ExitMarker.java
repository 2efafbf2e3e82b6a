package io.drpkit.sdk.internal.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells the launcher that the command succeeded, whatever the JVM's exit status becomes. A JVM
 * that dumps a start-up archive at exit turns a failed dump (a full disk) into exit status 1;
 * the launcher ({@code scripts/stub.sh}) names an empty file in {@value #PROPERTY} when it
 * trains an archive, and this deletes it on success — a deletion, so it works on a full disk too.
 * Stateless; thread-safe.
 */
public final class ExitMarker {
    /** The system property naming the marker file. */
    public static final String PROPERTY = "drpkit.exit.marker";

    private ExitMarker() {
    }

    /** Deletes the marker when {@code exitCode} is 0; returns {@code exitCode}. */
    public static int record(int exitCode) {
        String marker = System.getProperty(PROPERTY);
        if (exitCode == 0 && marker != null && !marker.isEmpty()) {
            try {
                Files.deleteIfExists(Path.of(marker));
            } catch (IOException | RuntimeException e) {
                // the launcher then goes by the JVM's exit status
            }
        }
        return exitCode;
    }
}
