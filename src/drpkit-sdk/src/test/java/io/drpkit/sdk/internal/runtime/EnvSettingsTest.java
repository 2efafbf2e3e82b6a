package io.drpkit.sdk.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSettingsTest {
    @Test
    void defaultsStayWithinTheGoSdksRetryWindow() {
        EnvSettings s = new EnvSettings(Map.of());
        assertThat(s.maxBodyBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(s.apiOptions().totalTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.hostOptions().timeouts().call()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.hostOptions().timeouts().connect()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void timeoutsAreConfigurable() {
        EnvSettings s = new EnvSettings(Map.of("DRPKIT_API_TIMEOUT", "3s", "DRPKIT_HOST_TIMEOUT", "750ms"));
        assertThat(s.apiOptions().totalTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.apiOptions().attemptTimeout()).isLessThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(s.hostOptions().timeouts().call()).isEqualTo(Duration.ofMillis(750));
        assertThat(s.hostOptions().timeouts().connect()).isEqualTo(Duration.ofMillis(750));
        assertThat(new EnvSettings(Map.of("DRPKIT_API_TIMEOUT", "2")).apiOptions().totalTimeout())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> new EnvSettings(Map.of("DRPKIT_API_TIMEOUT", "soon")).apiOptions())
                .hasMessageContaining("DRPKIT_API_TIMEOUT").hasMessageContaining("\"soon\"");
        assertThatThrownBy(() -> new EnvSettings(Map.of("DRPKIT_HOST_TIMEOUT", "60s")).hostOptions())
                .hasMessageContaining("DRPKIT_HOST_TIMEOUT").hasMessageContaining("at most 20s");
        assertThatThrownBy(() -> new EnvSettings(Map.of("DRPKIT_MAX_BODY", "-5")).maxBodyBytes())
                .hasMessageContaining("DRPKIT_MAX_BODY");
    }

    @Test
    void theConnectionBoundFollowsTheDescriptorLimitUnlessSet() {
        EnvSettings none = new EnvSettings(Map.of());
        assertThat(none.maxConnections(0)).as("limit unknown").isEqualTo(512);
        assertThat(none.maxConnections(1_048_576)).isEqualTo(512);
        assertThat(none.maxConnections(256)).as("(256 - 64) / 2").isEqualTo(96);
        assertThat(none.maxConnections(64)).as("never below 16").isEqualTo(16);
        assertThat(new EnvSettings(Map.of("DRPKIT_MAX_CONNECTIONS", "2000")).maxConnections(256)).isEqualTo(2000);
        assertThatThrownBy(() -> new EnvSettings(Map.of("DRPKIT_MAX_CONNECTIONS", "0")).maxConnections(256))
                .hasMessageContaining("DRPKIT_MAX_CONNECTIONS").hasMessageContaining("\"0\"");
        assertThat(EnvSettings.fdLimit()).as("this JVM's soft limit, from /proc/self/limits").isPositive();
    }
}
