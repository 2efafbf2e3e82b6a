package io.drpkit.sdk.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {
    @TempDir
    Path dir;

    @Test
    void aFreshStoreOverTheSameDirectoryLoadsWhatWasSaved() {
        new FileStateStore(dir).save("m1", ManagerStateTest.sample());

        assertThat(new FileStateStore(dir).load("m1")).contains(ManagerStateTest.sample());
    }

    @Test
    void theFileIsIndentedJsonWithAStableShape() throws Exception {
        FileStateStore store = new FileStateStore(dir);
        store.save("m1", ManagerStateTest.sample());

        assertThat(Files.readString(store.file("m1"))).isEqualTo(fixture("fixtures/manager-state.json"));
    }

    @Test
    void aTargetWithoutAFileHasNoState() {
        assertThat(new FileStateStore(dir.resolve("not-yet")).load("m1")).isEmpty();
    }

    @Test
    void saveCreatesTheDirectoryReplacesTheFileAndLeavesNoTemporaryFiles() throws Exception {
        FileStateStore store = new FileStateStore(dir.resolve("state"));
        ManagerState empty = ManagerState.of("m1", List.of(), ManagerStateTest.T0);

        store.save("m1", ManagerStateTest.sample());
        store.save("m1", empty);

        assertThat(store.load("m1")).contains(empty);
        try (Stream<Path> files = Files.list(store.directory())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("m1.json");
        }
    }

    @Test
    void deleteRemovesTheFileAndToleratesAMissingOne() {
        FileStateStore store = new FileStateStore(dir);
        store.save("m1", ManagerStateTest.sample());

        store.delete("m1");
        store.delete("m1");

        assertThat(store.load("m1")).isEmpty();
        assertThat(store.file("m1")).doesNotExist();
    }

    @Test
    void everyKeyMapsToItsOwnFileInsideTheDirectory() {
        FileStateStore store = new FileStateStore(dir);

        assertThat(store.file("machines/m1")).isEqualTo(dir.resolve("machines%2Fm1.json"));
        assertThat(store.file("../etc/passwd").getParent()).isEqualTo(dir);
        assertThat(store.file("a b")).isNotEqualTo(store.file("a+b"));
        assertThatThrownBy(() -> store.file(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("target key is blank");
    }

    @Test
    void aFileThatIsNotAStateFailsNamingTheFile() throws Exception {
        FileStateStore store = new FileStateStore(dir);
        Files.writeString(store.file("m1"), "{not json");

        assertThatThrownBy(() -> store.load("m1"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("resource state file " + store.file("m1")
                        + " is not a resource manager state: ");
    }

    static String fixture(String path) throws Exception {
        try (InputStream in = FileStateStoreTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
