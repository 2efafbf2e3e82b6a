package io.drpkit.sdk.internal.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.internal.json.DrpJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SecretsTest {
    private static final String H = Params.HIDDEN;

    @Test
    void withNothingKnownTheTextItselfIsReturned() {
        Secrets s = new Secrets();
        String text = "nothing to hide";
        assertThat(s.mask(text)).isSameAs(text);
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.mask(null)).isNull();
    }

    @Test
    void everyOccurrenceOfEveryKnownValueIsMasked() {
        Secrets s = new Secrets();
        s.replaceConfig(List.of("hunter2"));
        s.learn("open-sesame");
        assertThat(s.mask("pw hunter2, again hunter2; door open-sesame"))
                .isEqualTo("pw " + H + ", again " + H + "; door " + H);
        String clean = "no secret here";
        assertThat(s.mask(clean)).isSameAs(clean);
    }

    @Test
    void aValueContainingAnotherIsMaskedWhole() {
        Secrets s = new Secrets();
        s.learn("pass");
        s.learn("password-123");
        assertThat(s.mask("x password-123 y pass")).isEqualTo("x " + H + " y " + H);
    }

    @Test
    void valuesShorterThanTheMinimumAreNotMaskedInFreeText() {
        Secrets s = new Secrets();
        s.learn("ab");
        s.replaceConfig(List.of("x"));
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.mask("ab x")).isEqualTo("ab x");
    }

    @Test
    void nonStringValuesAreMaskedAsTheirJson() {
        Secrets s = new Secrets();
        s.learn(IntNode.valueOf(987654));
        s.learn(DrpJson.toTree(Map.of("user", "root")));
        s.learn(TextNode.valueOf("quoted-secret"));
        s.learn((JsonNode) null);
        assertThat(s.mask("pin 987654 obj {\"user\":\"root\"} quoted-secret"))
                .isEqualTo("pin " + H + " obj " + H + " " + H);
    }

    @Test
    void secureValuesOfParamsAreOnlyTheSecureOnes() {
        Params p = Params.of(Map.of("a/plain", TextNode.valueOf("visible"), "a/pw", TextNode.valueOf("s3cr3t!")),
                Set.of("a/pw", "a/unset"));
        assertThat(Secrets.secureValues(p)).containsExactly("s3cr3t!");
    }

    @Test
    void aNewConfigurationReplacesTheOldOneButTheOldValuesStayMasked() {
        Secrets s = new Secrets();
        s.replaceConfig(List.of("first-password"));
        s.replaceConfig(List.of("second-password"));
        assertThat(s.mask("first-password second-password")).isEqualTo(H + " " + H);
        assertThat(s.size()).isEqualTo(2);
        s.replaceConfig(List.of("second-password"));
        assertThat(s.size()).isEqualTo(2);
    }

    @Test
    void learnedValuesAreBoundedOldestForgottenFirstButConfigurationValuesStay() {
        Secrets s = new Secrets();
        s.replaceConfig(List.of("config-value"));
        for (int i = 0; i < Secrets.MAX_LEARNED + 10; i++) {
            s.learn("learned-" + i);
        }
        assertThat(s.size()).isEqualTo(Secrets.MAX_LEARNED + 1);
        assertThat(s.mask("learned-0;")).isEqualTo("learned-0;");
        assertThat(s.mask("learned-" + (Secrets.MAX_LEARNED + 9) + ";")).isEqualTo(H + ";");
        assertThat(s.mask("config-value")).isEqualTo(H);
    }

    @Test
    void learningAgainKeepsAValueFromBeingForgotten() {
        Secrets s = new Secrets();
        s.learn("keep-me");
        for (int i = 0; i < Secrets.MAX_LEARNED - 1; i++) {
            s.learn("filler-" + i);
        }
        s.learn("keep-me");      // now the newest
        s.learn("one-more");     // forgets filler-0, not keep-me
        assertThat(s.mask("keep-me filler-0;")).isEqualTo(H + " filler-0;");
    }

    @Test
    void maskingWhileValuesAreAddedOnOtherThreadsNeverLosesAValueAlreadyKnown() throws Exception {
        Secrets s = new Secrets();
        s.learn("always-known");
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<String> seen = new AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 200;
            Thread w = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200; i++) {
                    s.learn("value-" + (base + i));
                }
            });
            w.start();
            writers.add(w);
        }
        go.countDown();
        for (int i = 0; i < 2000; i++) {
            String out = s.mask("x always-known x");
            if (!out.equals("x " + H + " x")) {
                seen.set(out);
            }
        }
        for (Thread w : writers) {
            w.join();
        }
        assertThat(seen.get()).isNull();
        assertThat(s.size()).isEqualTo(801);
    }
}
