package io.drpkit.sdk.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drpkit.sdk.Unpacker;
import io.drpkit.sdk.internal.build.BundleMain;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetsTest {
    private static final String SCRIPT = "#!/bin/sh\necho \"hello $*\"\n";

    @TempDir
    Path tmp;
    private Path assets;
    private URLClassLoader loader;
    private final List<URLClassLoader> craftedLoaders = new ArrayList<>();

    @BeforeEach
    void buildAssetsWithBundleMain() throws IOException {
        assets = tmp.resolve("assets");
        write(assets.resolve("README.txt"), "read me\n", "rw-r--r--");
        write(assets.resolve("scripts/hello.sh"), SCRIPT, "rwxr-xr-x");
        write(assets.resolve("scripts/private.txt"), "secret-ish\n", "rw-------");
        write(assets.resolve("scripts/.gitkeep"), "", "rw-r--r--");
        Path deep = assets.resolve("data/nested/blob.bin");
        byte[] blob = new byte[70_000];
        Arrays.fill(blob, (byte) 0xA5);
        blob[0] = 0;
        write(deep, "", "rw-r--r--");
        Files.write(deep, blob);
        for (String d : new String[] {"", "scripts", "data", "data/nested"}) {
            // explicit, so the expected tree does not depend on the umask
            Files.setPosixFilePermissions(assets.resolve(d), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path out = tmp.resolve("classes");
        BundleMain.main(new String[] {tmp.resolve("no-content").toString(), assets.toString(), out.toString()});
        loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, null);
    }

    @AfterEach
    void closeLoader() throws IOException {
        loader.close();
        for (URLClassLoader crafted : craftedLoaders) {
            crafted.close();
        }
    }

    @Test
    void unpackRestoresTheSameFilesBytesAndModes() throws IOException {
        Path target = tmp.resolve("unpacked");

        unpacker().unpack(target);

        assertThat(tree(target)).isEqualTo(tree(assets));
        assertThat(Files.getPosixFilePermissions(target.resolve("scripts/hello.sh")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.readString(target.resolve("scripts/hello.sh"))).isEqualTo(SCRIPT);
        assertThat(target.resolve("scripts/.gitkeep")).doesNotExist();
    }

    @Test
    void secondUnpackGivesTheSameTreeAndRestoresChangedFiles() throws IOException {
        Path target = tmp.resolve("unpacked");
        unpacker().unpack(target);
        Map<String, String> first = tree(target);
        Files.writeString(target.resolve("README.txt"), "changed locally\n");
        Files.setPosixFilePermissions(target.resolve("scripts/hello.sh"), PosixFilePermissions.fromString("rw-r--r--"));

        unpacker().unpack(target);

        assertThat(tree(target)).isEqualTo(first);
        try (Stream<Path> files = Files.list(target.resolve("scripts"))) {
            assertThat(files).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        }
    }

    @Test
    void unpackCreatesAMissingTargetAndItsParents() throws IOException {
        Path target = tmp.resolve("a/b/c");

        unpacker().unpack(target);

        assertThat(target).isDirectory();
        assertThat(Files.getPosixFilePermissions(tmp.resolve("a"))).contains(PosixFilePermission.OWNER_WRITE);
        assertThat(target.resolve("README.txt")).hasContent("read me");
    }

    @Test
    void entryEscapingWithDotDotIsRejectedAndNothingIsWritten(@TempDir Path crafted) throws IOException {
        Path target = tmp.resolve("box/target");
        Unpacker evil = craftedAssets(crafted, "0644 ok.txt\n0644 ../evil\n", "ok.txt", "../evil");

        assertThatThrownBy(() -> evil.unpack(target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("../evil")
                .hasMessageContaining("line 2");
        assertThat(tmp.resolve("box")).doesNotExist();
    }

    @Test
    void absoluteEntryIsRejectedAndNothingIsWritten(@TempDir Path crafted) throws IOException {
        Path outside = tmp.resolve("abs-evil");
        Path target = tmp.resolve("target");
        Unpacker evil = craftedAssets(crafted, "0644 " + outside + "\n", outside.toString());

        assertThatThrownBy(() -> evil.unpack(target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(outside.toString())
                .hasMessageContaining("absolute");
        assertThat(outside).doesNotExist();
        assertThat(target).doesNotExist();
    }

    @Test
    void symbolicLinkInTheTargetIsNotFollowed() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path target = Files.createDirectories(tmp.resolve("target"));
        Files.createSymbolicLink(target.resolve("scripts"), outside);

        assertThatThrownBy(() -> unpacker().unpack(target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("scripts")
                .hasMessageContaining("symbolic link");
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void listedFileWithoutItsBytesFailsBeforeWritingAnything(@TempDir Path crafted) throws IOException {
        Path target = tmp.resolve("target");
        Unpacker broken = craftedAssets(crafted, "0644 here.txt\n0644 gone.txt\n", "here.txt");

        assertThatThrownBy(() -> broken.unpack(target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("gone.txt");
        assertThat(target).doesNotExist();
    }

    @Test
    void missingIndexIsAnErrorNamingTheResource() {
        Unpacker none = Assets.fromClasspath("no/such/root", loader);

        assertThatThrownBy(() -> none.unpack(tmp.resolve("target")))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("no/such/root/index");
    }

    @Test
    void emptyIndexUnpacksNothing(@TempDir Path crafted) throws IOException {
        Path target = tmp.resolve("target");

        craftedAssets(crafted, "").unpack(target);

        assertThat(target).isEmptyDirectory();
    }

    @Test
    void rootMustBeARelativeResourceFolder() {
        assertThatThrownBy(() -> Assets.fromClasspath("/abs", loader))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Assets.fromClasspath(" ", loader))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Unpacker unpacker() {
        return Assets.fromClasspath(Assets.DEFAULT_ROOT, loader);
    }

    /** A class path root "crafted/assets" with {@code index} and empty files for {@code present}. */
    private Unpacker craftedAssets(Path classpath, String index, String... present) throws IOException {
        Path root = Files.createDirectories(classpath.resolve("crafted/assets"));
        Files.writeString(root.resolve("index"), index);
        for (String name : present) {
            Path file = root.resolve("files").resolve(name.replaceFirst("^/+", "")).normalize();
            if (file.startsWith(root)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, "x");
            }
        }
        URLClassLoader crafted = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null);
        craftedLoaders.add(crafted);
        return Assets.fromClasspath("crafted/assets/", crafted);
    }

    /** Relative path → mode and bytes (hash) of every non-dot entry under {@code root}. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path rel = root.relativize(p);
                if (p.equals(root) || rel.toString().contains("/.") || rel.toString().startsWith(".")) {
                    continue;
                }
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                String what = Files.isDirectory(p) ? "dir" : Arrays.hashCode(Files.readAllBytes(p)) + "/" + Files.size(p);
                out.put(rel.toString(), mode + " " + what);
            }
        }
        return out;
    }

    private static void write(Path file, String text, String perms) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    }
}
