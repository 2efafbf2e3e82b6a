package io.drpkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ActionSpecTest {
    @Test
    void blankCommandIsRejected() {
        assertThatThrownBy(() -> ActionSpec.builder("machines", " ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("action command is blank");
    }

    @Test
    void commandWithWhiteSpaceIsRejected() {
        assertThatThrownBy(() -> ActionSpec.builder("machines", "power on").build())
                .hasMessageContaining("contains white space");
    }

    @Test
    void paramListedTwiceIsRejectedNamingIt() {
        assertThatThrownBy(() -> ActionSpec.builder("machines", "x").requiredParams("a/b")
                .optionalParams("a/b").build()).hasMessage("action x: param a/b is listed twice");
    }

    @Test
    void systemLevelActionHasAnEmptyModel() {
        ActionSpec spec = ActionSpec.system("incrstatus").build();
        assertThat(spec.isSystemLevel()).isTrue();
        assertThat(spec.toAvailableAction().model()).isEmpty();
        assertThat(spec.toAvailableAction().provider()).isEmpty();
    }
}
