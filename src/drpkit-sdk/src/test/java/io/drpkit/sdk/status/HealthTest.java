package io.drpkit.sdk.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.sdk.internal.json.DrpJson;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HealthTest {
    @Test
    void hasExactlyWaypointsSixValuesWithTheirCodes() {
        assertThat(Health.values()).containsExactly(Health.UNKNOWN, Health.ALIVE, Health.READY,
                Health.DOWN, Health.PARTIAL, Health.MISSING);
        assertThat(Arrays.stream(Health.values()).mapToInt(Health::code))
                .containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void isWrittenAndReadByName() throws Exception {
        assertThat(DrpJson.write(Health.MISSING)).isEqualTo("\"MISSING\"");
        assertThat(DrpJson.read("\"DOWN\"", Health.class)).isEqualTo(Health.DOWN);
    }
}
