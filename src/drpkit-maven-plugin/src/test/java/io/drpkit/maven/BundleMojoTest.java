package io.drpkit.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleMojoTest {
    @TempDir
    Path tmp;

    @Test
    void theProjectNamesTheContentPackUnlessAMetaFileOrEntryDoes() throws Exception {
        Files.createDirectories(tmp.resolve("content/params"));
        Files.writeString(tmp.resolve("content/params/hello.name.yaml"), "Name: hello/name\nSchema:\n  type: string\n");
        Files.writeString(tmp.resolve("content/._Description.meta"), "from the file\n");
        BundleMojo mojo = mojo();
        mojo.meta = Map.of("Author", "me");

        mojo.execute();

        String yaml = Files.readString(tmp.resolve("classes/META-INF/drpkit/content.yaml"));
        assertThat(yaml).contains("Name: hello", "DisplayName: Hello provider", "Description: from the file",
                "Author: me", "hello/name");
        assertThat(tmp.resolve("classes/META-INF/drpkit/assets/index")).exists();
    }

    @Test
    void anInvalidSchemaFailsTheBuildNamingTheParam() throws Exception {
        Files.createDirectories(tmp.resolve("content/params"));
        Files.writeString(tmp.resolve("content/params/bad.yaml"), "Name: hello/bad\nSchema:\n  type: integr\n");

        assertThatThrownBy(() -> mojo().execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("hello/bad");
    }

    private BundleMojo mojo() {
        BundleMojo mojo = new BundleMojo();
        mojo.contentDirectory = tmp.resolve("content").toFile();
        mojo.assetsDirectory = tmp.resolve("assets").toFile();
        mojo.outputDirectory = tmp.resolve("classes").toFile();
        mojo.artifactId = "hello";
        mojo.projectName = "Hello provider";
        mojo.projectDescription = "";
        return mojo;
    }
}
