package io.drpkit.sdk.internal.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drpkit.sdk.internal.assets.AssetIndex.Entry;
import java.io.IOException;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssetIndexTest {
    @Test
    void formatSortsDirectoriesBeforeTheirContentAndParsesBack() throws IOException {
        AssetIndex index = AssetIndex.of(List.of(
                Entry.file("scripts/run.sh", 0755),
                Entry.file("a-b.txt", 0644),
                Entry.directory("scripts", 0755),
                Entry.file("with space.txt", 0600)));

        String text = index.format();

        assertThat(text).isEqualTo("0644 a-b.txt\n0755 scripts/\n0755 scripts/run.sh\n0600 with space.txt\n");
        assertThat(AssetIndex.parse("test", text).entries()).isEqualTo(index.entries());
        assertThat(AssetIndex.of(List.of()).format()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0644 ../evil", "0644 /abs", "0644 a//b", "0644 ./a", "0644 a/../../b",
            "0644 a/..", "0644 /", "0999 a", "4755 a", "644", "rw-r--r-- a", "0644 "})
    void unsafeOrMalformedLinesAreRejectedNamingSourceAndLine(String line) {
        assertThatThrownBy(() -> AssetIndex.parse("res/index", "0644 fine.txt\n" + line + "\n"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("assets index res/index line 2: ");
    }

    @Test
    void pathListedTwiceOrInsideAFileIsRejected() {
        assertThatThrownBy(() -> AssetIndex.parse("i", "0644 a\n0755 a/\n"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'a' is listed twice");
        assertThatThrownBy(() -> AssetIndex.parse("i", "0644 a\n0644 a/b\n"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'a/b' is inside 'a', which is listed as a file");
    }

    @Test
    void modesConvertBothWays() {
        for (String perms : List.of("rwxr-xr-x", "rw-r--r--", "rw-------", "r-x------", "---------", "rwxrwxrwx")) {
            int mode = AssetTreeWriter.mode(PosixFilePermissions.fromString(perms));
            assertThat(PosixFilePermissions.toString(AssetTreeWriter.permissions(mode))).isEqualTo(perms);
        }
        assertThat(AssetTreeWriter.mode(PosixFilePermissions.fromString("rwxr-xr-x"))).isEqualTo(0755);
    }
}
