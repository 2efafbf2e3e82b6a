package io.drpkit.maven;

import io.drpkit.sdk.internal.build.BundleMain;
import java.io.File;
import java.io.IOException;
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
            getLog().info(BundleMain.run(contentDirectory.toPath(), assetsDirectory.toPath(), outputDirectory.toPath()));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("drpkit:bundle: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("drpkit:bundle: cannot bundle " + contentDirectory + " and "
                    + assetsDirectory + " into " + outputDirectory + ": " + e, e);
        }
    }
}
