package io.drpkit.sdk.runbook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls into a {@link StepListener} so that its exceptions never disturb a run. */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private Listeners() {
    }

    static void call(Runnable callback, String what) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: step listener failed", what, e);
        }
    }
}
