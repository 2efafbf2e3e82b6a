package io.drpkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.sdk.internal.lifecycle.ProtocolOut;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider without an unpacker of its own unpacks what drpkit:bundle put on the class path
 * (here: this module's classes, runbook's assets/), as the README promises.
 */
class DefaultUnpackerTest {
    @TempDir
    Path tmp;

    @Test
    void unpackWithoutAnUnpackerWritesTheBundledAssets() {
        Provider plain = () -> ProviderDefinition.builder("plain", "1").build();
        StringWriter err = new StringWriter();

        int code = ProviderApp.run(plain, new String[] {"unpack", "out"}, Map.of(), tmp,
                new ProtocolOut(new ByteArrayOutputStream()), new PrintWriter(err, true));

        assertThat(code).as(err.toString()).isZero();
        assertThat(tmp.resolve("out/README.txt")).exists();
        assertThat(Files.isExecutable(tmp.resolve("out/scripts/runbook-hello.sh"))).isTrue();
        assertThat(err.toString()).isEmpty();
    }
}
