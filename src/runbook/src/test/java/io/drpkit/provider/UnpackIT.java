package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.testkit.ProviderProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runbook unpack <dir>} as dr-provision runs it during discovery (spec §1.2, Part A.10):
 * the repository's {@code assets/} tree, byte for byte and with its modes, and a usage error
 * instead of the Go SDK's panic when the directory is missing.
 */
class UnpackIT {
    @TempDir
    Path tmp;

    private final ProviderProcess runbook = ProviderProcess.of(Built.executable());

    @Test
    void unpackWritesTheAssetsTreeByteForByteWithItsModes() throws IOException {
        Path dir = tmp.resolve("files/plugin_providers/runbook"); // parents do not exist yet

        ProviderProcess.Result r = runbook.unpack(dir);

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEmpty();
        assertThat(tree(dir)).isEqualTo(tree(Built.assets()));
        assertThat(tree(dir)).containsKeys("README.txt", "scripts/runbook-hello.sh");
        assertThat(Files.getPosixFilePermissions(dir.resolve("scripts/runbook-hello.sh")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.isExecutable(dir.resolve("README.txt"))).isFalse();
    }

    @Test
    void aSecondUnpackGivesTheSameTree() throws IOException {
        Path dir = tmp.resolve("assets");
        assertThat(runbook.unpack(dir).exitCode()).isZero();
        Map<String, String> first = tree(dir);

        ProviderProcess.Result again = runbook.unpack(dir);

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(tree(dir)).as("no leftovers, same bytes and modes").isEqualTo(first);
    }

    @Test
    void unpackWithoutADirectoryIsAUsageErrorOnStderr() {
        ProviderProcess.Result r = runbook.run(Map.of(), "unpack");

        assertThat(r.exitCode()).isNotZero().isNotEqualTo(2); // 2 is the Go SDK's panic
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("Usage").contains("unpack").contains("DIR");
    }

    /** Relative path to "mode sha-of-bytes" for every entry under {@code root}, symlinks not followed. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                String what = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir"
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? digest(Files.readAllBytes(p)) : "other";
                out.put(root.relativize(p).toString(), mode + " " + what);
            }
        }
        return out;
    }

    private static String digest(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
