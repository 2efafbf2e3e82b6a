package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.testkit.ProviderProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unpack} and {@code autocomplete} file errors (issue 11 item 5), against the built
 * executable: stderr says what failed, on which path, and the operating system's reason; the exit
 * status is 1; stdout stays empty.
 */
class FileErrorsIT {
    @TempDir
    Path tmp;

    private final ProviderProcess runbook = ProviderProcess.of(Built.executable());

    @Test
    void unpackIntoProcSaysTheDirectoryCannotBeCreatedAndWhy() {
        ProviderProcess.Result r = runbook.run(Map.of(), "unpack", "/proc/drpkit-unpack-test");
        assertError(r, "Error: cannot create directory /proc/drpkit-unpack-test: No such file or directory");
    }

    @Test
    void unpackBelowARegularFileSaysNotADirectory() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        ProviderProcess.Result r = runbook.run(Map.of(), "unpack", file.resolve("sub").toString());
        assertError(r, "Error: cannot create directory " + file.resolve("sub") + ": Not a directory");
    }

    @Test
    void unpackWhereTheSystemRefusesSaysSo() {
        ProviderProcess.Result r = runbook.run(Map.of(), "unpack", "/sys/drpkit-unpack-test");
        // root gets EPERM from sysfs, anyone else EACCES
        assertThat(r.stderr().strip()).as(r.stderr()).isIn(
                "Error: cannot create directory /sys/drpkit-unpack-test: Operation not permitted",
                "Error: cannot create directory /sys/drpkit-unpack-test: Permission denied");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void autocompleteIntoAMissingDirectorySaysNoSuchFileOrDirectory() {
        Path target = tmp.resolve("missing/complete.bash");
        ProviderProcess.Result r = runbook.run(Map.of(), "autocomplete", target.toString());
        assertError(r, "Error: cannot write " + target + ": No such file or directory");
        assertThat(tmp.resolve("missing")).doesNotExist();
    }

    @Test
    void autocompleteOntoADirectorySaysIsADirectoryAndLeavesNothingBehind() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        ProviderProcess.Result r = runbook.run(Map.of(), "autocomplete", dir.toString());
        assertError(r, "Error: cannot write " + dir + ": Is a directory");
        try (var left = Files.list(tmp)) {
            assertThat(left).as("no temporary file left").containsExactly(dir);
        }
    }

    @Test
    void autocompleteIntoProcSaysWhy() {
        ProviderProcess.Result r = runbook.run(Map.of(), "autocomplete", "/proc/drpkit-complete-test");
        assertThat(r.stderr().strip()).as(r.stderr())
                .startsWith("Error: cannot write /proc/drpkit-complete-test: ")
                .doesNotContain(".tmp").doesNotContain(".complete");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    private static void assertError(ProviderProcess.Result r, String line) {
        assertThat(r.stderr().strip()).as("stderr").isEqualTo(line);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
    }
}
