package io.drpkit.sdk.content;

import static io.drpkit.sdk.content.IncrementerFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.model.Content;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentBundlerTest {
    @TempDir
    Path dir;

    @Test
    void bundlesTheIncrementerLikeDrpcliWithDefaultsForMissingMeta() throws IOException {
        Content content = ContentBundler.of().bundle(IncrementerFixture.write(dir));

        assertThat(content.meta()).containsOnlyKeys(Content.META_FIELDS);
        assertThat(content.meta())
                .containsEntry("Description", "Test Plugin for DRP")
                .containsEntry("DisplayName", "Incrementer Test Plugin")
                .containsEntry("Name", "Unspecified")
                .containsEntry("Version", "v0.0.0")
                .containsEntry("Type", "dynamic")
                .containsEntry("Author", "")
                .containsEntry("Documentation", "");
        assertThat(content.sections()).containsOnlyKeys("params", "typed-cows");
        assertThat(content.section("params")).containsOnlyKeys("cow/id", "cow/object",
                "incrementer/parameter", "incrementer/step", "incrementer/touched");
        assertThat(content.section("params").get("incrementer/step").path("Schema").path("type").asText())
                .isEqualTo("integer");
        assertThat(content.section("typed-cows")).containsOnlyKeys("bertie", "bessie");
        JsonNode bessie = content.section("typed-cows").get("bessie");
        assertThat(bessie.path("CanMilk").asBoolean()).isTrue();
        assertThat(bessie.path("Location").asText()).isEqualTo("Austin");
    }

    @Test
    void writesTheGoldenYamlWithKeysSortedAtEveryLevel() throws IOException {
        String yaml = ContentBundler.of().bundleYaml(IncrementerFixture.write(dir));

        assertThat(yaml).isEqualTo(fixture("content-incrementer.yaml"));
        assertThat(yaml).doesNotStartWith("---");
        assertKeysSortedAtEveryLevel(ContentCodec.readYaml(yaml.getBytes(StandardCharsets.UTF_8)), yaml);
    }

    @Test
    void sameDirectoryGivesByteIdenticalOutputWhateverTheFileCreationOrder(@TempDir Path other)
            throws IOException {
        IncrementerFixture.write(dir);
        // Same files, created in reverse order, members written in another order.
        write(other, "typed-cows/bessie.yaml", "Location: Austin\nSpotted: true\nCanMilk: true\nType: typed-cows\nId: bessie\n");
        write(other, "typed-cows/bertie.yaml", "Location: Dallas\nSpotted: false\nCanMilk: false\nType: typed-cows\nId: bertie\n");
        for (String name : List.of("incrementer/touched", "incrementer/step", "incrementer/parameter", "cow/object", "cow/id")) {
            String type = switch (name) {
                case "cow/object" -> "object";
                case "cow/id", "incrementer/parameter" -> "string";
                default -> "integer";
            };
            write(other, "params/" + name.replace('/', '.') + ".yaml", "Schema:\n  type: " + type + "\nName: " + name + "\n");
        }
        write(other, "._DisplayName.meta", "Incrementer Test Plugin");
        write(other, "._Description.meta", "  Test Plugin for DRP  \n\n");

        String first = ContentBundler.of().bundleYaml(dir);
        String second = ContentBundler.of().bundleYaml(dir);
        String reordered = ContentBundler.of().bundleYaml(other);

        assertThat(second).isEqualTo(first);
        assertThat(reordered).isEqualTo(first);
    }

    @Test
    void yamlParsesBackIntoTheSameContent() throws IOException {
        IncrementerFixture.write(dir);
        write(dir, "._Documentation.meta", "Incrementer\n===========\n\n* one\n* two\n");
        Content content = ContentBundler.of().bundle(dir);

        Content parsed = ContentPack.of(ContentBundler.toYaml(content)).content();

        assertThat(parsed).isEqualTo(content);
    }

    @Test
    void metaFilesWinOverOverridesWhichWinOverDefaults() throws IOException {
        IncrementerFixture.write(dir);
        ContentBundler bundler = ContentBundler.builder()
                .meta("Description", "from the override")
                .meta("Version", "v1.2.3")
                .meta("Author", " spaced ")
                .build();

        Map<String, String> meta = bundler.bundle(dir).meta();

        assertThat(meta)
                .containsEntry("Description", "Test Plugin for DRP")
                .containsEntry("Version", "v1.2.3")
                .containsEntry("Author", " spaced ")
                .containsEntry("Name", "Unspecified");
        assertThat(bundler.toBuilder().meta("Name", "cows").build().bundle(dir).meta())
                .containsEntry("Name", "cows")
                .containsEntry("Version", "v1.2.3");
        assertThat(bundler.metaOverrides()).containsOnlyKeys("Description", "Version", "Author");
    }

    @Test
    void overrideOfAnUnknownMetaFieldIsRejected() {
        assertThatThrownBy(() -> ContentBundler.builder().meta("Colour", "blue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Colour")
                .hasMessageContaining("Color");
    }

    @Test
    void documentationIsKeptVerbatimWhileOtherMetaIsTrimmed() throws IOException {
        String rst = "  Title\n  =====\n\n  Indented paragraph.\n\n";
        write(dir, "._Documentation.meta", rst);
        write(dir, "._Author.meta", "\n  drpkit \t\n");
        write(dir, "._Tags.meta", " a,b \n");

        Content content = ContentBundler.of().bundle(dir);

        assertThat(content.meta().get("Documentation")).isEqualTo(rst);
        assertThat(content.meta().get("Author")).isEqualTo("drpkit");
        assertThat(content.meta().get("Tags")).isEqualTo("a,b");
        assertThat(ContentPack.of(ContentBundler.toYaml(content)).content().meta().get("Documentation"))
                .isEqualTo(rst);
    }

    @Test
    void templatesAcceptAnyExtensionAsRawText() throws IOException {
        String text = "#!/bin/sh\necho {{.Machine.Name}}\n";
        write(dir, "templates/hello.sh.tmpl", text);
        write(dir, "templates/other.yaml", "ID: other.tmpl\nContents: x\n");

        Map<String, JsonNode> templates = ContentBundler.of().bundle(dir).section("templates");

        assertThat(templates).containsOnlyKeys("hello.sh.tmpl", "other.tmpl");
        assertThat(templates.get("hello.sh.tmpl").path("ID").asText()).isEqualTo("hello.sh.tmpl");
        assertThat(templates.get("hello.sh.tmpl").path("Contents").asText()).isEqualTo(text);
    }

    @Test
    void jsonFilesAreDecodedToo() throws IOException {
        write(dir, "profiles/global.json", "{\"Name\": \"global\", \"Params\": {\"a\": 1}}");

        JsonNode global = ContentBundler.of().bundle(dir).section("profiles").get("global");

        assertThat(global.path("Params").path("a").asInt()).isEqualTo(1);
    }

    @Test
    void otherExtensionsOutsideTemplatesFailNamingTheFile() throws IOException {
        IncrementerFixture.write(dir);
        Path readme = write(dir, "params/README.md", "# params\n");

        assertThatThrownBy(() -> ContentBundler.of().bundle(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No idea how to decode " + readme + " into params");
    }

    @Test
    void objectWithoutItsKeyFailsNamingTheFileAndTheMember() throws IOException {
        Path param = write(dir, "params/nameless.yaml", "Schema:\n  type: string\n");

        assertThatThrownBy(() -> ContentBundler.of().bundle(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(param.toString())
                .hasMessageContaining("'Name'");
    }

    @Test
    void rawModelWithoutIdFailsNamingTheFileAndTheMember() throws IOException {
        Path cow = write(dir, "typed-cows/daisy.yaml", "Name: daisy\nType: typed-cows\n");

        assertThatThrownBy(() -> ContentBundler.of().bundle(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(cow.toString())
                .hasMessageContaining("'Id'");
    }

    @Test
    void nonStringKeyIsRejected() throws IOException {
        Path param = write(dir, "params/numbered.yaml", "Name: 42\n");

        assertThatThrownBy(() -> ContentBundler.of().bundle(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(param.toString())
                .hasMessageContaining("non-empty string");
    }

    @Test
    void builtInTypesFindTheirKeyIgnoringCaseLikeGo() throws IOException {
        write(dir, "tasks/lower.yaml", "name: lower\n");
        write(dir, "machines/m1.yaml", "Uuid: 3e7031fe-3062-45f1-835c-92541bc9cbd3\nName: m1\n");
        write(dir, "reservations/r.yaml", "Addr: 192.168.124.10\nToken: a\n");

        Content content = ContentBundler.of().bundle(dir);

        assertThat(content.section("tasks")).containsOnlyKeys("lower");
        assertThat(content.section("machines")).containsOnlyKeys("3e7031fe-3062-45f1-835c-92541bc9cbd3");
        assertThat(content.section("reservations")).containsOnlyKeys("C0A87C0A");
    }

    @Test
    void duplicateKeysInOneSectionFailNamingBothFiles() throws IOException {
        Path a = write(dir, "params/a.yaml", "Name: same/name\n");
        Path b = write(dir, "params/b.yml", "Name: same/name\n");

        assertThatThrownBy(() -> ContentBundler.of().bundle(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same/name")
                .hasMessageContaining(a.toString())
                .hasMessageContaining(b.toString());
    }

    @Test
    void duplicateMembersInOneFileAreRejected() throws IOException {
        Path file = write(dir, "params/twice.yaml", "Name: a\nName: b\n");

        assertThatThrownBy(() -> ContentBundler.of().bundle(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("Name");
    }

    @Test
    void fileThatIsNotOneObjectFailsNamingIt() throws IOException {
        Path list = write(dir, "params/list.yaml", "- a\n- b\n");

        assertThatThrownBy(() -> ContentBundler.of().bundle(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(list.toString())
                .hasMessageContaining("expected one params object");
        Files.delete(list);
        Path empty = write(dir, "params/empty.yaml", "");

        assertThatThrownBy(() -> ContentBundler.of().bundle(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("an empty document");
    }

    @Test
    void invalidYamlFailsNamingTheFile() throws IOException {
        Path broken = write(dir, "params/broken.yaml", "Name: [unclosed\n");

        assertThatThrownBy(() -> ContentBundler.of().bundle(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(broken + ": not valid YAML");
    }

    @Test
    void dotEntriesNestedDirectoriesAndTopLevelFilesAreSkipped() throws IOException {
        write(dir, "params/.gitkeep", "");
        write(dir, "params/nested/deep.yaml", "Name: deep\n");
        write(dir, ".git/params.yaml", "Name: hidden\n");
        write(dir, "README.md", "not content\n");
        write(dir, "._Unknown.meta", "ignored\n");
        Files.createDirectories(dir.resolve("empty"));

        Content content = ContentBundler.of().bundle(dir);

        assertThat(content.sections()).isEmpty();
        assertThat(ContentBundler.toYaml(content)).startsWith("meta:\n").doesNotContain("sections");
    }

    @Test
    void missingDirectoryIsAnError() {
        assertThatThrownBy(() -> ContentBundler.of().bundle(dir.resolve("nope")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void emptyIsTheMetaOfAnEmptyDirectory() throws IOException {
        ContentBundler bundler = ContentBundler.builder().meta("Name", "x").build();

        assertThat(bundler.empty()).isEqualTo(bundler.bundle(dir));
    }

    @Test
    void stringsSurviveTheRoundTripAndYaml11LookalikesAreQuoted() throws IOException {
        ObjectNode cow = JsonNodeFactory.instance.objectNode().put("Id", "tricky");
        List<String> values = List.of("yes", "No", "on", "off", "y", "n", "true", "null", "~", "1", "0.5",
                "1e3", "0x1F", "0o17", "1_000", "1:20", "2001-12-14", ".inf", "<<", "=", "", " lead",
                "trail ", "a: b", "#hash", "- dash", "* star", "&anchor", "!tag", "@at", "`tick", "'q",
                "\"dq", "{brace", "[bracket", "%pct", "|pipe", ">gt", "multi\nline\n", "multi\nline",
                "trailing \nspaces", "tab\there", "ünïcode", "x,y", "machines.create.*");
        Map<String, String> byMember = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            byMember.put(String.format("V%02d", i), values.get(i));
            cow.put(String.format("V%02d", i), values.get(i));
        }
        for (String key : List.of("on", "yes", "1", "<<", "null")) {
            cow.put(key, "key " + key);
        }
        Content content = new Content(Map.of("Name", "t"), Map.of("cows", Map.of("tricky", cow)));

        String yaml = ContentBundler.toYaml(content);

        assertThat(ContentPack.of(yaml).content()).isEqualTo(content);
        for (String lookalike : List.of("yes", "No", "on", "off", "y", "n", "true", "null", "1", "0o17",
                "1:20", "<<", "=")) {
            assertThat(yaml).contains(": \"" + lookalike + "\"\n");
        }
        for (String key : List.of("on", "yes", "1", "<<", "null")) {
            assertThat(yaml).contains("\"" + key + "\": key " + key);
        }
        assertThat(yaml).contains("V38: |\n");
    }

    private static void assertKeysSortedAtEveryLevel(JsonNode node, String yaml) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            assertThat(names).as("keys in %s", yaml).isSorted();
            node.forEach(child -> assertKeysSortedAtEveryLevel(child, yaml));
        } else if (node.isArray()) {
            node.forEach(child -> assertKeysSortedAtEveryLevel(child, yaml));
        }
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = ContentBundlerTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
