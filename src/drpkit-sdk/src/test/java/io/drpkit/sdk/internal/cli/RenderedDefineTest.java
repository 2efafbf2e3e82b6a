package io.drpkit.sdk.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.sdk.internal.lifecycle.ProtocolOut;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderedDefineTest {
    private static final byte[] DEFINITION = "{\n  \"Name\": \"rendered\",\n  \"Note\": \"é\"\n}\n"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ProtocolOut out = new ProtocolOut(stdout);

    @Test
    void withoutTheLaunchersLocationDefineIsLeftToTheCommand() {
        // no -Ddrpkit.define.at in this JVM: a plain java -jar, or a jar on another provider's class path
        assertThat(System.getProperty(RenderedDefine.AT_PROPERTY)).isNull();
        assertThat(RenderedDefine.answer(new String[] {"define"}, false, out)).isFalse();
        assertThat(stdout.size()).isZero();
    }

    @Test
    void otherCommandLinesAndLiveRenderingAreLeftToTheCommand() {
        for (String[] args : new String[][] {{}, {"define", "-d"}, {"define", "--help"}, {"--debug", "define"},
                {"version"}, {"listen", "a", "b"}, {"Define"}}) {
            assertThat(RenderedDefine.answer(args, false, out)).as(String.join(" ", args)).isFalse();
        }
        assertThat(RenderedDefine.answer(new String[] {"define"}, true, out)).as("live").isFalse();
        assertThat(stdout.size()).isZero();
    }

    @Test
    void theCopyInTheExecutableIsReadAtTheOffsetTheStubNames() throws Exception {
        Path exe = tmp.resolve("exe");
        byte[] stub = "#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.UTF_8);
        Files.write(exe, concat(stub, DEFINITION, "PK\u0003\u0004jar".getBytes(StandardCharsets.ISO_8859_1)));

        assertThat(RenderedDefine.inExecutable(stub.length + "," + DEFINITION.length, exe.toString()))
                .isEqualTo(DEFINITION);
    }

    @Test
    void aCopyThatIsNotThereOrNotADefinitionIsIgnored() throws Exception {
        Path exe = tmp.resolve("exe");
        Files.write(exe, concat("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), DEFINITION));
        String file = exe.toString();
        int len = DEFINITION.length;

        assertThat(RenderedDefine.inExecutable(null, file)).isNull();
        assertThat(RenderedDefine.inExecutable("10," + len, null)).isNull();
        assertThat(RenderedDefine.inExecutable("10," + len, file + ":" + file)).as("a class path").isNull();
        assertThat(RenderedDefine.inExecutable("10," + len, tmp.resolve("absent").toString())).isNull();
        assertThat(RenderedDefine.inExecutable("10", file)).isNull();
        assertThat(RenderedDefine.inExecutable(",10", file)).isNull();
        assertThat(RenderedDefine.inExecutable("x," + len, file)).isNull();
        assertThat(RenderedDefine.inExecutable("-1," + len, file)).isNull();
        assertThat(RenderedDefine.inExecutable("10," + (len + 1), file)).as("past the end").isNull();
        assertThat(RenderedDefine.inExecutable("9," + len, file)).as("not ending the document").isNull();
        assertThat(RenderedDefine.inExecutable("10," + len, file)).isEqualTo(DEFINITION);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }
}
