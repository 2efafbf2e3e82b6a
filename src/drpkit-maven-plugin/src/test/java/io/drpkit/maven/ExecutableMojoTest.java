package io.drpkit.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
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

    @Test
    void rendersDefineBesideTheStubWhichStartsTheMainClassWithTheClassPath() throws Exception {
        Path jar = providerJar("fake.jar", FakeProviderMain.class, Manifest::new);
        byte[] jarBytes = Files.readAllBytes(jar);
        Path out = tmp.resolve("target/fake");
        ExecutableMojo mojo = mojo(jar, out);
        mojo.renderDefine = true;
        mojo.launchWithClassPath = true;

        mojo.execute();

        byte[] definition = ("{\n  \"Name\": \"fake\",\n  \"Live\": \"true\",\n  \"Build\": \"true\",\n"
                + "  \"Token\": \"null\",\n  \"Note\": \"\u00e9\"\n}\n").getBytes(StandardCharsets.UTF_8);
        byte[] written = Files.readAllBytes(out);
        String text = new String(written, StandardCharsets.ISO_8859_1);
        List<String> lines = text.lines().limit(40).toList();
        assertThat(lines).contains("main=io.drpkit.maven.FakeProviderMain");
        String at = lines.stream().filter(l -> l.startsWith("define_at=")).findFirst().orElseThrow().substring(10);
        int offset = Integer.parseInt(at.split(",")[0]);
        int length = Integer.parseInt(at.split(",")[1]);
        assertThat(text.indexOf("# --- jar follows ---\n") + "# --- jar follows ---\n".length())
                .as("the definition starts where the stub ends").isEqualTo(offset);
        assertThat(Arrays.copyOfRange(written, offset, offset + length)).isEqualTo(definition);
        assertThat(Arrays.copyOfRange(written, offset + length, written.length)).isEqualTo(jarBytes);
        assertThat(Files.readAllBytes(jar)).as("the jar itself is left as it was").isEqualTo(jarBytes);
        try (JarFile exe = new JarFile(out.toFile())) {
            assertThat(exe.getEntry("io/drpkit/maven/FakeProviderMain.class")).as("still a jar").isNotNull();
        }
    }

    @Test
    void aDefineThatFailsFailsTheBuildWithItsStderrAndTheOptOut() throws Exception {
        Path jar = providerJar("broken.jar", FailingProviderMain.class, Manifest::new);
        Path out = tmp.resolve("broken");
        ExecutableMojo mojo = mojo(jar, out);
        mojo.renderDefine = true;

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("java -jar " + jar + " define")
                .hasMessageContaining("exited with status 1")
                .hasMessageContaining("Error: the definition is broken: param fake/x has no schema")
                .hasMessageContaining("<renderDefine>false</renderDefine>");
        assertThat(out).doesNotExist();
    }

    @Test
    void withoutRenderingTheStubHasNoDefinitionButStillStartsTheMainClass() throws Exception {
        Path jar = providerJar("fake.jar", FakeProviderMain.class, Manifest::new);
        Path out = tmp.resolve("fake");
        ExecutableMojo mojo = mojo(jar, out);
        mojo.launchWithClassPath = true;

        mojo.execute();

        List<String> lines = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1).lines().limit(40).toList();
        assertThat(lines).contains("main=io.drpkit.maven.FakeProviderMain", "define_at=");
    }

    @Test
    void aManifestThatOnlyJarHonoursKeepsJar() throws Exception {
        Path jar = providerJar("agent.jar", FakeProviderMain.class, () -> {
            Manifest m = new Manifest();
            m.getMainAttributes().putValue("Add-Opens", "java.base/java.lang");
            return m;
        });
        Path out = tmp.resolve("agent");
        ExecutableMojo mojo = mojo(jar, out);
        mojo.launchWithClassPath = true;

        mojo.execute();

        assertThat(new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1).lines().limit(40))
                .contains("main=").doesNotContain("main=io.drpkit.maven.FakeProviderMain");
    }

    /** A jar holding {@code main}'s class file, with it as {@code Main-Class}. */
    private Path providerJar(String name, Class<?> main, java.util.function.Supplier<Manifest> manifests)
            throws IOException {
        Manifest manifest = manifests.get();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main.getName());
        String classFile = main.getName().replace('.', '/') + ".class";
        Path jar = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest);
             InputStream in = main.getClassLoader().getResourceAsStream(classFile)) {
            j.putNextEntry(new JarEntry(classFile));
            in.transferTo(j);
            j.closeEntry();
        }
        return jar;
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
