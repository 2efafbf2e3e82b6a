package io.drpkit.sdk.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
        "/a/., /a",
        "/a/.b/..c/, /a/.b/..c/",
        "a/b, /a/b",
        "/, /",
        "//, /",
    })
    void cleansLikeGo(String in, String out) {
        assertThat(CleanPath.of(in)).isEqualTo(out);
    }

    @Test
    void answersACleanPathItself() {
        String path = "/api-plugin/v4/action";
        assertThat(CleanPath.of(path)).isSameAs(path);
    }
}
