package io.drpkit.sdk.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParentWatchTest {
    @AfterEach
    void clearProperty() {
        System.clearProperty(ParentWatch.PARENT_PROPERTY);
    }

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

    /** The launcher's process, named in {@code drpkit.parent.pid}, counts as the parent. */
    @Test
    void theDeathOfTheNamedLauncherProcessRunsTheStopOnce() throws Exception {
        Process launcher = new ProcessBuilder("sleep", "60").start();
        System.setProperty(ParentWatch.PARENT_PROPERTY, Long.toString(launcher.pid()));
        CountDownLatch fired = new CountDownLatch(1);
        try (ParentWatch watch = ParentWatch.start(Duration.ofMillis(50), fired::countDown)) {
            assertThat(fired.await(300, TimeUnit.MILLISECONDS)).as("fired while the launcher lives").isFalse();
            launcher.destroyForcibly().waitFor();
            assertThat(fired.await(10, TimeUnit.SECONDS)).as("fired after the launcher died").isTrue();
        } finally {
            launcher.destroyForcibly();
        }
    }
}
