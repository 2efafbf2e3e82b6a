package io.drpkit.sdk.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.DrpError;
import org.junit.jupiter.api.Test;

class ErrorsTest {
    @Test
    void invalidCodesBecome500KeepingTheMessages() {
        Reply r = Errors.raw(DrpError.builder(0, "plugins").model("plugins").key("callback").message("bad").build());
        assertThat(r.status()).isEqualTo(500);
        DrpError body = (DrpError) r.body();
        assertThat(body.code()).isEqualTo(500);
        assertThat(body.messages()).contains("bad");
        assertThat(body.key()).isEqualTo("callback");
    }

    @Test
    void validCodesPassThroughUnchanged() {
        DrpError e = DrpError.builder(404, "plugin").model("plugin").key("incrementer").message("Unknown command: x").build();
        assertThat(Errors.raw(e)).isEqualTo(new Reply(404, e));
    }

    @Test
    void configErrorsAreWrappedAsTheirJsonText() {
        DrpError e = DrpError.builder(400, "rpc").model("plugin").key("slack").message("Bad slack key").build();
        Reply r = Errors.wrapped(e);
        assertThat(r.status()).isEqualTo(400);
        assertThat(DrpJson.write(r.body())).isEqualTo("{\"Model\":\"\",\"Key\":\"\",\"Type\":\"\",\"Messages\":"
                + "[\"{\\\"Model\\\":\\\"plugin\\\",\\\"Key\\\":\\\"slack\\\",\\\"Type\\\":\\\"rpc\\\",\\\"Messages\\\":"
                + "[\\\"Bad slack key\\\"],\\\"Code\\\":400}\"],\"Code\":400}");
    }

    @Test
    void exceptionsBecome500NamingTheException() {
        DrpError e = Errors.of(new IllegalStateException("boom"), "POST", "/api-plugin/v4/action");
        assertThat(e.code()).isEqualTo(500);
        assertThat(e.messages()).singleElement().asString().contains("java.lang.IllegalStateException: boom");
        assertThat(Errors.of(new PluginException(409, "x"), "POST", "/p").code()).isEqualTo(409);
    }

    @Test
    void notFoundHasTheGoShape() {
        assertThat(DrpJson.write(Errors.notFound("GET", "/api-plugin/v4/bogus").body()))
                .isEqualTo("{\"Model\":\"\",\"Key\":\"/api-plugin/v4/bogus\",\"Type\":\"GET\",\"Messages\":null,\"Code\":404}");
    }
}
