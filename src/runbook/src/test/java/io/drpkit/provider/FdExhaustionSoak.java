package io.drpkit.provider;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code make soak}: the case, {@code ulimit -n 512} and 700 connections, ten times over. */
class FdExhaustionSoak {
    @TempDir
    Path tmp;

    @Test
    void tenFloodsOf700ConnectionsUnderUlimit512() throws Exception {
        FdFlood.run(tmp, 512, 700, 10, Map.of(), FdFlood.SHED);
    }

    @Test
    void fiveFloodsPastTheDescriptorLimitWithTheBoundRaised() throws Exception {
        FdFlood.run(tmp, 512, 1_000, 5, Map.of("DRPKIT_MAX_CONNECTIONS", "100000"), FdFlood.ACCEPT_FAILED);
    }
}
