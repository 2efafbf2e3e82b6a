package io.drpkit.sdk.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CleanPathTest {
    @ParameterizedTest
    @CsvSource({
        "/api-plugin/v4/config, /api-plugin/v4/config",
        "//api-plugin//v4/config, /api-plugin/v4/config",
        "/api-plugin/./v4/config, /api-plugin/v4/config",
        "/api-plugin/x/../v4/config, /api-plugin/v4/config",
        "/a/, /a/",
        "/.., /",
    })
    void cleansLikeGo(String in, String out) {
        assertThat(CleanPath.of(in)).isEqualTo(out);
    }
}
