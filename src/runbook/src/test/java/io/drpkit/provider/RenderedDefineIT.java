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
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code define} as the build rendered it (drpkit:executable's {@code renderDefine}): the same
 * bytes as the live rendering ({@code -Ddrpkit.define.live=true}), answered without building the
 * definition, and by a trained start without opening the jar.
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
        ProviderProcess.Result liveNoArchive = runbook.define(Map.of("DRPKIT_JAVA_OPTS", LIVE, "DRPKIT_NO_CDS", "1"));
        ProviderProcess.Result renderedNoArchive = runbook.define(Map.of("DRPKIT_NO_CDS", "1"));

        for (ProviderProcess.Result r : List.of(rendered, live, liveNoArchive, renderedNoArchive)) {
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stderr()).isEmpty();
        }
        assertThat(rendered.stdout()).isEqualTo(live.stdout()).isEqualTo(liveNoArchive.stdout())
                .isEqualTo(renderedNoArchive.stdout());
        assertThat(rendered.stdout()).isEqualTo(new String(jarResource(), StandardCharsets.UTF_8));
        // a plain java -jar of the shaded jar answers from its resource
        Exec.Result jar = Exec.run(tmp, Map.of(), Launcher.TIMEOUT, List.of(java(), "-jar", Built.jar().toString(),
                "define"));
        assertThat(jar.exitCode()).as(jar.stderr()).isZero();
        assertThat(jar.stdout()).isEqualTo(live.stdout());
    }

    @Test
    void theExecutableHoldsTheJarsBytesWhereItsStubSays() throws IOException {
        byte[] exe = Files.readAllBytes(Built.executable());
        List<String> stub = new String(exe, StandardCharsets.ISO_8859_1).lines().limit(40).toList();

        assertThat(stub).contains("main=io.drpkit.provider.RunbookMain");
        String[] at = stub.stream().filter(l -> l.startsWith("define_at=")).findFirst().orElseThrow()
                .substring("define_at=".length()).split(",");
        int offset = Integer.parseInt(at[0]);
        int length = Integer.parseInt(at[1]);
        assertThat(Arrays.copyOfRange(exe, offset, offset + length)).isEqualTo(jarResource());
    }

    @Test
    void theRenderedDefineBuildsNoDefinitionAndTheLiveOneDoes() throws IOException {
        List<String> rendered = classesLoaded("rendered.log", "");
        List<String> live = classesLoaded("live.log", LIVE + " ");

        assertThat(rendered).contains("io.drpkit.provider.RunbookMain", "io.drpkit.sdk.internal.cli.RenderedDefine");
        assertThat(rendered).filteredOn(c -> c.startsWith("com.fasterxml.jackson.") || c.startsWith("picocli.")
                        || c.startsWith("org.slf4j.") || c.equals("io.drpkit.provider.Runbook")
                        || c.equals("io.drpkit.sdk.ProviderDefinition") || c.equals("io.drpkit.sdk.content.ContentPack")
                        || c.equals("java.lang.invoke.LambdaMetafactory") || c.startsWith("java.util.regex."))
                .as("what a rendered define does not need").isEmpty();
        assertThat(live).contains("io.drpkit.provider.Runbook", "io.drpkit.sdk.internal.json.PrettyJson");
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

    private List<String> classesLoaded(String name, String opts) throws IOException {
        Path log = tmp.resolve(name);
        ProviderProcess.Result r = runbook.define(Map.of("DRPKIT_NO_CDS", "1",
                "DRPKIT_JAVA_OPTS", opts + "-Xlog:class+load:file=" + log));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return Files.readAllLines(log).stream()
                .map(l -> l.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\]\\s*", ""))
                .map(l -> l.split(" ", 2)[0])
                .toList();
    }

    private static byte[] jarResource() throws IOException {
        try (JarFile jar = new JarFile(Built.jar().toFile())) {
            ZipEntry entry = jar.getEntry("META-INF/drpkit/define.json");
            assertThat(entry).as("the rendered define in %s", Built.jar()).isNotNull();
            return jar.getInputStream(entry).readAllBytes();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
