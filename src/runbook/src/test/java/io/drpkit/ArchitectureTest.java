package io.drpkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules the compiler cannot check: the layering of design.md and style.md. It lives in the
 * runbook module (surefire runs it in src/runbook) and reads the sibling modules' sources too.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Path SDK_MAIN = Path.of("../drpkit-sdk/src/main/java");
    private static final List<Path> ALL_MAIN = List.of(SDK_MAIN, Path.of("../drpkit-testkit/src/main/java"),
            Path.of("../drpkit-maven-plugin/src/main/java"), MAIN);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    private static List<Path> sources(List<Path> roots) {
        return roots.stream().flatMap(root -> sources(root).stream()).toList();
    }

    private static List<Path> sources(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theShippedProviderUsesOnlyThePublicSdk() {
        List<Path> provider = sources(MAIN.resolve("io/drpkit/provider"));
        assertThat(provider).isNotEmpty();
        for (Path file : provider) {
            String text = read(file);
            assertThat(text).as(file + " must not reach into SDK internals").doesNotContain("io.drpkit.sdk.internal");
            assertThat(text).as(file + " must not use the test kit").doesNotContain("io.drpkit.testkit");
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String imported = m.group(2);
                assertThat(imported).as(file + " imports " + imported).matches(
                        "(java\\.|io\\.drpkit\\.sdk\\.|io\\.drpkit\\.provider\\.|com\\.fasterxml\\.jackson\\.|org\\.slf4j\\.).*");
                assertThat(imported).as(file + " imports " + imported)
                        .doesNotStartWith("io.undertow").doesNotStartWith("okhttp3").doesNotStartWith("picocli");
            }
        }
    }

    @Test
    void onlyProtocolOutTouchesStdout() {
        List<Path> offenders = sources(ALL_MAIN).stream()
                .filter(p -> read(p).contains("System.out"))
                .filter(p -> !p.endsWith("io/drpkit/sdk/internal/lifecycle/ProtocolOut.java"))
                // the simulator is a program of its own (make demo), not a provider: stdout is its transcript
                .filter(p -> !p.endsWith("io/drpkit/testkit/SimulatorMain.java"))
                .toList();
        assertThat(offenders).as("stdout belongs to the protocol").isEmpty();
    }

    @Test
    void onlyMainClassesCallSystemExit() {
        List<Path> offenders = sources(ALL_MAIN).stream()
                .filter(p -> read(p).replaceAll("(?s)/\\*.*?\\*/", "").contains("System.exit("))
                .filter(p -> !p.getFileName().toString().endsWith("Main.java"))
                .toList();
        assertThat(offenders).isEmpty();
    }

    @Test
    void everyInternalPackageSaysItIsNotApi() throws IOException {
        try (Stream<Path> dirs = Files.walk(SDK_MAIN.resolve("io/drpkit/sdk/internal"))) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                boolean hasJava;
                try (Stream<Path> files = Files.list(dir)) {
                    hasJava = files.anyMatch(p -> p.toString().endsWith(".java"));
                }
                if (hasJava) {
                    Path info = dir.resolve("package-info.java");
                    assertThat(info).as(dir + " needs a package-info").exists();
                    assertThat(read(info).toLowerCase()).as(info.toString()).contains("not api; may change without notice");
                }
            }
        }
    }

    @Test
    void publicSdkTypesDoNotExposeServerOrClientLibraries() {
        for (Path file : sources(SDK_MAIN.resolve("io/drpkit/sdk"))) {
            if (file.toString().contains("/internal/")) {
                continue;
            }
            String text = read(file);
            assertThat(text).as(file.toString()).doesNotContain("import io.undertow")
                    .doesNotContain("import okhttp3").doesNotContain("import picocli")
                    .doesNotContain("import org.xnio");
        }
    }
}
