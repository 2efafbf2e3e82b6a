package io.drpkit.provider;

import org.junit.jupiter.api.Test;

/** 200 {@code /config} calls leave threads, descriptors and memory where they were (issue 11 item 1). */
class ConfigLeakIT {
    @Test
    void twoHundredConfigsLeakNoThreadNoDescriptorNoMemory() {
        RepeatedConfig.run(200);
    }
}
