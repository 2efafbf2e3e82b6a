package io.drpkit.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A JDK the launcher stub can pick ({@code JAVA_HOME}) whose {@code bin/java} runs nothing: it
 * records its arguments, one per line, and writes the archive a training run asks for
 * ({@code -XX:ArchiveClassesAtExit=}). It has a {@code release} file, a libjvm and a base
 * archive, the files the stub keys its archives on.
 */
record FakeJdk(Path home, Path argLog) {
    static FakeJdk in(Path dir) throws IOException {
        Path home = dir.resolve("jdk");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib/server"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"17.0.99\"\n");
        Files.writeString(home.resolve("lib/server/libjvm.so"), "not a JVM\n");
        Files.writeString(home.resolve("lib/server/classes.jsa"), "base archive 1\n");
        Path argLog = dir.resolve("java-args");
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\n"
                + ": >'" + argLog + "'\n"
                + "for a in \"$@\"; do\n"
                + "  printf '%s\\n' \"$a\" >>'" + argLog + "'\n"
                + "  case $a in -XX:ArchiveClassesAtExit=*) printf 'archive\\n' >\"${a#*=}\" ;; esac\n"
                + "done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new FakeJdk(home, argLog);
    }

    /** The arguments of the last run. */
    List<String> lastArgs() throws IOException {
        return Files.readAllLines(argLog);
    }
}
