package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.examples.ExampleProviders;
import io.drpkit.examples.SecretsProvider;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.LogLine;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider process whose actions log, job-log and throw every secret they have (a secure
 * {@code /config} param, a secure action param, a secure machine param read decoded): none of the
 * secrets reaches the host log, stderr, the error replies or the job log, over the real sockets.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecretMaskingIT {
    private static final String PASSWORD = "config-pass-7f3a";
    private static final String TOKEN = "action-token-9c1d";
    private static final String VAULT = "vault-value-42be";
    private static final List<String> SECRETS = List.of(PASSWORD, TOKEN, VAULT);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private FakeDrp drp;
    private ProviderProcess provider;
    private String machine;
    private String job;

    @BeforeEach
    void start() throws Exception {
        Path script = ExampleProviders.script(tmp, "secrets-provider", SecretsProvider.class);
        drp = FakeDrp.start();
        drp.defineParam("secrets/vault", DrpJson.objectNode().put("type", "string"), true);
        machine = drp.createMachine("vaulted");
        drp.setMachineParam(machine, "secrets/vault", VAULT); // stored encrypted, as DRP does
        job = drp.createJob(DrpJson.objectNode().put("Machine", machine).put("State", "running"));
        provider = ProviderProcess.builder(script).callTimeout(Duration.ofSeconds(60)).build();
        provider.listen(drp);
        ProviderProcess.Response config = provider.config(Map.of("Name", "secrets", "secrets/password", PASSWORD));
        assertThat(config.status()).as(provider.stderr()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
        if (drp != null) {
            drp.close();
        }
    }

    private ProviderProcess.Response leak(String command) {
        ObjectNode m = (ObjectNode) drp.machine(machine).orElseThrow();
        m.put("CurrentJob", job);
        Map<String, JsonNode> params = command.equals("leak") ? Map.of("secrets/token", DrpJson.toTree(TOKEN)) : Map.of();
        return provider.action(new Action(m, "secrets", command, "", params));
    }

    private static void assertNoSecretIn(String what, String text) {
        for (String secret : SECRETS) {
            assertThat(text).as(what + " must not show " + secret).doesNotContain(secret);
        }
    }

    @Test
    void secretsAreMaskedInHostLogLinesTheErrorReplyAndTheJobLog() {
        ProviderProcess.Response r = leak("leak");
        assertThat(r.status()).as(r.toString()).isEqualTo(500);
        assertNoSecretIn("the error reply", r.text());
        assertThat(r.error().messages().get(0))
                .endsWith("leak: cannot log in with " + Params.HIDDEN + "/" + Params.HIDDEN + "/" + Params.HIDDEN);

        // the action's lines, and the SDK's own line about the failure with its stack trace
        drp.awaitLogLine(l -> l.message().startsWith("leak: vault says"), WAIT);
        LogLine failure = drp.awaitLogLine(l -> l.message().startsWith("action leak threw"), WAIT);
        assertThat(failure.message()).contains("leak: cannot log in with " + Params.HIDDEN);
        assertThat(drp.logLines()).filteredOn(l -> l.message().startsWith("leak: ")).extracting(LogLine::message)
                .containsExactly("leak: config password " + Params.HIDDEN, "leak: action token " + Params.HIDDEN,
                        drp.logLines().stream().map(LogLine::message).filter(m -> m.startsWith("leak: vault says"))
                                .findFirst().orElseThrow());
        assertThat(drp.logLines()).filteredOn(l -> l.message().startsWith("leak: vault says")).singleElement()
                .satisfies(l -> assertThat(l.message()).startsWith("leak: vault says " + Params.HIDDEN)
                        .contains("vault " + Params.HIDDEN + " in a stack trace"));
        for (LogLine line : drp.logLines()) {
            assertNoSecretIn("host log line " + line.seq(), line.message());
        }

        String jobLog = drp.awaitJobLog(job, t -> t.contains("job log sees"), WAIT);
        assertNoSecretIn("the job log", jobLog);
        assertThat(jobLog).contains("leak: job log sees " + Params.HIDDEN + " " + Params.HIDDEN + " " + Params.HIDDEN)
                .contains("WARN leak: vault says " + Params.HIDDEN);
        assertNoSecretIn("stderr", provider.stderr());
    }

    @Test
    void aPluginExceptionNamingADecodedSecretIsMaskedAndKeepsItsCode() {
        ProviderProcess.Response r = leak("leak-plugin-error");
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.error().messages()).containsExactly("leak: vault " + Params.HIDDEN + " rejected");
        assertNoSecretIn("the error reply", r.text());
        drp.awaitLogLine(l -> l.message().startsWith("action leak-plugin-error failed"), WAIT);
        for (LogLine line : drp.logLines()) {
            assertNoSecretIn("host log line " + line.seq(), line.message());
        }
    }

    @Test
    void whileTheHostIsDownTheLinesWrittenToStderrAreMasked() {
        drp.dialSocketDown();
        try {
            ProviderProcess.Response r = leak("leak");
            assertThat(r.status()).as(r.toString()).isEqualTo(500);
            assertNoSecretIn("the error reply", r.text());
            Awaits.until("the action's lines on stderr", WAIT,
                    () -> provider.stderr().contains("leak: vault says") && provider.stderr().contains("action leak threw"),
                    provider::stderr);
            String stderr = provider.stderr();
            assertNoSecretIn("stderr", stderr);
            assertThat(stderr).contains("leak: config password " + Params.HIDDEN, "leak: vault says " + Params.HIDDEN);
        } finally {
            drp.dialSocketUp();
        }
    }
}
