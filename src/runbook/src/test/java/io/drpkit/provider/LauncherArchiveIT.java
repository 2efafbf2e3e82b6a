package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up archives ({@code scripts/stub.sh}), on copies of the built executable:
 * one per command, each trained by its own command's run, keyed on the JVM that runs (so a Java
 * 25 never meets a Java 17 archive), replaced when the build changes, silent when broken, and
 * soft when the directory is read-only or the disk nearly full.
 */
class LauncherArchiveIT {
    private static String expected;

    @TempDir
    Path tmp;

    @BeforeAll
    static void plainDefinition() {
        expected = ProviderProcess.of(Built.executable()).define(Map.of("DRPKIT_NO_CDS", "1")).stdout();
        assertThat(expected).startsWith("{").endsWith("}\n");
    }

    private static Map<String, String> java(String home) {
        return Map.of("JAVA_HOME", home);
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> m = new HashMap<>(env);
        m.put(name, value);
        return m;
    }

    /** Runs define and checks that it printed the definition and nothing else, anywhere. */
    private static void defineCleanly(Path exe, Map<String, String> env) throws Exception {
        Exec.Result r = Launcher.run(exe.getParent().getParent(), env, exe, "define");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEqualTo(expected);
    }

    /** A run with a class-load log (through JAVA_TOOL_OPTIONS: not an option the archive is keyed on). */
    private static List<String> classesLoaded(Path exe, Map<String, String> env, Path log) throws Exception {
        Exec.Result r = Launcher.run(exe.getParent().getParent(),
                with(env, "JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log), exe, "define");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo(expected);
        return Files.readAllLines(log);
    }

    @Test
    void defineAndListenEachTrainAndThenStartFromTheirOwnArchive() throws Exception {
        Path home = tmp.resolve("plugins");
        Path exe = Launcher.copyInto(home);
        Map<String, String> env = java(Launcher.thisJavaHome());

        defineCleanly(exe, env);
        List<String> afterDefine = Launcher.names(home);
        assertThat(Launcher.archives(home, "define", "jsa")).hasSize(1);
        assertThat(afterDefine).as("define trains its own archive, and nothing else lands").hasSize(2);
        assertThat(classesLoaded(exe, env, tmp.resolve("define.log")))
                .anyMatch(l -> l.contains("io.drpkit.provider.RunbookMain source: shared objects file (top)"));

        try (FakeDrp drp = FakeDrp.start()) {
            listenOnce(exe, env, drp, null);
            assertThat(Launcher.awaitNames(home, n -> Launcher.archives(home, "listen", "jsa").size() == 1))
                    .as("listen's archive, written when the first listen stopped").hasSize(3);
            Path log = tmp.resolve("listen.log");
            listenOnce(exe, with(env, "JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log), drp, null);
            assertThat(Files.readAllLines(log)).as("listen starts from its archive").anyMatch(l -> l.contains(
                    "io.drpkit.sdk.internal.server.UnixHttpServer source: shared objects file (top)"));
        }
        assertThat(Launcher.names(home)).hasSize(3);
    }

    private static void listenOnce(Path exe, Map<String, String> env, FakeDrp drp, String stderrMustContain) {
        ProviderProcess.Builder b = ProviderProcess.builder(exe).readyTimeout(Launcher.TIMEOUT)
                .stopGrace(Launcher.TIMEOUT);
        env.forEach(b::environment);
        try (ProviderProcess p = b.build().listen(drp)) {
            assertThat(p.config(Map.of("Name", "launcher")).status()).as(p.stderr()).isEqualTo(200);
            p.stop();
            assertThat(p.waitForExit(Launcher.TIMEOUT)).isTrue();
            assertThat(p.exitCode()).hasValue(0);
            assertThat(p.stdout()).isEqualTo("READY!\n");
            if (stderrMustContain != null) {
                assertThat(p.stderr()).contains(stderrMustContain);
            }
        }
    }

    @Test
    void aJava25NeverMeetsTheJava17ArchiveAndBuildsItsOwnAotCache() throws Exception {
        assumeThat(Launcher.java25Installed()).as("Temurin 25 at %s", Launcher.JAVA_25).isTrue();
        Path home = tmp.resolve("plugins");
        Path exe = Launcher.copyInto(home);
        Map<String, String> java25 = java(Launcher.JAVA_25.toString());

        defineCleanly(exe, java(Launcher.thisJavaHome()));
        defineCleanly(exe, java25); // trains the AOT cache: nothing printed, not "Not a valid shared archive"
        Launcher.awaitNames(home, n -> Launcher.archives(home, "define", "aot").size() == 1 && Launcher.noTemporaries(n));
        assertThat(Launcher.archives(home, "define", "jsa")).as("the Java 17 archive stays").hasSize(1);

        defineCleanly(exe, java25);
        assertThat(classesLoaded(exe, java25, tmp.resolve("define25.log")))
                .anyMatch(l -> l.contains("io.drpkit.provider.RunbookMain source: shared objects file"));
        defineCleanly(exe, java(Launcher.thisJavaHome()));

        try (FakeDrp drp = FakeDrp.start()) {
            listenOnce(exe, java25, drp, null);
            Launcher.awaitNames(home, n -> Launcher.archives(home, "listen", "aot").size() == 1
                    && Launcher.noTemporaries(n));
            listenOnce(exe, java25, drp, null);
        }
    }

    @Test
    void aKilledTrainingRunLeavesNoArchiveAndTheNextRunTrainsAgain() throws Exception {
        Path home = tmp.resolve("plugins");
        Path exe = Launcher.copyInto(home);
        Map<String, String> java17 = java(Launcher.thisJavaHome());
        try (FakeDrp drp = FakeDrp.start()) {
            ProviderProcess.Builder b = ProviderProcess.builder(exe).readyTimeout(Launcher.TIMEOUT);
            java17.forEach(b::environment);
            try (ProviderProcess p = b.build().listen(drp)) {
                assertThat(p.config(Map.of("Name", "killed")).status()).isEqualTo(200);
                p.kill(); // SIGKILL to the launcher and the JVM: no dump, no rename
            }
            assertThat(Launcher.archives(home, "listen", "jsa")).as("no archive from a killed run").isEmpty();

            listenOnce(exe, java17, drp, null);
            List<String> names = Launcher.awaitNames(home, n -> Launcher.archives(home, "listen", "jsa").size() == 1);
            assertThat(Launcher.noTemporaries(names)).as("the killed run's leftovers are gone: %s", names).isTrue();
        }
    }

    @Test
    void aCorruptArchiveIsIgnoredWithoutAWord() throws Exception {
        Path home = tmp.resolve("plugins");
        Path exe = Launcher.copyInto(home);
        Map<String, String> java17 = java(Launcher.thisJavaHome());
        defineCleanly(exe, java17);
        corrupt(home.resolve(Launcher.archives(home, "define", "jsa").get(0)));
        defineCleanly(exe, java17);

        if (Launcher.java25Installed()) {
            Map<String, String> java25 = java(Launcher.JAVA_25.toString());
            defineCleanly(exe, java25);
            Launcher.awaitNames(home, n -> n.stream().anyMatch(f -> f.endsWith(".aot")) && Launcher.noTemporaries(n));
            corrupt(home.resolve(Launcher.archives(home, "define", "aot").get(0)));
            defineCleanly(exe, java25);
        }
    }

    private static void corrupt(Path archive) throws IOException {
        byte[] junk = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(junk);
        Files.delete(archive); // the JVM writes archives read-only
        Files.write(archive, junk);
    }

    @Test
    void aNewBuildTrainsANewArchiveAndRemovesTheOldOne() throws Exception {
        Path home = tmp.resolve("plugins");
        Path exe = Launcher.copyInto(home);
        Map<String, String> java17 = java(Launcher.thisJavaHome());
        defineCleanly(exe, java17);
        String old = Launcher.archives(home, "define", "jsa").get(0);

        Files.setLastModifiedTime(exe, FileTime.fromMillis(System.currentTimeMillis() + 60_000)); // an upgrade in place
        defineCleanly(exe, java17);

        List<String> now = Launcher.archives(home, "define", "jsa");
        assertThat(now).hasSize(1).doesNotContain(old);
        assertThat(Launcher.names(home)).hasSize(2);
    }

    @Test
    void aReadOnlyDirectoryUsesThePerUserCacheOrRunsWithout() throws Exception {
        Path home = tmp.resolve("plugins");
        Path exe = Launcher.copyInto(home);
        Path user = Files.createDirectory(tmp.resolve("home"));
        ReadOnly ro = ReadOnly.make(home);
        try {
            Map<String, String> env = with(with(java(Launcher.thisJavaHome()), "HOME", user.toString()),
                    "XDG_CACHE_HOME", "");
            defineCleanly(exe, env);
            assertThat(Launcher.names(home)).containsExactly("runbook");
            Path cache = user.resolve(".cache/drpkit");
            assertThat(Launcher.names(cache)).singleElement().asString()
                    .matches("runbook-[0-9]+\\.define\\.[0-9]+-[0-9]+-0\\.jsa");
            assertThat(classesLoaded(exe, env, tmp.resolve("cached.log")))
                    .anyMatch(l -> l.contains("io.drpkit.provider.RunbookMain source: shared objects file (top)"));

            // no writable place at all: it just runs
            Map<String, String> nowhere = with(with(java(Launcher.thisJavaHome()), "HOME", home.resolve("x").toString()),
                    "XDG_CACHE_HOME", home.resolve("y").toString());
            defineCleanly(exe, nowhere);
            assertThat(Launcher.names(home)).containsExactly("runbook");
        } finally {
            ro.undo();
        }
    }

    @Test
    void aNearlyFullDiskIsLeftAlone() throws Exception {
        Path home = Files.createDirectory(tmp.resolve("small"));
        assumeThat(Mounts.tmpfs(home, "40m")).as("can mount a small tmpfs (root)").isTrue();
        try {
            Path exe = Launcher.copyInto(home.resolve("plugins"));
            Path user = Files.createDirectory(home.resolve("home"));
            defineCleanly(exe, with(java(Launcher.thisJavaHome()), "HOME", user.toString()));
            assertThat(Launcher.names(exe.getParent())).containsExactly("runbook");
            try (var files = Files.walk(user)) {
                assertThat(files.filter(Files::isRegularFile)).as("nothing in the user's cache").isEmpty();
            }
        } finally {
            Mounts.unmount(home);
        }
    }

    /** A directory made read-only: a read-only bind mount as root (who may write anywhere), else mode 555. */
    private record ReadOnly(Path dir, boolean mounted) {
        static ReadOnly make(Path dir) throws Exception {
            if (Mounts.readOnlyBind(dir)) {
                return new ReadOnly(dir, true);
            }
            assumeThat(Mounts.isRoot()).as("root cannot be kept out of a mode-555 directory").isFalse();
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            return new ReadOnly(dir, false);
        }

        void undo() throws Exception {
            if (mounted) {
                Mounts.unmount(dir);
            } else {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }
}
