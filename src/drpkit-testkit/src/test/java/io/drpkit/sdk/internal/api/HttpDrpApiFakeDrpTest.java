package io.drpkit.sdk.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.model.RawModel;
import io.drpkit.testkit.FakeDrp;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpDrpApi} end to end against the test kit's REST API: typed StoreObjects and job logs. */
class HttpDrpApiFakeDrpTest {
    @TempDir
    Path tmp;

    private FakeDrp drp;
    private HttpDrpApi api;

    @BeforeEach
    void start() {
        drp = FakeDrp.builder().storeObjects("typed-cows").start();
        api = HttpDrpApi.connect(ProviderEnvironment.from(drp.providerEnvironment(), tmp), DrpApiOptions.defaults());
    }

    @AfterEach
    void stop() {
        api.close();
        drp.close();
    }

    record Cow(String id, boolean spotted, String location) {
    }

    private static RawModel cow(String id, boolean spotted, String location) {
        ObjectNode o = RawModel.of("typed-cows", id).json();
        o.put("Spotted", spotted).put("Location", location);
        return RawModel.of(o);
    }

    @Test
    void objectsBindsStoredObjectsOfAStoreObjectsType() {
        drp.putObject("typed-cows", cow("bessie", true, "Austin"));
        drp.putObject("typed-cows", cow("clara", false, "Tulsa"));

        assertThat(api.objects("typed-cows", Cow.class))
                .containsExactly(new Cow("bessie", true, "Austin"), new Cow("clara", false, "Tulsa"));
        assertThat(api.objects("typed-cows", RawModel.class)).extracting(RawModel::type).containsOnly("typed-cows");
    }

    @Test
    void objectsOfAnUnknownTypeIsDrpsError() {
        assertThatThrownBy(() -> api.objects("unicorns", Cow.class))
                .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.error().code()).isEqualTo(404));
    }

    @Test
    void appendJobLogAppendsToTheJobsLog() {
        String job = drp.createJob(io.drpkit.sdk.internal.json.DrpJson.objectNode().put("Task", "t1"));
        api.appendJobLog(job, "one\n");
        api.appendJobLog(job, "two ✓\n");
        assertThat(drp.jobLog(job)).isEqualTo("one\ntwo ✓\n");
    }
}
