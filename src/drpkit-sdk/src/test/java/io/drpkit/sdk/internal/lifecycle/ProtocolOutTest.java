package io.drpkit.sdk.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtocolOutTest {
    @Test
    void theDescriptorPropertyIsOneToFourDigits() {
        assertThat(ProtocolOut.descriptorNumber("3")).isTrue();
        assertThat(ProtocolOut.descriptorNumber("1023")).isTrue();
        assertThat(ProtocolOut.descriptorNumber(null)).isFalse();
        assertThat(ProtocolOut.descriptorNumber("")).isFalse();
        assertThat(ProtocolOut.descriptorNumber("10000")).isFalse();
        assertThat(ProtocolOut.descriptorNumber("-3")).isFalse();
        assertThat(ProtocolOut.descriptorNumber("3 ")).isFalse();
        assertThat(ProtocolOut.descriptorNumber("٣")).as("a non-ASCII digit").isFalse();
    }

    @Test
    void bytesAreWrittenAsTheyAre() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        byte[] bytes = "{\"Name\": \"é\"}\n".getBytes(StandardCharsets.UTF_8);

        new ProtocolOut(stdout).write(bytes);

        assertThat(stdout.toByteArray()).isEqualTo(bytes);
    }
}
