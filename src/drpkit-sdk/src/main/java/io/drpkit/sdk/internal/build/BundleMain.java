package io.drpkit.sdk.internal.build;

import io.drpkit.sdk.config.ParamSpec;
import io.drpkit.sdk.config.ParamValidator;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Param;
import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.content.Assets;
import io.drpkit.sdk.content.ContentBundler;
import io.drpkit.sdk.content.ContentPack;
import io.drpkit.sdk.model.Content;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bundles a provider's {@code content/} and {@code assets/} onto its class path; the
 * drpkit-maven-plugin's {@code bundle} goal runs it in {@code process-classes} ({@link #run}), or
 * by hand:
 *
 * <pre>BundleMain &lt;contentDir&gt; &lt;assetsDir&gt; &lt;outputDir&gt;</pre>
 *
 * It writes {@code <outputDir>/}{@value ContentPack#DEFAULT_RESOURCE} (see
 * {@link ContentBundler}; the {@code Version} meta is left to the host, which sets it to the
 * provider's version) and replaces {@code <outputDir>/}{@value Assets#DEFAULT_ROOT} with the
 * assets index and files. A missing directory counts as empty. It prints one summary line on
 * stderr.
 *
 * <p>It runs inside Maven's JVM, so failures are thrown (with a message naming the file), never
 * {@code System.exit}: Maven reports them and fails the build.
 */
public final class BundleMain {
    private BundleMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BundleMain <contentDir> <assetsDir> <outputDir>, got "
                    + args.length + " arguments");
        }
        System.err.println(run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2])));
    }

    /**
     * Does the work of {@link #main}; returns the summary line.
     *
     * @throws IllegalArgumentException naming the file or param that cannot be bundled
     * @throws IOException if reading or writing fails
     */
    public static String run(Path contentDir, Path assetsDir, Path outputDir) throws IOException {
        return run(contentDir, assetsDir, outputDir, Map.of());
    }

    /**
     * {@link #run(Path, Path, Path)} with meta values for the fields that have no
     * {@code ._<Field>.meta} file (the Maven plugin passes the project's artifactId as
     * {@code Name}, its name and description), in the order given.
     *
     * @throws IllegalArgumentException naming the file or param that cannot be bundled, or an
     *     unknown meta field
     * @throws IOException if reading or writing fails
     */
    public static String run(Path contentDir, Path assetsDir, Path outputDir, Map<String, String> metaDefaults)
            throws IOException {
        requireDirectoryOrAbsent(contentDir, "content");
        requireDirectoryOrAbsent(assetsDir, "assets");

        ContentBundler.Builder builder = ContentBundler.builder();
        metaDefaults.forEach(builder::meta);
        ContentBundler bundler = builder.build();
        Content content = Files.exists(contentDir) ? bundler.bundle(contentDir) : bundler.empty();
        Path contentFile = outputDir.resolve(ContentPack.DEFAULT_RESOURCE);
        Files.createDirectories(contentFile.getParent());
        Files.writeString(contentFile, ContentBundler.toYaml(content), StandardCharsets.UTF_8);
        // the params again as JSON, so define can check param names without a YAML parser, and
        // every schema compiled now, so an invalid one fails the build naming the param
        Map<String, JsonNode> params = content.section("params");
        ParamValidator.of(params.values().stream()
                .map(p -> ParamSpec.of(DrpJson.convert(p, Param.class))).toList());
        Files.writeString(outputDir.resolve(ContentPack.PARAMS_RESOURCE), DrpJson.write(params), StandardCharsets.UTF_8);

        AssetBundler.Result assets = AssetBundler.bundle(assetsDir, outputDir.resolve(Assets.DEFAULT_ROOT));
        return "drpkit: bundled " + describe(content) + "; " + plural(assets.files(), "asset file")
                + " in " + plural(assets.directories(), "directory", "directories")
                + " -> " + outputDir.resolve("META-INF/drpkit");
    }

    private static void requireDirectoryOrAbsent(Path dir, String what) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(what + " directory " + dir + " is not a directory");
        }
    }

    private static String describe(Content content) {
        if (content.sections().isEmpty()) {
            return "no content objects";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Map<String, JsonNode>> s : content.sections().entrySet()) {
            parts.add(s.getValue().size() + " " + s.getKey());
        }
        return String.join(", ", parts);
    }

    private static String plural(int n, String one) {
        return plural(n, one, one + "s");
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
