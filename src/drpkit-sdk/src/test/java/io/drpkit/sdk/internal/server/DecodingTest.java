package io.drpkit.sdk.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Action;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecodingTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"Command\":\"incrstatus\"}",
        "{\"Model\":{\"Uuid\":\"u\",\"Params\":{\"a\":1.5,\"b\":[1,null,true]}},\"Plugin\":\"p\",\"Command\":\"c\","
                + "\"CommandSet\":\"\",\"Params\":{\"x/y\":2,\"z\":null,\"s\":\"t\"}}",
        "{\"Model\":null,\"Plugin\":null,\"Command\":null,\"CommandSet\":null,\"Params\":null}",
        "{\"command\":\"lower case\",\"PARAMS\":{\"a\":1}}",
        "{\"Command\":\"c\",\"Other\":1}",
        "{\"Command\":5,\"Params\":{}}",
        "{\"Command\":\"a\",\"Command\":\"b\"}",
        "{}",
    })
    void decodesAnActionAsTheMapperDoes(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Action expected = DrpJson.convert(DrpJson.readTree(body), Action.class);

        assertThat(Decoding.actionBody(body).value()).isEqualTo(expected);
    }
}
