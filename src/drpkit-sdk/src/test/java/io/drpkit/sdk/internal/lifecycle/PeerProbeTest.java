package io.drpkit.sdk.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerProbeTest {
    @TempDir
    Path tmp;

    @Test
    void aProvidersContentTypeRefusalIsAProviderAndAnythingElseIsNot() {
        assertThat(PeerProbe.classify("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n"
                + "{\"Model\":\"\",\"Key\":\"\",\"Type\":\"POST\",\"Messages\":[\"Invalid content type: \"],\"Code\":400}\n"))
                .isEqualTo(PeerProbe.Peer.PROVIDER);
        assertThat(PeerProbe.classify("HTTP/1.1 404 Not Found\r\n\r\n404 page not found"))
                .isEqualTo(PeerProbe.Peer.OTHER_HTTP);
        assertThat(PeerProbe.classify("SSH-2.0-OpenSSH\r\n")).isEqualTo(PeerProbe.Peer.NO_HTTP_ANSWER);
        assertThat(PeerProbe.classify("")).isEqualTo(PeerProbe.Peer.NO_HTTP_ANSWER);
    }

    @Test
    void aListenerThatNeverAnswersIsNoHttpAnswerWithinTheTimeout() throws IOException {
        Path sock = tmp.resolve("mute.sock");
        try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            mute.bind(UnixDomainSocketAddress.of(sock));
            long start = System.nanoTime();
            assertThat(PeerProbe.probe(sock, Duration.ofMillis(300))).isEqualTo(PeerProbe.Peer.NO_HTTP_ANSWER);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
