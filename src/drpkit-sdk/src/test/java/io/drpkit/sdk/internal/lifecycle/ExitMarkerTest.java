package io.drpkit.sdk.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitMarkerTest {
    @TempDir
    Path tmp;

    @AfterEach
    void clearProperty() {
        System.clearProperty(ExitMarker.PROPERTY);
    }

    @Test
    void successDeletesTheLaunchersMarkerAndFailureKeepsIt() throws Exception {
        Path marker = Files.createFile(tmp.resolve("marker"));
        System.setProperty(ExitMarker.PROPERTY, marker.toString());

        assertThat(ExitMarker.record(1)).isEqualTo(1);
        assertThat(marker).exists();
        assertThat(ExitMarker.record(0)).isZero();
        assertThat(marker).doesNotExist();
    }

    @Test
    void withoutTheLauncherItOnlyReturnsTheCode() {
        assertThat(ExitMarker.record(0)).isZero();
        assertThat(ExitMarker.record(2)).isEqualTo(2);
    }
}
