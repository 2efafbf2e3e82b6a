package io.drpkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogWriterTest {
    @Test
    void bytesBecomeLinesWithoutTheirLineEnds() throws Exception {
        List<String> lines = new ArrayList<>();
        try (LogWriter w = LogWriter.to(lines::add)) {
            new ByteArrayInputStream("one\r\ntwo ✓\n\nlast".getBytes(StandardCharsets.UTF_8)).transferTo(w);
            w.flush();
            assertThat(lines).containsExactly("one", "two ✓", "");
        }
        assertThat(lines).containsExactly("one", "two ✓", "", "last");
    }

    @Test
    void aVeryLongLineIsPassedOnInPiecesAndWritesAfterCloseAreIgnored() {
        List<String> lines = new ArrayList<>();
        LogWriter w = LogWriter.to(lines::add);
        byte[] big = "x".repeat(LogWriter.MAX_LINE + 10).getBytes(StandardCharsets.US_ASCII);
        w.write(big, 0, big.length);
        w.close();
        w.write('y');
        w.close();
        assertThat(lines).extracting(String::length).containsExactly(LogWriter.MAX_LINE, 10);
    }

    @Test
    void concurrentWritersNeverSplitALine() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        LogWriter w = LogWriter.to(lines::add);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            String text = ("thread-" + t + " line\n").repeat(200);
            threads[t] = new Thread(() -> w.write(text.getBytes(StandardCharsets.UTF_8), 0, text.length()));
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(lines).hasSize(800).allMatch(l -> l.matches("thread-\\d line"));
    }
}
