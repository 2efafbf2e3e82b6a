package io.drpkit.sdk.internal.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.content.ContentBundler;
import io.drpkit.sdk.content.ContentPack;
import io.drpkit.sdk.model.Content;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleMainTest {
    @TempDir
    Path tmp;

    @Test
    void writesContentYamlAndAnAssetsIndexWithModes() throws IOException {
        Path content = write("content/params/a.yaml", "Name: a/b\nSchema:\n  type: integer\n", "rw-r--r--");
        write("content/._Name.meta", "demo\n", "rw-r--r--");
        write("assets/README.txt", "hi\n", "rw-rw-r--");
        write("assets/scripts/run.sh", "#!/bin/sh\n", "rwxrwxr-x");
        write("assets/.gitkeep", "", "rw-r--r--");
        write("assets/.hidden/x.txt", "", "rw-r--r--");
        Files.setPosixFilePermissions(tmp.resolve("assets/scripts"), PosixFilePermissions.fromString("rwxr-x---"));
        Path out = tmp.resolve("classes");

        String summary = BundleMain.run(content.getParent().getParent(), tmp.resolve("assets"), out);

        String yaml = Files.readString(out.resolve("META-INF/drpkit/content.yaml"));
        assertThat(yaml).isEqualTo(ContentBundler.of().bundleYaml(tmp.resolve("content")));
        assertThat(ContentPack.of(yaml).content().meta()).containsEntry("Name", "demo").containsEntry("Version", "v0.0.0");
        // group/other write bits are dropped so the bundle does not depend on the umask
        assertThat(out.resolve("META-INF/drpkit/assets/index"))
                .hasContent("0644 README.txt\n0750 scripts/\n0755 scripts/run.sh\n");
        assertThat(out.resolve("META-INF/drpkit/assets/files/scripts/run.sh")).hasContent("#!/bin/sh");
        assertThat(out.resolve("META-INF/drpkit/assets/files/.gitkeep")).doesNotExist();
        assertThat(summary).startsWith("drpkit: bundled 1 params; 2 asset files in 1 directory -> ");
    }

    @Test
    void missingDirectoriesGiveMinimalContentAndAnEmptyIndex() throws IOException {
        Path out = tmp.resolve("classes");

        String summary = BundleMain.run(tmp.resolve("no-content"), tmp.resolve("no-assets"), out);

        Content content = ContentPack.of(Files.readString(out.resolve("META-INF/drpkit/content.yaml"))).content();
        assertThat(content.meta()).containsOnlyKeys(Content.META_FIELDS).containsEntry("Name", "Unspecified");
        assertThat(content.sections()).isEmpty();
        assertThat(out.resolve("META-INF/drpkit/assets/index")).exists().isEmptyFile();
        assertThat(summary).startsWith("drpkit: bundled no content objects; 0 asset files in 0 directories");
    }

    @Test
    void assetsRemovedFromTheSourceDisappearFromTheBundle() throws IOException {
        Path old = write("assets/old.txt", "old\n", "rw-r--r--");
        Path out = tmp.resolve("classes");
        BundleMain.run(tmp.resolve("content"), tmp.resolve("assets"), out);
        Files.delete(old);

        BundleMain.run(tmp.resolve("content"), tmp.resolve("assets"), out);

        assertThat(out.resolve("META-INF/drpkit/assets/files/old.txt")).doesNotExist();
        assertThat(out.resolve("META-INF/drpkit/assets/index")).isEmptyFile();
    }

    @Test
    void symbolicLinkInAssetsFailsNamingIt() throws IOException {
        Path target = write("elsewhere.txt", "x", "rw-r--r--");
        Path link = Files.createDirectories(tmp.resolve("assets")).resolve("link.txt");
        Files.createSymbolicLink(link, target);

        assertThatThrownBy(() -> BundleMain.run(tmp.resolve("content"), tmp.resolve("assets"), tmp.resolve("classes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(link.toString())
                .hasMessageContaining("symbolic link");
    }

    @Test
    void badContentFailsTheBuildNamingTheFile() throws IOException {
        Path bad = write("content/params/notes.txt", "x", "rw-r--r--");

        assertThatThrownBy(() -> BundleMain.main(new String[] {
                tmp.resolve("content").toString(), tmp.resolve("assets").toString(), tmp.resolve("classes").toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bad.toString());
    }

    @Test
    void wrongArgumentCountIsAUsageError() {
        assertThatThrownBy(() -> BundleMain.main(new String[] {"content"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("usage: BundleMain <contentDir> <assetsDir> <outputDir>");
    }

    @Test
    void bundlesTheShippedRunbookContentAndAssets() throws IOException {
        // surefire runs in src/drpkit-sdk; runbook's content pack and assets are at the top
        Path out = tmp.resolve("classes");

        BundleMain.run(Path.of("../../content"), Path.of("../../assets"), out);

        Content content = ContentPack.of(Files.readString(out.resolve("META-INF/drpkit/content.yaml"))).content();
        assertThat(content.meta())
                .containsEntry("Name", "runbook")
                .containsEntry("DisplayName", "Runbook")
                .containsEntry("License", "Apache-2.0")
                .containsEntry("Version", "v0.0.0");
        assertThat(content.section("params")).containsKeys(
                "incrementer/step", "incrementer/parameter", "incrementer/touched", "runbook/events");
        JsonNode events = content.section("params").get("runbook/events").path("Schema");
        assertThat(events.path("type").asText()).isEqualTo("array");
        assertThat(events.path("default").toString()).isEqualTo("[\"machines.create.*\",\"machines.delete.*\"]");
        assertThat(content.section("params").get("incrementer/step").path("Schema").path("default").asInt()).isEqualTo(1);
        assertThat(Files.readString(out.resolve("META-INF/drpkit/assets/index")))
                .contains("0755 scripts/runbook-hello.sh\n")
                .contains("0644 README.txt\n");
    }

    private Path write(String relative, String text, String perms) throws IOException {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
        return file;
    }
}
