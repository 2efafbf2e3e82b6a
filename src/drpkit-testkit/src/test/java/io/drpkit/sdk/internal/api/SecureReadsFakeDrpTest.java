package io.drpkit.sdk.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.testkit.FakeDrp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoded reads and the getSecure claim; the secrets a session reports, against the test kit. */
class SecureReadsFakeDrpTest {
    private static final String SECRET = "hunter2-long";

    @TempDir
    Path tmp;

    private FakeDrp drp;
    private HttpDrpApi api;
    private String uuid;

    @BeforeEach
    void start() {
        drp = FakeDrp.start();
        api = session(drp.token());
        drp.defineParam("ipmi/password", DrpJson.objectNode().put("type", "string"), true);
        uuid = drp.createMachine("m1");
        drp.setMachineParam(uuid, "ipmi/password", SECRET);
        drp.setMachineParam(uuid, "ipmi/address", "10.0.0.7");
    }

    @AfterEach
    void stop() {
        api.close();
        drp.close();
    }

    private HttpDrpApi session(String token) {
        Map<String, String> env = new java.util.LinkedHashMap<>(drp.providerEnvironment());
        env.put("RS_TOKEN", token);
        return HttpDrpApi.connect(ProviderEnvironment.from(env, tmp), DrpApiOptions.defaults());
    }

    @Test
    void decodingWithoutTheGetSecureClaimIsA403NamingTheClaimAndNoValue() {
        try (HttpDrpApi restricted = session(drp.tokenWithoutGetSecure())) {
            assertThatThrownBy(() -> restricted.decodedParam("machines", uuid, "ipmi/password", true))
                    .isInstanceOfSatisfying(PluginException.class, e -> {
                        assertThat(e.error().code()).isEqualTo(403);
                        assertThat(e.error().model()).isEqualTo("machines");
                        assertThat(e.error().key()).isEqualTo(uuid);
                        assertThat(e.error().messages().get(0)).contains("machines/" + uuid + "/params/ipmi/password",
                                "decode=true", "403", "getSecure", "RS_TOKEN");
                        assertThat(e.error().messages()).hasSize(2); // then DRP's own
                        assertThat(e.getMessage()).doesNotContain(SECRET);
                    });
            assertThatThrownBy(() -> restricted.params("machines", uuid, false, true))
                    .isInstanceOfSatisfying(PluginException.class, e -> {
                        assertThat(e.error().code()).isEqualTo(403);
                        assertThat(e.error().messages().get(0)).contains("getSecure");
                    });
            // without decode the token reads everything, secure values sealed
            assertThat(restricted.param("machines", uuid, "ipmi/password", false))
                    .hasValueSatisfying(v -> assertThat(SecureParams.isSecureData(v)).isTrue());
            assertThat(restricted.params("machines", uuid, false, false)).containsKey("ipmi/address");
        }
    }

    @Test
    void theFullTokenDecodes() {
        assertThat(api.decodedParam("machines", uuid, "ipmi/password", false)).contains(TextNode.valueOf(SECRET));
    }

    @Test
    void theSessionReportsWhatItDecodedOrSealedAndOnlyTheSecureValuesOfAllParams() {
        List<JsonNode> reported = new CopyOnWriteArrayList<>();
        api.reportSecretsTo(reported::add);

        api.params("machines", uuid, false, false);
        assertThat(reported).isEmpty();
        api.params("machines", uuid, false, true);
        assertThat(reported).containsExactly(TextNode.valueOf(SECRET));   // not ipmi/address

        reported.clear();
        api.decodedParam("machines", uuid, "ipmi/password", false);
        assertThat(reported).containsExactly(TextNode.valueOf(SECRET));

        reported.clear();
        api.setSecureParam("machines", uuid, "ipmi/password", "rotated-password");
        assertThat(reported).containsExactly(TextNode.valueOf("rotated-password"));
    }

    @Test
    void aRefusedDecodedReadReportsNothing() {
        List<JsonNode> reported = new CopyOnWriteArrayList<>();
        try (HttpDrpApi restricted = session(drp.tokenWithoutGetSecure())) {
            restricted.reportSecretsTo(reported::add);
            assertThatThrownBy(() -> restricted.decodedParam("machines", uuid, "ipmi/password", false))
                    .isInstanceOf(PluginException.class);
        }
        assertThat(reported).isEmpty();
    }
}
