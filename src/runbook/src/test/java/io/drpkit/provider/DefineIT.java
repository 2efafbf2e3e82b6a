package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.drpkit.testkit.ProviderProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runbook define} and {@code runbook version} run as dr-provision runs them (spec §1,
 * §1.1, §5.5, §6.4), and the launcher stub around them: relative and absolute invocation, the
 * AppCDS archive, and a {@code define} that never starts logging or HTTP.
 */
class DefineIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final ProviderProcess runbook = ProviderProcess.of(Built.executable());

    @Test
    void defineFromAnotherDirectoryPrintsExactlyOneJsonDocumentAndNothingElse() throws IOException {
        ProviderProcess.Result r = runbook.define(Map.of()); // cwd: a fresh scratch directory

        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).endsWith("}\n").doesNotEndWith("\n\n");
        assertThat(singleJsonDocument(r.stdout()).isObject()).isTrue();
    }

    @Test
    void defineDescribesTheRunbookProviderWithTheGoExamplesActions() throws IOException {
        JsonNode def = singleJsonDocument(runbook.define(Map.of()).stdout());

        assertThat(def.get("Name").asText()).isEqualTo("runbook");
        assertThat(def.get("Version").asText()).isEqualTo(Built.version());
        assertThat(def.get("PluginVersion").isInt()).isTrue();
        assertThat(def.get("PluginVersion").asInt()).isEqualTo(4);
        assertThat(def.get("HasPublish").asBoolean()).isFalse();
        // every PluginProvider member is present, in Go declaration order (spec §5.5)
        assertThat(def.fieldNames()).toIterable().containsExactly("Meta", "Name", "Version",
                "PluginVersion", "AutoStart", "HasPublish", "AvailableActions", "RequiredParams",
                "OptionalParams", "StoreObjects", "Documentation", "Content");

        // the Go example's three actions, with its models and params (runbook has more actions besides)
        java.util.Map<String, JsonNode> byCommand = new java.util.LinkedHashMap<>();
        def.get("AvailableActions").forEach(a -> byCommand.put(a.path("Command").asText(), a));
        assertThat(byCommand).containsKeys("increment", "reset_count", "incrstatus");
        assertAction(byCommand.get("increment"), "machines", "increment", List.of(),
                List.of("incrementer/step", "incrementer/parameter"));
        assertAction(byCommand.get("reset_count"), "machines", "reset_count", List.of("incrementer/touched"), List.of());
        assertAction(byCommand.get("incrstatus"), "", "incrstatus", List.of(), List.of());
    }

    @Test
    void contentIsAYamlBundleWithMetaAndTheIncrementerParams() throws IOException {
        JsonNode def = singleJsonDocument(runbook.define(Map.of()).stdout());

        JsonNode content = new YAMLMapper().readTree(def.get("Content").asText());
        assertThat(content.get("meta")).as("content meta").isNotNull();
        assertThat(content.get("meta").isObject()).isTrue();
        JsonNode params = content.path("sections").path("params");
        assertThat(params.isObject()).as("sections.params in %s", content).isTrue();
        assertThat(params.fieldNames()).toIterable()
                .contains("incrementer/step", "incrementer/parameter", "incrementer/touched");
        assertThat(params.get("incrementer/step").path("Name").asText()).isEqualTo("incrementer/step");
        assertThat(params.get("incrementer/step").path("Schema").path("type").asText()).isEqualTo("integer");
        assertThat(params.get("incrementer/parameter").path("Schema").path("type").asText()).isEqualTo("string");
        assertThat(params.get("incrementer/touched").path("Schema").path("type").asText()).isEqualTo("integer");
    }

    @Test
    void defineWithTheCatalogTokenPrintsTheSameStaticDefinition() {
        // runbook has no validator (spec §1.1 step 3): the static definition, whatever RS_TOKEN says
        String plain = runbook.define(Map.of()).stdout();
        ProviderProcess.Result catalog = runbook.define(Map.of("RS_TOKEN", "catalog"));
        assertThat(catalog.exitCode()).isZero();
        assertThat(catalog.stdout()).isEqualTo(plain);
    }

    @Test
    void versionPrintsThePomVersion() {
        ProviderProcess.Result r = runbook.run(Map.of(), "version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("Version: " + Built.version() + "\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void aCopyRunsByRelativeAndAbsolutePathAndKeepsItsCdsArchiveBesideIt() throws Exception {
        Path home = Files.createDirectory(tmp.resolve("plugins"));
        Path copy = Files.copy(Built.executable(), home.resolve("runbook"));
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        String expected = runbook.define(Map.of()).stdout();

        Exec.Result relative = Exec.run(home, Map.of(), TIMEOUT, List.of("./runbook", "define"));
        assertThat(relative.exitCode()).as(relative.stderr()).isZero();
        assertThat(relative.stderr()).isEmpty();
        assertThat(relative.stdout()).isEqualTo(expected);
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("runbook")))
                    .as("the define archive the first define writes, and no temporary file")
                    .singleElement().asString().matches("runbook\\.define\\.[0-9]+-[0-9]+-0\\.(jsa|aot)");
        }

        Path classLog = tmp.resolve("classes.txt");
        // JAVA_TOOL_OPTIONS: a class-load log that is not one of the options the archive is keyed on
        Exec.Result absolute = Exec.run(elsewhere,
                Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog), TIMEOUT,
                List.of(copy.toString(), "define"));
        assertThat(absolute.exitCode()).as(absolute.stderr()).isZero();
        assertThat(absolute.stderr().lines()).allMatch(l -> l.startsWith("Picked up JAVA_TOOL_OPTIONS"));
        assertThat(absolute.stdout()).isEqualTo(expected);
        // the second run maps the dynamic archive: our classes come from it, not from the jar
        assertThat(Files.readAllLines(classLog))
                .anyMatch(l -> l.contains("io.drpkit.provider.RunbookMain source: shared objects file"));
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files).as("nothing written in the caller's directory").isEmpty();
        }
    }

    @Test
    void withCdsDisabledNoArchiveIsWritten() throws Exception {
        Path home = Files.createDirectory(tmp.resolve("nocds"));
        Files.setPosixFilePermissions(Files.copy(Built.executable(), home.resolve("runbook")),
                PosixFilePermissions.fromString("rwxr-xr-x"));

        Exec.Result r = Exec.run(home, Map.of("DRPKIT_NO_CDS", "1"), TIMEOUT, List.of("./runbook", "define"));

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo(runbook.define(Map.of()).stdout());
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("runbook");
        }
    }

    @Test
    void defineLoadsNoLoggingOrHttpClasses() throws Exception {
        Path classLog = tmp.resolve("cl.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Exec.Result r = Exec.run(tmp, Map.of(), TIMEOUT, List.of(java,
                "-Xlog:class+load=info:file=" + classLog, "-jar", Built.jar().toString(), "define"));

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<String> loaded = Files.readAllLines(classLog);
        assertThat(loaded).as("class-load log").anyMatch(l -> l.contains("io.drpkit.provider.RunbookMain"));
        assertThat(loaded).noneMatch(l -> l.matches(
                ".*\\] (ch\\.qos\\.logback|io\\.undertow|org\\.xnio|okhttp3|com\\.networknt)\\..*"));
    }

    /** Parses {@code text} as exactly one JSON value, failing on anything after it. */
    static JsonNode singleJsonDocument(String text) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonNode node = JSON.readTree(parser);
            assertThat(node).as("a JSON document on stdout").isNotNull();
            assertThat(parser.nextToken()).as("anything after the JSON document").isNull();
            return node;
        }
    }

    /** A nil list prints as null in Go and the host fills it with [] (spec §5.6): both mean none. */
    private static void assertAction(JsonNode action, String model, String command, List<String> required,
            List<String> optional) {
        assertThat(action.fieldNames()).toIterable()
                .containsExactly("Provider", "Model", "Command", "RequiredParams", "OptionalParams");
        assertThat(action.get("Provider").asText()).isEmpty();
        assertThat(action.get("Model").asText()).isEqualTo(model);
        assertThat(action.get("Command").asText()).isEqualTo(command);
        assertThat(strings(action.get("RequiredParams"))).as("%s RequiredParams", command).isEqualTo(required);
        assertThat(strings(action.get("OptionalParams"))).as("%s OptionalParams", command).isEqualTo(optional);
    }

    private static List<String> strings(JsonNode listOrNull) {
        List<String> out = new ArrayList<>();
        if (listOrNull != null && !listOrNull.isNull()) {
            listOrNull.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
