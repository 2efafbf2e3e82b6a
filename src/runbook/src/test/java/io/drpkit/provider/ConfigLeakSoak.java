package io.drpkit.provider;

import org.junit.jupiter.api.Test;

/** {@code make soak}: 1,000 {@code /config} calls, as {@link ConfigLeakIT} with five times the calls. */
class ConfigLeakSoak {
    @Test
    void aThousandConfigsLeakNoThreadNoDescriptorNoMemory() {
        RepeatedConfig.run(1_000);
    }
}
