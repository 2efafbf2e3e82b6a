package io.drpkit.sdk.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The launcher's process, named in {@code drpkit.parent.pid}, counts as the parent. */
class ParentWatchTest {
    @AfterEach
    void clearProperty() {
        System.clearProperty(ParentWatch.PARENT_PROPERTY);
    }

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
