package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drpkit.sdk.PluginException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordedOutputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void outputsAreStoredFlatAsStepDotOutputAndReadBackByStep() throws Exception {
        RecordedOutputs r = RecordedOutputs.empty()
                .with("file-tree", "sha256:aa", Map.of("mkroot", Map.of("dir", "/t/m")))
                .with("token-pair", "sha256:bb", Map.of());

        assertThat(r.json()).isEqualTo(JSON.readTree("""
                {"file-tree": {"digest": "sha256:aa", "mkroot.dir": "/t/m"}, "token-pair": {"digest": "sha256:bb"}}"""));
        RecordedOutputs reread = RecordedOutputs.of(Optional.of(r.json()), "m");
        assertThat(reread).isEqualTo(r);
        assertThat(reread.of("file-tree")).isEqualTo(Map.of("mkroot", Map.of("dir", "/t/m")));
        assertThat(reread.has("token-pair")).as("an empty entry still means created").isTrue();
        assertThat(reread.of("token-pair")).isEmpty();
        assertThat(reread.has("other")).isFalse();
        assertThat(reread.of("other")).isEmpty();
        assertThat(reread.digest("file-tree")).contains("sha256:aa");
        assertThat(reread.digest("other")).isEmpty();
        assertThat(reread.runbooks()).containsExactly("file-tree", "token-pair");
    }

    @Test
    void anEntryWrittenBeforeDigestsWereRecordedReadsWithoutOne() {
        RecordedOutputs old = RecordedOutputs.of(Optional.of(read("{\"a\": {\"s.o\": \"x\"}}")), "m");
        assertThat(old.has("a")).isTrue();
        assertThat(old.digest("a")).isEmpty();
        assertThat(old.of("a")).isEqualTo(Map.of("s", Map.of("o", "x")));
    }

    @Test
    void withReplacesAnEntryAndWithoutRemovesItLeavingTheOthers() {
        RecordedOutputs r = RecordedOutputs.empty()
                .with("a", "sha256:1", Map.of("s", Map.of("o", "1")))
                .with("b", "sha256:2", Map.of("s", Map.of("o", "2")))
                .with("a", "sha256:3", Map.of("t", Map.of("p", "3")));

        assertThat(r.of("a")).isEqualTo(Map.of("t", Map.of("p", "3")));
        assertThat(r.without("a").json().fieldNames()).toIterable().containsExactly("b");
        assertThat(r.without("a").without("b").isEmpty()).isTrue();
        assertThat(r.has("a")).as("immutable").isTrue();
    }

    @Test
    void anAbsentOrNullParamIsEmpty() {
        assertThat(RecordedOutputs.of(Optional.empty(), "m").isEmpty()).isTrue();
        assertThat(RecordedOutputs.of(Optional.of(JSON.nullNode()), "m").isEmpty()).isTrue();
    }

    @Test
    void aHandEditedValueOfTheWrongShapeIs409NamingMachineAndParam() {
        for (String bad : new String[] {"[]", "{\"a\": \"x\"}", "{\"a\": {\"nodot\": \"x\"}}",
                "{\"a\": {\"s.o\": 1}}", "{\"a\": {\"s.o.p\": \"x\"}}", "{\"a\": {\"digest\": 3}}",
                "{\"a\": {\"digest\": \"md5:x\"}}"}) {
            JsonNode value = read(bad);
            assertThatThrownBy(() -> RecordedOutputs.of(Optional.of(value), "m-1"))
                    .as(bad)
                    .isInstanceOfSatisfying(PluginException.class, e -> {
                        assertThat(e.error().code()).isEqualTo(409);
                        assertThat(e.error().messages()).singleElement().asString()
                                .startsWith("machine m-1 param runbook/outputs: ");
                    });
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
