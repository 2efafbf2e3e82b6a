package io.drpkit.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutableMojoTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheStubThenTheJarWithMode755() throws Exception {
        Path jar = jar("demo.jar", "demo.Main");
        Path out = tmp.resolve("target/demo");

        ExecutableMojo mojo = mojo(jar, out);
        mojo.execute();

        byte[] stub;
        try (InputStream in = ExecutableMojo.stub()) {
            stub = in.readAllBytes();
        }
        byte[] written = Files.readAllBytes(out);
        assertThat(new String(stub, 0, 10)).isEqualTo("#!/bin/sh\n");
        assertThat(Arrays.copyOfRange(written, 0, stub.length)).isEqualTo(stub);
        assertThat(Arrays.copyOfRange(written, stub.length, written.length)).isEqualTo(Files.readAllBytes(jar));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwxr-xr-x");
        try (var files = Files.list(out.getParent())) {
            assertThat(files).as("no temporary file left").containsExactly(out);
        }
    }

    @Test
    void aJarWithoutMainClassFailsSayingWhatToDo() throws IOException {
        Path jar = jar("lib.jar", null);

        assertThatThrownBy(() -> mojo(jar, tmp.resolve("lib")).execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining(jar + " has no Main-Class")
                .hasMessageContaining("maven-shade-plugin");
        assertThat(tmp.resolve("lib")).doesNotExist();
    }

    @Test
    void aMissingJarFailsNamingIt() {
        Path jar = tmp.resolve("absent.jar");

        assertThatThrownBy(() -> mojo(jar, tmp.resolve("x")).execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("no jar at " + jar);
    }

    private static ExecutableMojo mojo(Path jar, Path out) {
        ExecutableMojo mojo = new ExecutableMojo();
        mojo.jar = jar.toFile();
        mojo.executable = out.toFile();
        return mojo;
    }

    private Path jar(String name, String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        Path jar = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
        return jar;
    }
}
