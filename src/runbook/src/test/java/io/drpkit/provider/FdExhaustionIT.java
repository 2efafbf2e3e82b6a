package io.drpkit.provider;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running out of descriptors never ends the provider (issue 11 item 2); see {@link FdFlood}. */
class FdExhaustionIT {
    @TempDir
    Path tmp;

    @Test
    void aFloodPastTheDescriptorLimitIsShedAndTheProviderAnswersAfterwards() throws Exception {
        FdFlood.run(tmp, 256, 400, 2, Map.of(), FdFlood.SHED);
    }

    @Test
    void aBoundAboveTheDescriptorLimitStillNeverEndsTheProcess() throws Exception {
        // the bound set too high: accept itself fails with EMFILE and backs off
        FdFlood.run(tmp, 256, 400, 1, Map.of("DRPKIT_MAX_CONNECTIONS", "10000"), FdFlood.ACCEPT_FAILED);
    }
}
