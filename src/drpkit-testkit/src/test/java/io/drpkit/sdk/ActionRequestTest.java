package io.drpkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.drpkit.sdk.internal.api.DrpApiOptions;
import io.drpkit.sdk.internal.api.HttpDrpApi;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.RawModel;
import io.drpkit.testkit.FakeDrp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionRequestTest {
    @TempDir
    Path tmp;

    private static final Host NO_HOST = new Host() {
        @Override
        public void publish(String type, String action, String key, Object object) {
        }

        @Override
        public void leaving(DrpError reason) {
        }

        @Override
        public List<RawModel> listObjects(String prefix) {
            return List.of();
        }
    };

    private ActionRequest request(DrpApi api, JsonNode model) {
        ActionSpec spec = ActionSpec.builder("machines", "render").build();
        Config config = Config.builder("p", api, NO_HOST, ProviderEnvironment.from(Map.of(), tmp)).build();
        return ActionRequest.of(spec, new Action(model, "p", "render", "", Map.of()), Params.empty(), config);
    }

    private ActionRequest machineWithJob(DrpApi api, String currentJob) {
        return request(api, DrpJson.objectNode().put("Uuid", "m1").put("CurrentJob", currentJob));
    }

    @Test
    void jobUuidIsTheMachinesCurrentJob() {
        try (HttpDrpApi api = HttpDrpApi.connect(ProviderEnvironment.from(Map.of("RS_TOKEN", "t"), tmp),
                DrpApiOptions.defaults())) {
            assertThat(machineWithJob(api, "5d1c1f3e-2b7a-4c57-9a39-6f3f0c1d2e4b").jobUuid())
                    .hasValue("5d1c1f3e-2b7a-4c57-9a39-6f3f0c1d2e4b");
            assertThat(machineWithJob(api, "").jobUuid()).isEmpty();
            assertThat(machineWithJob(api, "00000000-0000-0000-0000-000000000000").jobUuid()).isEmpty();
            assertThat(request(api, DrpJson.objectNode().put("Uuid", "m1")).jobUuid()).isEmpty();
            assertThat(request(api, NullNode.getInstance()).jobUuid()).isEmpty();
            assertThat(request(api, NullNode.getInstance()).jobLog()).isEmpty();
        }
    }

    @Test
    void jobLogWritesToTheCurrentJobsLog() {
        try (FakeDrp drp = FakeDrp.start();
             HttpDrpApi api = HttpDrpApi.connect(ProviderEnvironment.from(drp.providerEnvironment(), tmp),
                     DrpApiOptions.defaults())) {
            String job = drp.createJob(DrpJson.objectNode().put("Task", "render"));
            JsonNode machine = drp.createMachine(DrpJson.objectNode().put("Name", "m1").put("CurrentJob", job));

            try (JobLog log = request(api, machine).jobLog().orElseThrow()) {
                log.append("rendering boot.ipxe");
            }
            assertThat(drp.jobLog(job)).isEqualTo("rendering boot.ipxe\n");
        }
    }
}
