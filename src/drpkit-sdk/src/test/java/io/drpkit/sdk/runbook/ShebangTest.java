package io.drpkit.sdk.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShebangTest {

    @Test
    void splitsLikeLinuxIntoInterpreterAndOneArgument() {
        assertThat(Shebang.parse("#!/bin/sh\necho")).containsExactly("/bin/sh");
        assertThat(Shebang.parse("#! /bin/sh -eu\necho")).containsExactly("/bin/sh", "-eu");
        assertThat(Shebang.parse("#!/usr/bin/env  python3 -u\n")).containsExactly("/usr/bin/env", "python3 -u");
        assertThat(Shebang.parse("#!/bin/sh")).containsExactly("/bin/sh");
    }

    @Test
    void refusesMissingOrRelativeInterpreters() {
        assertThatThrownBy(() -> Shebang.parse("#!\n")).hasMessage("\"#!\" line names no interpreter");
        assertThatThrownBy(() -> Shebang.parse("#!bash\n")).hasMessageContaining("must be an absolute path");
        assertThatThrownBy(() -> Shebang.parse("echo\n")).hasMessageContaining("must start with \"#!\"");
    }
}
