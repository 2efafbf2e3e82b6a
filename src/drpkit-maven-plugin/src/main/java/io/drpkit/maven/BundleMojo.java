package io.drpkit.maven;

import io.drpkit.sdk.internal.build.BundleMain;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code drpkit:bundle}, bound to {@code process-classes}: bundles the provider's content pack
 * ({@code content/}) into the class path resource that {@code ContentPack.fromClasspath()} reads
 * and that {@code define} ships, and its {@code assets/} tree (with file modes) for
 * {@code Assets.fromClasspath()}, the default unpacker.
 *
 * <p>The content pack is checked on the way: every file must parse, every param's JSON Schema
 * must compile; the build fails naming the file or the param. A missing directory counts as
 * empty. Dot-files in {@code assets/} are skipped; symbolic links fail the build.
 *
 * <p>Runs once per module; safe in parallel builds (it writes only below the module's
 * {@code outputDirectory}).
 *
 * @since 0.1
 */
@Mojo(name = "bundle", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public final class BundleMojo extends AbstractMojo {
    /** The DRP content pack: {@code ._*.meta}, {@code params/}, {@code tasks/} ... */
    @Parameter(property = "drpkit.contentDirectory", defaultValue = "${project.basedir}/content")
    File contentDirectory;

    /** What {@code unpack <dir>} writes (DRP serves it under {@code files/plugin_providers/<name>/}). */
    @Parameter(property = "drpkit.assetsDirectory", defaultValue = "${project.basedir}/assets")
    File assetsDirectory;

    /** Where the bundle goes: the module's classes, so the jar and the tests see it. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    File outputDirectory;

    /**
     * Content pack meta for the fields that have no {@code ._<Field>.meta} file in
     * {@code contentDirectory}, e.g. {@code <meta><Author>me</Author></meta>}. Without a file or
     * an entry here, {@code Name} is the project's artifactId, {@code DisplayName} its name and
     * {@code Description} its description.
     */
    @Parameter
    Map<String, String> meta = Map.of();

    @Parameter(defaultValue = "${project.artifactId}", readonly = true)
    String artifactId;

    @Parameter(defaultValue = "${project.name}", readonly = true)
    String projectName;

    @Parameter(defaultValue = "${project.description}", readonly = true)
    String projectDescription;

    /** Skips the goal. */
    @Parameter(property = "drpkit.skip", defaultValue = "false")
    boolean skip;

    /** Creates the goal; Maven sets its parameters. */
    public BundleMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("drpkit:bundle skipped");
            return;
        }
        try {
            getLog().info(BundleMain.run(contentDirectory.toPath(), assetsDirectory.toPath(), outputDirectory.toPath(),
                    metaDefaults()));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("drpkit:bundle: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("drpkit:bundle: cannot bundle " + contentDirectory + " and "
                    + assetsDirectory + " into " + outputDirectory + ": " + e, e);
        }
    }

    /** The project's identity, then the configured {@link #meta} over it. */
    Map<String, String> metaDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        putIfSet(defaults, "Name", artifactId);
        putIfSet(defaults, "DisplayName", projectName);
        putIfSet(defaults, "Description", projectDescription);
        if (meta != null) {
            defaults.putAll(meta);
        }
        return defaults;
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.strip());
        }
    }
}
