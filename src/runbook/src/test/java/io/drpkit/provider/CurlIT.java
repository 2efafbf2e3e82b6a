package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.sdk.internal.server.Curl;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl as an independent HTTP/1.1 client on the provider's socket (spec §3): what a person
 * debugging a provider by hand, or another host implementation, sees. Skipped only where curl is
 * missing.
 */
class CurlIT {
    private static final String BASE = "http://unix" + ProviderProcess.API;

    @TempDir
    Path tmp;

    private FakeDrp drp;
    private ProviderProcess runbook;
    private Curl curl;

    @BeforeEach
    void start() {
        Curl.assumeAvailable();
        drp = FakeDrp.start();
        runbook = ProviderProcess.of(Built.executable()).listen(drp);
        curl = new Curl(runbook.servePath(), tmp);
    }

    @AfterEach
    void stop() {
        if (runbook != null) {
            runbook.close();
        }
        if (drp != null) {
            drp.close();
        }
    }

    @Test
    void configAndActionsAnswerJsonWithATrailingNewline() throws Exception {
        Reply config = post("/config", "{\"Name\":\"curl\"}");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).isEqualTo(ListenIT.OK);

        Reply status = post("/action", "{\"Model\":null,\"Plugin\":\"curl\",\"Command\":\"incrstatus\",\"CommandSet\":\"\",\"Params\":{}}");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body()).isEqualTo("\"Running\"\n");

        String machine = drp.machine(drp.createMachine("curl-m")).orElseThrow().toString();
        Reply increment = post("/action", "{\"Model\":" + machine
                + ",\"Plugin\":\"curl\",\"Command\":\"increment\",\"Params\":{\"incrementer/step\":5}}");
        assertThat(increment.status()).as(increment.body()).isEqualTo(200);
        assertThat(drp.machines().get(0).path("Params").path("incrementer/default").asLong()).isEqualTo(5);
    }

    @Test
    void unknownPathsAndUnknownCommandsAre404() throws Exception {
        Curl.Result r = curl.run("-X", "GET", "-w", "\n%{http_code}", BASE + "/nowhere");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo(
                "{\"Model\":\"\",\"Key\":\"/api-plugin/v4/nowhere\",\"Type\":\"GET\",\"Messages\":null,\"Code\":404}\n\n404");

        assertThat(post("/config", "{}").status()).isEqualTo(200);
        Reply unknown = post("/action", "{\"Command\":\"explode\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"Code\":404").contains("explode").endsWith("}\n");
    }

    @Test
    void aLargeConfigBodyIsAccepted() throws Exception {
        // curl asks for "Expect: 100-continue" before sending a body this size
        Reply r = post("/config", "{\"Name\":\"curl\",\"pad\":\"" + "x".repeat(100 * 1024) + "\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(ListenIT.OK);
    }

    @Test
    void stopAnswers200AndTheProviderExits() throws Exception {
        // /stop neither checks the content type nor reads the body (spec §3.7)
        Curl.Result r = curl.run("-X", "POST", "-H", "Content-Type: text/plain", "--data-binary", "bye",
                "-w", "\n%{http_code}", BASE + "/stop");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo(ListenIT.OK + "\n200");
        assertThat(runbook.waitForExit(Duration.ofSeconds(10))).isTrue();
        assertThat(runbook.exitCode()).hasValue(0);
        assertThat(runbook.servePath()).doesNotExist();
    }

    private Reply post(String route, String json) throws Exception {
        Curl.Result r = curl.run("-X", "POST", "-H", "Content-Type: application/json", "--data-binary", json,
                "-w", "\n%{http_code}", BASE + route);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        int cut = r.stdout().lastIndexOf('\n');
        return new Reply(Integer.parseInt(r.stdout().substring(cut + 1)), r.stdout().substring(0, cut));
    }

    private record Reply(int status, String body) {
    }
}
