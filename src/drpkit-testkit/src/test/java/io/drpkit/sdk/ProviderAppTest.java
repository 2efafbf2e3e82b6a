package io.drpkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.internal.lifecycle.ProtocolOut;
import io.drpkit.sdk.model.PluginProvider;
import io.drpkit.testkit.FakeDrp;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI, with stdout and stderr captured (picocli's own testing style). */
class ProviderAppTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();

    private int run(Provider provider, Map<String, String> env, String... args) {
        return ProviderApp.run(provider, args, env, tmp, new ProtocolOut(out), new PrintWriter(err, true));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Provider simple() {
        return () -> ProviderDefinition.builder("demo", "1.2.3")
                .param(ProviderDefinitionTest.spec("demo/x", "string"))
                .action(ActionSpec.builder("machines", "poke").optionalParams("demo/x").build(), r -> "ok")
                .build();
    }

    @Test
    void definePrintsExactlyOneIndentedJsonDocumentAndANewline() throws Exception {
        assertThat(run(simple(), Map.of(), "define")).isZero();
        String text = stdout();
        assertThat(text).endsWith("}\n").startsWith("{\n  \"Meta\"");
        PluginProvider p = DrpJson.read(text, PluginProvider.class);
        assertThat(p.name()).isEqualTo("demo");
        assertThat(p.availableActions()).singleElement().extracting(a -> a.command()).isEqualTo("poke");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void defineIgnoresExtraArguments() {
        assertThat(run(simple(), Map.of(), "define", "x", "y")).isZero();
    }

    @Test
    void validatorReplacesTheDefinitionUnlessCatalogAndMissingTokenFails() throws Exception {
        Provider validated = () -> ProviderDefinition.builder("lic", "1")
                .validator(ctx -> ctx.definition().toBuilder().documentation("licensed to " + ctx.api().endpoint()).build())
                .build();
        assertThat(run(validated, Map.of("RS_TOKEN", "catalog"), "define")).isZero();
        assertThat(DrpJson.readTree(stdout()).get("Documentation").asText()).isEmpty();

        out.reset();
        assertThat(run(validated, Map.of(), "define")).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(err.toString()).contains("Error: Must have a token specified");
    }

    @Test
    void validatorGetsAWorkingSessionOnTheHostsApi() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        Provider validated = () -> ProviderDefinition.builder("lic", "1")
                .validator(ctx -> {
                    JsonNode info = ctx.api().info();
                    calls.add(info.get("id").asText());
                    return ctx.definition().toBuilder()
                            .documentation("validated against " + info.get("id").asText() + " " + info.get("version").asText())
                            .build();
                })
                .build();
        try (FakeDrp drp = FakeDrp.start()) {
            assertThat(run(validated, drp.providerEnvironment(), "define")).isZero();
            assertThat(json(stdout()).get("Documentation").asText()).isEqualTo("validated against fake-drp v4.8.0");
            assertThat(calls).containsExactly("fake-drp");
            assertThat(drp.requests()).anySatisfy(r -> {
                assertThat(r.path()).isEqualTo("/api/v3/info");
                assertThat(r.header("Authorization")).hasValue("Bearer " + drp.token());
            });

            out.reset();
            Map<String, String> catalog = new HashMap<>(drp.providerEnvironment());
            catalog.put("RS_TOKEN", "catalog");
            assertThat(run(validated, catalog, "define")).isZero();
            assertThat(json(stdout()).get("Documentation").asText()).isEmpty();
            assertThat(calls).as("not called for the catalog").containsExactly("fake-drp");
        }
    }

    @Test
    void aFailingValidatorFailsDefineWithItsMessage() {
        Provider refused = () -> ProviderDefinition.builder("lic", "1")
                .validator(ctx -> {
                    throw new PluginException(403, "licence for " + ctx.api().info().get("id").asText() + " expired");
                })
                .build();
        try (FakeDrp drp = FakeDrp.start()) {
            assertThat(run(refused, drp.providerEnvironment(), "define")).isEqualTo(1);
            assertThat(stdout()).isEmpty();
            assertThat(err.toString()).contains("Error: ").contains("licence for fake-drp expired");
        }
    }

    @Test
    void invalidDefinitionIsAnErrorNotAStackTrace() {
        Provider broken = () -> ProviderDefinition.builder("", "1").build();
        assertThat(run(broken, Map.of(), "define")).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(err.toString()).startsWith("Error: invalid provider definition").doesNotContain("\tat ");
    }

    @Test
    void versionPrintsTheVersion() {
        assertThat(run(simple(), Map.of(), "version")).isZero();
        assertThat(stdout()).isEqualTo("Version: 1.2.3\n");
    }

    @Test
    void theVersionOptionPrintsWhatTheVersionCommandPrints() {
        assertThat(run(simple(), Map.of(), "-V")).isZero();
        assertThat(stdout()).isEqualTo("Version: 1.2.3\n");
        out.reset();
        assertThat(run(simple(), Map.of(), "define", "--version")).isZero();
        assertThat(stdout()).isEqualTo("Version: 1.2.3\n");
    }

    @Test
    void unpackWithoutDirectoryIsAUsageErrorOnStderr() {
        assertThat(run(simple(), Map.of(), "unpack")).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(err.toString()).contains("Missing required parameter").contains("Usage: demo unpack");
    }

    @Test
    void unpackWithAnEmptyLocationIsAnError() {
        assertThat(run(simple(), Map.of(), "unpack", "")).isEqualTo(1);
        assertThat(err.toString()).contains("Not a valid location: ``");
    }

    @Test
    void unpackWithoutUnpackerOrBundledAssetsCreatesNothingAndSaysSo() {
        // this module's class path has no META-INF/drpkit/assets (src/runbook's tests cover the default unpacker)
        assertThat(run(simple(), Map.of(), "unpack", "assets")).isZero();
        assertThat(tmp.resolve("assets")).doesNotExist();
        assertThat(err.toString()).contains("demo: no assets bundled (META-INF/drpkit/assets/index is not on the class path)");
    }

    @Test
    void unpackCallsTheUnpackerWithACreatedDirectory() throws Exception {
        Provider p = () -> ProviderDefinition.builder("u", "1")
                .unpacker(dir -> Files.writeString(dir.resolve("testFile"), "ImaFile")).build();
        assertThat(run(p, Map.of(), "unpack", "a/b")).isZero();
        assertThat(tmp.resolve("a/b/testFile")).hasContent("ImaFile");
    }

    @Test
    void listenNeedsExactlyTwoSocketsAndPrintsNothingOnStdout() {
        assertThat(run(simple(), Map.of(), "listen", "only-one")).isEqualTo(1);
        assertThat(stdout()).isEmpty();
        assertThat(err.toString()).contains("Missing required parameter");
    }

    @Test
    void unknownCommandIsAnError() {
        assertThat(run(simple(), Map.of(), "explode")).isEqualTo(1);
        assertThat(err.toString()).startsWith("Error: unknown command \"explode\" for \"demo\"").contains("Usage: demo");
    }

    @Test
    void noArgumentsPrintsHelp() {
        assertThat(run(simple(), Map.of())).isZero();
        assertThat(stdout()).contains("Usage: demo").contains("define").contains("listen");
    }

    @Test
    void autocompleteWritesABashScript() throws Exception {
        Path file = tmp.resolve("demo.bash");
        assertThat(run(simple(), Map.of(), "autocomplete", file.toString())).isZero();
        assertThat(Files.readString(file)).contains("complete").contains("define");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void autocompleteIntoAMissingDirectoryFails() {
        assertThat(run(simple(), Map.of(), "autocomplete", tmp.resolve("no/such/f").toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("Error:");
    }

    @Test
    void debugFlagIsAcceptedEverywhere() {
        assertThat(run(simple(), Map.of(), "-d", "version")).isZero();
        assertThat(run(simple(), Map.of(), "version", "--debug")).isZero();
    }

    @Test
    void helpWorksOnEveryCommand() {
        for (String cmd : new String[] {"define", "unpack", "listen", "version", "autocomplete"}) {
            out.reset();
            assertThat(run(simple(), Map.of(), cmd, "--help")).isZero();
            assertThat(stdout()).contains("Usage: demo " + cmd);
        }
    }

    static JsonNode json(String s) throws Exception {
        return DrpJson.readTree(s);
    }
}
