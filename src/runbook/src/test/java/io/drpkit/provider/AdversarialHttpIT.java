package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an adversary can send on the provider's socket (issue 11, the standing suite): request
 * smuggling patterns, huge and many headers, broken chunking, NUL bytes, and JSON built to hurt
 * (deep nesting, invalid UTF-8, bodies over the limit). The promise each time: a 4xx answer or a
 * closed connection, never a request the sender did not frame, never a crash, and the provider
 * answers the next ordinary request at once. One provider serves the class; after every test it
 * must still be the same process, serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdversarialHttpIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String API = ProviderProcess.API;
    private static final long MAX_BODY = 1 << 20;
    /** What a refused request may get: bad request, too large, headers too large, not implemented. */
    private static final Set<Integer> REFUSALS = Set.of(-1, 400, 413, 431, 501, 505);

    private FakeDrp drp;
    private ProviderProcess p;
    private long pid;

    @BeforeAll
    void start() {
        drp = FakeDrp.start();
        p = ProviderProcess.builder(Built.executable()).environment("DRPKIT_MAX_BODY", Long.toString(MAX_BODY))
                .captureBytes(8 << 20).build().listen(drp);
        pid = p.pid();
        assertThat(p.config(Map.of("Name", "adversary")).text()).isEqualTo(ListenIT.OK);
    }

    @AfterAll
    void stop() {
        try {
            if (p != null) {
                p.close();
            }
        } finally {
            if (drp != null) {
                drp.close();
            }
        }
    }

    @AfterEach
    void stillTheSameProcessServing() {
        assertThat(p.isAlive()).as("the provider survived").isTrue();
        assertThat(p.pid()).isEqualTo(pid);
        long start = System.nanoTime();
        assertThat(p.action(ListenIT.action("incrstatus", NullNode.getInstance(), Map.of())).text())
                .isEqualTo("\"Running\"\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the next ordinary request is prompt")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(drp.logLines()).noneMatch(l -> l.message().contains("STOPPING"));
        assertThat(p.stdout()).isEqualTo("READY!\n");
    }

    // ------------------------------------------------------------------ framing

    @Test
    void contentLengthPlusChunkedNeverRunsASmuggledStop() throws IOException {
        // CL covers the smuggled request, TE ends the body before it: whichever the server picks,
        // the /stop inside must never run as a request of its own
        String smuggled = "POST " + API + "/stop HTTP/1.1\r\nHost: unix\r\nContent-Type: application/json\r\n"
                + "Content-Length: 0\r\n\r\n";
        String body = "0\r\n\r\n" + smuggled;
        String request = "POST " + API + "/action HTTP/1.1\r\nHost: unix\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body;
        String raw = send(request);
        report("CL+TE", raw);
        assertThat(RawHttp.answers(raw)).as("at most the one framed request is answered: %s", raw)
                .isLessThanOrEqualTo(1);
        assertThat(raw).doesNotContain("\"Code\":200");
    }

    @Test
    void chunkedThenContentLengthAndObfuscatedTransferEncodingsAreRefused() throws IOException {
        for (String te : new String[] {"Transfer-Encoding: xchunked", "Transfer-Encoding: chunked, identity",
                "Transfer-Encoding: gzip", "Transfer-Encoding:\tchunked\r\nTransfer-Encoding: identity"}) {
            String request = "POST " + API + "/config HTTP/1.1\r\nHost: unix\r\nContent-Type: application/json\r\n"
                    + te + "\r\nContent-Length: 2\r\n\r\n{}";
            String raw = send(request);
            report(te.replace("\r\n", " | "), raw);
            int status = RawHttp.firstStatus(raw);
            assertThat(status == 200 || REFUSALS.contains(status)).as("%s -> %s", te, raw).isTrue();
            assertThat(RawHttp.answers(raw)).as(te).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void twoContentLengthsThatDisagreeAreRefused() throws IOException {
        String raw = send("POST " + API + "/config HTTP/1.1\r\nHost: unix\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}");
        report("CL twice", raw);
        assertThat(RawHttp.firstStatus(raw)).isIn(REFUSALS);
    }

    @Test
    void brokenChunkingIsRefused() throws IOException {
        String head = "POST " + API + "/config HTTP/1.1\r\nHost: unix\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        for (String body : new String[] {"zz\r\n{}\r\n0\r\n\r\n", "FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
                "2\r\n{}XX0\r\n\r\n", "-2\r\n{}\r\n0\r\n\r\n"}) {
            String raw = send(head + body);
            report("chunked " + RecordedAbbrev.of(body), raw);
            assertThat(RawHttp.firstStatus(raw)).as("%s -> %s", RecordedAbbrev.of(body), raw).isIn(REFUSALS);
        }
    }

    @Test
    void aHugeChunkExtensionIsSkippedNotKept() throws IOException {
        String raw = send("POST " + API + "/config HTTP/1.1\r\nHost: unix\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n2;" + "x".repeat(1 << 20)
                + "\r\n{}\r\n0\r\n\r\n");
        report("1 MiB chunk extension", raw);
        int status = RawHttp.firstStatus(raw);
        assertThat(status == 200 || REFUSALS.contains(status)).as(raw).isTrue();
    }

    @Test
    void hugeAndManyHeadersAreRefused() throws IOException {
        String huge = "POST " + API + "/config HTTP/1.1\r\nHost: unix\r\nX-Huge: " + "a".repeat(2 << 20)
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
        String raw = send(huge);
        report("2 MiB header", raw);
        assertThat(RawHttp.firstStatus(raw)).isIn(REFUSALS);

        StringBuilder many = new StringBuilder("POST " + API + "/config HTTP/1.1\r\nHost: unix\r\n");
        for (int i = 0; i < 20_000; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        many.append("Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
        raw = send(many.toString());
        report("20,000 headers", raw);
        assertThat(RawHttp.firstStatus(raw)).isIn(REFUSALS);
    }

    @Test
    void nulBytesInTheRequestLineAndHeadersAreRefused() throws IOException {
        for (String request : new String[] {
                "POST " + API + "/con\0fig HTTP/1.1\r\nHost: unix\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2\r\n\r\n{}",
                "POST " + API + "/config HTTP/1.1\r\nHost: unix\r\nX-Evil: a\0b\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 2\r\n\r\n{}",
                "\0\0\0\0\0\0\0\0\r\n\r\n"}) {
            String raw = send(request);
            report("NUL " + RecordedAbbrev.of(request), raw);
            int status = RawHttp.firstStatus(raw);
            // a NUL in a header value reaches no route that reads it: a 200 is harmless there
            assertThat(REFUSALS.contains(status) || (status == 200 && request.contains("X-Evil")))
                    .as("%s -> %s", RecordedAbbrev.of(request), raw).isTrue();
        }
    }

    @Test
    void aRequestThatNeverEndsItsHeadDoesNotHoldOtherClients() throws IOException {
        try (var slow = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            slow.connect(java.net.UnixDomainSocketAddress.of(p.servePath()));
            slow.write(java.nio.ByteBuffer.wrap(("POST " + API + "/config HTTP/1.1\r\nHost: un")
                    .getBytes(StandardCharsets.US_ASCII)));
            long start = System.nanoTime();
            assertThat(p.action(ListenIT.action("incrstatus", NullNode.getInstance(), Map.of())).status())
                    .isEqualTo(200);
            System.out.printf("adversarial: an action while a head is half sent answered in %d ms%n",
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
        }
    }

    // ------------------------------------------------------------------ JSON

    @Test
    void deeplyNestedJsonIsA400NotAStackOverflow() throws IOException {
        for (String open : new String[] {"[", "{\"a\":"}) {
            int depth = 200_000;
            String body = "{\"Name\":\"adversary\",\"x\":" + open.repeat(depth);
            long start = System.nanoTime();
            ProviderProcess.Response r = p.post(API + "/config", "application/json",
                    body.getBytes(StandardCharsets.UTF_8));
            System.out.printf("adversarial: JSON nested %,d deep with %s (%d KiB): %d in %d ms%n", depth, open,
                    body.length() / 1024, r.status(), Duration.ofNanos(System.nanoTime() - start).toMillis());
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.error().messages()).singleElement().asString().isNotBlank();
        }
        assertThat(p.stderr()).doesNotContain("StackOverflowError").doesNotContain("OutOfMemoryError");
    }

    @Test
    void invalidUtf8IsA400() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write("{\"Name\":\"adv".getBytes(StandardCharsets.US_ASCII));
        body.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        body.write("\"}".getBytes(StandardCharsets.US_ASCII));
        ProviderProcess.Response r = p.post(API + "/config", "application/json", body.toByteArray());
        System.out.printf("adversarial: invalid UTF-8: %d %s", r.status(), r.text());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error().messages()).singleElement().asString().containsIgnoringCase("utf");
    }

    @Test
    void bodiesOverTheLimitAre413WhateverTheFraming() throws IOException {
        // declared over the limit: refused at once, before the body is read (only 1 KiB of it is sent)
        String declared = send("POST " + API + "/config HTTP/1.1\r\nHost: unix\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (64 * MAX_BODY) + "\r\n\r\n{\"Name\":\"" + "x".repeat(1024));
        report("Content-Length 64 MiB, 1 KiB sent", declared);
        assertThat(RawHttp.firstStatus(declared)).isEqualTo(413);
        assertThat(declared).contains("\"Code\":413").contains("exceeds the limit of " + MAX_BODY);

        // declared small, sent large: the rest is the next "request", which must be refused
        String lie = "POST " + API + "/config HTTP/1.1\r\nHost: unix\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\n\r\n{}" + "x".repeat(10_000) + "\r\n\r\n";
        String raw = send(lie);
        report("CL shorter than the body", raw);
        assertThat(RawHttp.firstStatus(raw)).isEqualTo(200);
        int second = raw.indexOf("HTTP/1.", 1);
        assertThat(second < 0 ? "" : raw.substring(second)).as("the rest is refused, never served")
                .doesNotContain("HTTP/1.1 200");

        // chunked past the limit, in many small chunks
        StringBuilder chunks = new StringBuilder();
        String piece = "x".repeat(4096);
        for (long sent = 0; sent <= MAX_BODY; sent += piece.length()) {
            chunks.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        raw = send("POST " + API + "/action HTTP/1.1\r\nHost: unix\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunks);
        report("chunked over the limit", raw);
        assertThat(RawHttp.firstStatus(raw)).isEqualTo(413);
    }

    // ------------------------------------------------------------------ helpers

    private String send(String request) throws IOException {
        return RawHttp.sendRaw(p.servePath(), request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(5));
    }

    private static void report(String what, String raw) {
        String first = raw.isEmpty() ? "(closed without an answer)" : raw.lines().findFirst().orElse("");
        System.out.printf("adversarial: %s -> %s, %d answer(s)%n", what, first, RawHttp.answers(raw));
    }

    /** A request or body cut for a report line. */
    private static final class RecordedAbbrev {
        static String of(String s) {
            String t = s.replace("\0", "\\0").replace("\r\n", "\\r\\n");
            return t.length() > 40 ? t.substring(0, 40) + "..." : t;
        }
    }
}
