package io.drpkit.sdk.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.Host;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.config.ParamSpec;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.internal.secrets.Secrets;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.DrpError;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime fills its secrets from {@code /config} and actions and masks every error it answers. */
class ProviderRuntimeSecretsTest {
    private static final String CONFIG_SECRET = "config-pass-1";
    private static final String ACTION_SECRET = "action-pass-2";

    private static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            throw new UnsupportedOperationException(m.getName());
        }));
    }

    private final Secrets secrets = new Secrets();
    private final ProviderRuntime runtime = runtime();

    private ProviderRuntime runtime() {
        JsonNode string = DrpJson.objectNode().put("type", "string");
        ProviderDefinition def = ProviderDefinition.builder("p", "1")
                .param(new ParamSpec("p/password", string, true))
                .param(new ParamSpec("p/token", string, true))
                .param(ParamSpec.of("p/plain", string))
                .action(ActionSpec.builder("system", "leak-runtime").optionalParams("p/token", "p/plain").build(), r -> {
                    throw new IllegalStateException("login with " + r.params().string("p/token") + " and "
                            + r.config().params().string("p/password") + " refused");
                })
                .action(ActionSpec.builder("system", "leak-plugin").build(), r -> {
                    throw new PluginException(DrpError.builder(401, "plugin").message("bad password "
                            + r.config().params().string("p/password")).build());
                })
                .build();
        Provider provider = () -> def;
        return new ProviderRuntime(provider, def, ProviderEnvironment.from(Map.of("RS_TOKEN", "t"), Path.of("/tmp")),
                unused(Host.class), env -> unused(DrpApi.class), ParamCheckers.forDefinition(def), api -> EventLink.none(),
                secrets);
    }

    private static String text(Reply reply) {
        return DrpJson.write(reply.body());
    }

    @Test
    void theConfigurationsSecureParamsAreKnownOnceConfigured() {
        assertThat(runtime.config(Map.of("Name", TextNode.valueOf("p"), "p/password", TextNode.valueOf(CONFIG_SECRET),
                "p/plain", TextNode.valueOf("not-a-secret"))).status()).isEqualTo(200);
        assertThat(runtime.secrets()).isSameAs(secrets);
        assertThat(secrets.mask(CONFIG_SECRET + " not-a-secret")).isEqualTo(Params.HIDDEN + " not-a-secret");
    }

    @Test
    void anExceptionMessageNamingSecretsIsMaskedInTheErrorReply() {
        runtime.config(Map.of("Name", TextNode.valueOf("p"), "p/password", TextNode.valueOf(CONFIG_SECRET)));
        Reply r = runtime.masked(runtime.action(new Action(null, "p", "leak-runtime", "",
                Map.of("p/token", TextNode.valueOf(ACTION_SECRET)))));
        assertThat(r.status()).isEqualTo(500);
        assertThat(text(r)).doesNotContain(CONFIG_SECRET).doesNotContain(ACTION_SECRET)
                .contains("login with " + Params.HIDDEN + " and " + Params.HIDDEN + " refused");
    }

    @Test
    void aPluginExceptionsMessagesAreMaskedAndItsCodeKept() {
        runtime.config(Map.of("Name", TextNode.valueOf("p"), "p/password", TextNode.valueOf(CONFIG_SECRET)));
        Reply r = runtime.masked(runtime.action(new Action(null, "p", "leak-plugin", "", Map.of())));
        assertThat(r.status()).isEqualTo(401);
        DrpError e = (DrpError) r.body();
        assertThat(e.messages()).containsExactly("bad password " + Params.HIDDEN);
        assertThat(e.type()).isEqualTo("plugin");
    }

    @Test
    void aConfigureFailureIsMaskedInsideTheWrappedError() throws Exception {
        ProviderDefinition def = ProviderDefinition.builder("p", "1")
                .param(new ParamSpec("p/password", DrpJson.objectNode().put("type", "string"), true)).build();
        Provider failing = new Provider() {
            @Override
            public ProviderDefinition definition() {
                return def;
            }

            @Override
            public void configure(io.drpkit.sdk.Config config) {
                throw new IllegalArgumentException("cannot log in as admin:" + config.params().string("p/password"));
            }
        };
        ProviderRuntime rt = new ProviderRuntime(failing, def, ProviderEnvironment.from(Map.of("RS_TOKEN", "t"), Path.of("/tmp")),
                unused(Host.class), env -> unused(DrpApi.class), ParamCheckers.forDefinition(def), api -> EventLink.none());
        Reply r = rt.masked(rt.config(Map.of("Name", TextNode.valueOf("p"), "p/password", TextNode.valueOf(CONFIG_SECRET))));
        assertThat(r.status()).isEqualTo(500);
        assertThat(text(r)).doesNotContain(CONFIG_SECRET);
        String wrapped = ((DrpError) r.body()).messages().get(0);   // the provider's error as JSON text
        assertThat(DrpJson.readTree(wrapped).path("Messages").get(0).asText())
                .isEqualTo("Exception in provider: java.lang.IllegalArgumentException: cannot log in as admin:" + Params.HIDDEN);
    }

    @Test
    void withNoSecretKnownTheReplyIsReturnedAsItIs() {
        Reply r = new Reply(500, DrpError.of(500, "POST", "plain"));
        assertThat(runtime.masked(r)).isSameAs(r);
    }
}
