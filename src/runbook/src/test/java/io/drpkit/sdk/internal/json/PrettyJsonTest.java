package io.drpkit.sdk.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.provider.Runbook;
import io.drpkit.sdk.model.AvailableAction;
import io.drpkit.sdk.model.PluginProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streaming {@code define} writer prints byte for byte what the mapper's pretty writer
 * prints (the output {@code define} had before it existed), and the streaming tree reader builds
 * the trees the mapper builds.
 */
class PrettyJsonTest {
    private static String mapper(PluginProvider p) throws IOException {
        return DrpJson.prettyWriter().writeValueAsString(p);
    }

    @Test
    void theRunbookDefinitionIsWrittenExactlyAsTheMapperWritesIt() throws IOException {
        PluginProvider p = new Runbook().definition().toPluginProvider();
        assertThat(PrettyJson.pluginProvider(p)).isEqualTo(mapper(p));
    }

    @Test
    void emptyListsMapsAndStringsAreWrittenAsTheMapperWritesThem() throws IOException {
        PluginProvider p = PluginProvider.builder("", "").build();
        assertThat(PrettyJson.pluginProvider(p)).isEqualTo(mapper(p));
    }

    @Test
    void everyMemberKindAndEscapeIsWrittenAsTheMapperWritesIt() throws IOException {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("int", 7).put("long", 1L << 40).put("double", 0.1234567).put("float", 1.5f)
                .put("neg", -0.0).put("big", new BigInteger("123456789012345678901234567890"))
                .put("t", true).put("f", false).putNull("n").put("text", "quote \" slash \\ tab \t nl \n é ☃ \u0001 </x>");
        schema.putArray("empty");
        schema.putObject("emptyObject");
        schema.putArray("nested").add(1).add("two").addObject().putArray("deeper").add(JsonNodeFactory.instance.nullNode());
        PluginProvider p = PluginProvider.builder("näme", "v1 \"quoted\"")
                .meta("Icon", "cog").meta("Color", "ünïcode ✓")
                .pluginVersion(4).autoStart(true).hasPublish(true)
                .action(new AvailableAction("", "machines", "go", List.of("a/b"), List.of()))
                .action(new AvailableAction("p", "", "sys", List.of(), List.of("c", "d")))
                .requiredParams(List.of("x")).optionalParams(List.of("y", "z"))
                .storeObject("cows", JsonNodeFactory.instance.objectNode())
                .storeObject("typed", schema)
                .documentation("line 1\nline 2\r\n")
                .content("meta:\n  Name: x\nsections: {}\n")
                .build();
        assertThat(PrettyJson.pluginProvider(p)).isEqualTo(mapper(p));
    }

    @Test
    void schemasWithNodesOnlyTheMapperCanWriteFallBackToTheMapper() throws IOException {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("decimal", new BigDecimal("1E+3")).put("bytes", new byte[] {1, 2, 3});
        schema.putPOJO("pojo", List.of("a"));
        PluginProvider p = PluginProvider.builder("n", "v").storeObject("odd", schema).build();
        assertThat(PrettyJson.pluginProvider(p)).isEqualTo(mapper(p));
    }

    @Test
    void theStreamingTreeReaderBuildsTheMappersTree() throws IOException {
        String json = "{\"a\":1,\"b\":12345678901,\"c\":123456789012345678901234567890,\"d\":0.5,\"e\":-1e3,"
                + "\"f\":[true,false,null,\"s\",{}],\"g\":{\"h\":[]}}";
        JsonNode mapper = DrpJson.readTree(json);
        JsonNode streamed = JsonTrees.readStrict(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(streamed).isEqualTo(mapper);
        assertThat(streamed.get("a").getClass()).isEqualTo(mapper.get("a").getClass());
        assertThat(streamed.get("b").getClass()).isEqualTo(mapper.get("b").getClass());
        assertThat(streamed.get("c").getClass()).isEqualTo(mapper.get("c").getClass());
        assertThat(streamed.get("e").getClass()).isEqualTo(mapper.get("e").getClass());
    }

    @Test
    void theStreamingTreeReaderRefusesDuplicateNamesAndEmptyInput() {
        assertThatThrownBy(() -> JsonTrees.readStrict(new ByteArrayInputStream("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> JsonTrees.readStrict(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IOException.class);
    }

    @Test
    void topLevelNamesAreReadInDocumentOrderWithoutTheValues() throws IOException {
        assertThat(JsonTrees.topLevelNames("{\"z\":{\"deep\":[1,{\"x\":2}]},\"a\":null,\"m\":[]}"))
                .containsExactly("z", "a", "m");
        assertThatThrownBy(() -> JsonTrees.topLevelNames("[1]")).isInstanceOf(IOException.class);
    }
}
