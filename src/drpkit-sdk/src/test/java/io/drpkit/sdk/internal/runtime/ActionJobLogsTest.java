package io.drpkit.sdk.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class ActionJobLogsTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void theCurrentJobIsANonNilUuid() {
        String job = "3f0c2d9e-4a1b-4c5d-8e6f-a0b1c2d3e4f5";
        assertThat(ActionJobLogs.currentJob(JSON.objectNode().put("CurrentJob", job))).isEqualTo(job);
        assertThat(ActionJobLogs.currentJob(JSON.objectNode().put("CurrentJob", "00000000-0000-0000-0000-000000000000"))).isNull();
        assertThat(ActionJobLogs.currentJob(JSON.objectNode().put("CurrentJob", ""))).isNull();
        assertThat(ActionJobLogs.currentJob(JSON.objectNode().put("CurrentJob", "not-a-uuid"))).isNull();
        assertThat(ActionJobLogs.currentJob(JSON.objectNode())).isNull();
        assertThat(ActionJobLogs.currentJob(JSON.nullNode())).isNull();
    }
}
