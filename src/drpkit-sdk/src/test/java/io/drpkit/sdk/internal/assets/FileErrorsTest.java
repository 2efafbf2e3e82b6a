package io.drpkit.sdk.internal.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileErrorsTest {
    @Test
    void nioExceptionTypesBecomeTheSystemsWords() {
        assertThat(FileErrors.describe("cannot write", Path.of("/x/y"), new AccessDeniedException("/x/y")))
                .isEqualTo("cannot write /x/y: Permission denied");
        assertThat(FileErrors.describe("cannot create directory", Path.of("/proc/foo"),
                new NoSuchFileException("/proc/foo"))).isEqualTo("cannot create directory /proc/foo: No such file or directory");
        assertThat(FileErrors.describe("cannot write", Path.of("/ro/f"),
                new FileSystemException("/ro/f", null, "Read-only file system")))
                .isEqualTo("cannot write /ro/f: Read-only file system");
    }

    @Test
    void anotherFailedPathIsNamedButOurTemporaryFilesAreNot() {
        assertThat(FileErrors.describe("cannot create directory", Path.of("/a/b/c"), new AccessDeniedException("/a/b")))
                .isEqualTo("cannot create directory /a/b/c: Permission denied (/a/b)");
        assertThat(FileErrors.describe("cannot write", Path.of("/a/f"), new AccessDeniedException("/a/.complete123.tmp")))
                .isEqualTo("cannot write /a/f: Permission denied");
    }

    @Test
    void aPlainIOExceptionKeepsItsMessage() {
        assertThat(FileErrors.reason(new IOException("disk on fire"))).isEqualTo("disk on fire");
        assertThat(FileErrors.reason(new IOException())).isEqualTo("IOException");
    }
}
