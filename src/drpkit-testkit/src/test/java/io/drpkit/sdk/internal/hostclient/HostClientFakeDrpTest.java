package io.drpkit.sdk.internal.hostclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.model.RawModel;
import io.drpkit.testkit.FakeDrp;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link io.drpkit.sdk.Host#listObjects} end to end, against the test kit's dial socket. */
class HostClientFakeDrpTest {
    private FakeDrp drp;
    private HostClient host;

    @BeforeEach
    void start() {
        drp = FakeDrp.builder().storeObjects("cows").start();
        host = HostClient.connect(drp.dialPath(), HostClient.Options.defaults());
    }

    @AfterEach
    void stop() {
        host.close();
        drp.close();
    }

    @Test
    void listObjectsReturnsTheStoreObjectsOfThePrefixInCreationOrder() {
        drp.putObject("cows", RawModel.of(RawModel.of("cows", "bessie").json().put("Spotted", true)));
        drp.putObject("cows", RawModel.of("cows", "clara"));

        List<RawModel> cows = host.listObjects("cows");

        assertThat(cows).extracting(RawModel::id).containsExactly("bessie", "clara");
        assertThat(cows.get(0).type()).isEqualTo("cows");
        assertThat(cows.get(0).get("Spotted").orElseThrow().asBoolean()).isTrue();
        assertThat(drp.dialRequests()).extracting(r -> r.method() + " " + r.path())
                .contains("GET /api-server-plugin/v4/objects/cows");
    }

    @Test
    void anEmptyTypeIsAnEmptyList() {
        assertThat(host.listObjects("cows")).isEmpty();
    }

    @Test
    void aPrefixTheHostDoesNotStoreIsA404FromTheHost() {
        assertThatThrownBy(() -> host.listObjects("machines"))
                .isInstanceOfSatisfying(PluginException.class, e -> assertThat(e.error().code()).isEqualTo(404));
    }
}
