package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.testkit.ProviderProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code define} as the build rendered it (drpkit:executable's {@code renderDefine}): the same
 * bytes as the live rendering ({@code -Ddrpkit.define.live=true}, {@code DRPKIT_NO_CDS=1}, a plain
 * {@code java -jar}), answered without building the definition, and by a trained start without
 * opening the jar.
 */
class RenderedDefineIT {
    private static final String LIVE = "-Ddrpkit.define.live=true";

    @TempDir
    Path tmp;

    private final ProviderProcess runbook = ProviderProcess.of(Built.executable());

    @Test
    void theRenderedDefineIsByteForByteTheLiveRendering() throws Exception {
        ProviderProcess.Result rendered = runbook.define(Map.of());
        ProviderProcess.Result live = runbook.define(Map.of("DRPKIT_JAVA_OPTS", LIVE));
        ProviderProcess.Result noArchive = runbook.define(Map.of("DRPKIT_NO_CDS", "1")); // live as well

        for (ProviderProcess.Result r : List.of(rendered, live, noArchive)) {
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stderr()).isEmpty();
        }
        assertThat(rendered.stdout()).isEqualTo(live.stdout()).isEqualTo(noArchive.stdout());
        assertThat(rendered.stdout()).isEqualTo(new String(renderedBytes(), StandardCharsets.UTF_8));
        // a plain java -jar of the shaded jar renders live
        Exec.Result jar = Exec.run(tmp, Map.of(), Launcher.TIMEOUT, List.of(java(), "-jar", Built.jar().toString(),
                "define"));
        assertThat(jar.exitCode()).as(jar.stderr()).isZero();
        assertThat(jar.stdout()).isEqualTo(live.stdout());
    }

    @Test
    void theStubStartsTheMainClassAndNamesTheRenderedBytesRightAfterItself() throws IOException {
        byte[] exe = Files.readAllBytes(Built.executable());
        String text = new String(exe, StandardCharsets.ISO_8859_1);

        assertThat(text.lines().limit(40)).contains("main=io.drpkit.provider.RunbookMain");
        int[] at = definedAt();
        assertThat(text.indexOf(JAR_FOLLOWS) + JAR_FOLLOWS.length()).isEqualTo(at[0]);
        assertThat(text.substring(at[0] + at[1])).as("then the jar").startsWith("PK\u0003\u0004");
    }

    @Test
    void theRenderedDefineBuildsNoDefinitionAndTheLiveOneDoes() throws Exception {
        List<String> rendered = classesLoaded("rendered.log", Map.of("DRPKIT_JAVA_OPTS", "-Xshare:off"));
        List<String> live = classesLoaded("live.log", Map.of("DRPKIT_NO_CDS", "1"));

        assertThat(rendered).contains("io.drpkit.provider.RunbookMain", "io.drpkit.sdk.internal.cli.RenderedDefine");
        assertThat(rendered).filteredOn(c -> c.startsWith("com.fasterxml.jackson.") || c.startsWith("picocli.")
                        || c.startsWith("org.slf4j.") || c.equals("io.drpkit.provider.Runbook")
                        || c.equals("io.drpkit.sdk.ProviderDefinition") || c.equals("io.drpkit.sdk.content.ContentPack")
                        || c.equals("java.lang.invoke.LambdaMetafactory") || c.startsWith("java.util.regex."))
                .as("what a rendered define does not need").isEmpty();
        assertThat(live).as("DRPKIT_NO_CDS=1 renders live")
                .contains("io.drpkit.provider.Runbook", "io.drpkit.sdk.internal.json.PrettyJson");
    }

    @Test
    void aTrainedDefineNeverOpensTheJar() throws Exception {
        Path exe = Launcher.copyInto(tmp.resolve("plugins"));
        Exec.Result training = Launcher.run(tmp, Map.of(), exe, "define");
        assertThat(training.exitCode()).as(training.stderr()).isZero();
        assertThat(Launcher.archives(exe.getParent(), "define", "jsa")).hasSize(1);
        Path log = tmp.resolve("trained.log");

        Exec.Result trained = Launcher.run(tmp, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log),
                exe, "define");

        assertThat(trained.exitCode()).as(trained.stderr()).isZero();
        assertThat(trained.stdout()).isEqualTo(training.stdout());
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).anyMatch(l -> l.contains("io.drpkit.provider.RunbookMain source: shared objects file"));
        assertThat(lines).as("no class path jar was opened").noneMatch(l -> l.contains("URLClassPath$JarLoader "));
    }

    /** The classes a define with {@code env} loads; a DRPKIT_JAVA_OPTS in it keeps its own archive. */
    private List<String> classesLoaded(String name, Map<String, String> env) throws IOException {
        Path log = tmp.resolve(name);
        Map<String, String> withLog = new java.util.HashMap<>(env);
        withLog.merge("DRPKIT_JAVA_OPTS", "-Xlog:class+load:file=" + log, (a, b) -> a + " " + b);
        ProviderProcess.Result r = runbook.define(withLog);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return Files.readAllLines(log).stream()
                .map(l -> l.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\]\\s*", ""))
                .map(l -> l.split(" ", 2)[0])
                .toList();
    }

    private static final String JAR_FOLLOWS = "# --- jar follows ---\n";

    /** The stub's {@code define_at=<offset>,<length>}. */
    private static int[] definedAt() throws IOException {
        String line = new String(Files.readAllBytes(Built.executable()), StandardCharsets.ISO_8859_1).lines()
                .limit(40).filter(l -> l.startsWith("define_at=")).findFirst().orElseThrow();
        String[] at = line.substring("define_at=".length()).split(",");
        return new int[] {Integer.parseInt(at[0]), Integer.parseInt(at[1])};
    }

    /** The bytes the build rendered, where the stub says they are. */
    private static byte[] renderedBytes() throws IOException {
        int[] at = definedAt();
        return Arrays.copyOfRange(Files.readAllBytes(Built.executable()), at[0], at[0] + at[1]);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
