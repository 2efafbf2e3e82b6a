package io.drpkit.sdk.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParentWatchTest {
    @Test
    void theParentPidIsTheFourthFieldWhateverTheCommandName() {
        assertThat(ParentWatch.parsePpid("4242 (java) S 17 4242 17 0 -1 4194560")).hasValue(17L);
        assertThat(ParentWatch.parsePpid("4242 (a b) c)) R 99 1 1")).hasValue(99L);
        assertThat(ParentWatch.parsePpid("garbage")).isEmpty();
        assertThat(ParentWatch.parsePpid("1 (x)")).isEmpty();
    }

    @Test
    void ourParentPidIsReadFromProc() {
        assertThat(ParentWatch.parentPid()).isEqualTo(Optional.of(ProcessHandle.current().parent().orElseThrow().pid()));
    }
}
