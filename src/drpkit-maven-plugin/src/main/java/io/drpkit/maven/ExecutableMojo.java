package io.drpkit.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code drpkit:executable}, bound to {@code package}: writes the provider as one self-executing
 * file, the drpkit launcher stub (a POSIX shell script shipped in this plugin) followed by the
 * provider's runnable jar, mode 755. An operator copies that one file into DRP's plugins
 * directory. The stub finds Java ({@code JAVA_HOME} or {@code PATH}), sends JVM messages to
 * stderr, uses fast-start JVM flags and keeps an AppCDS archive beside the file (see the README).
 *
 * <p>The jar must be runnable with everything the provider needs (a shaded or "fat" jar with a
 * {@code Main-Class}): declare this goal after the {@code maven-shade-plugin} in the pom, as both
 * run in {@code package}. The file is written next to itself first and moved into place, so a
 * failed build never leaves half an executable.
 *
 * @since 0.1
 */
@Mojo(name = "executable", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class ExecutableMojo extends AbstractMojo {
    static final String STUB = "/io/drpkit/maven/stub.sh";

    /** The provider's runnable jar. */
    @Parameter(property = "drpkit.jar", defaultValue = "${project.build.directory}/${project.build.finalName}.jar",
            required = true)
    File jar;

    /** The file to write; its name is what operators see in DRP's plugins directory. */
    @Parameter(property = "drpkit.executable", defaultValue = "${project.build.directory}/${project.artifactId}",
            required = true)
    File executable;

    /** Skips the goal. */
    @Parameter(property = "drpkit.skip", defaultValue = "false")
    boolean skip;

    /** Creates the goal; Maven sets its parameters. */
    public ExecutableMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("drpkit:executable skipped");
            return;
        }
        Path in = jar.toPath();
        Path out = executable.toPath();
        checkRunnable(in);
        try {
            write(in, out);
        } catch (IOException e) {
            throw new MojoExecutionException("drpkit:executable: cannot write " + out + ": " + e, e);
        }
        getLog().info("drpkit: " + out + " (launcher stub + " + in.getFileName() + ", mode 755)");
    }

    /** Fails, saying what to do, unless {@code jar} is a jar with a {@code Main-Class}. */
    static void checkRunnable(Path jar) throws MojoFailureException {
        if (!Files.isRegularFile(jar)) {
            throw new MojoFailureException("drpkit:executable: no jar at " + jar
                    + "; the goal runs in package, after the jar (and the shade plugin) have made it");
        }
        String main;
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            main = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
        } catch (IOException e) {
            throw new MojoFailureException("drpkit:executable: " + jar + " is not a jar: " + e.getMessage(), e);
        }
        if (main == null || main.isBlank()) {
            throw new MojoFailureException("drpkit:executable: " + jar + " has no Main-Class in its manifest;"
                    + " build it with the maven-shade-plugin and a ManifestResourceTransformer naming the"
                    + " class whose main calls ProviderApp.run");
        }
    }

    /** Writes the stub followed by {@code jar} to {@code out} (replacing it), mode 755. */
    static void write(Path jar, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        try {
            try (OutputStream o = Files.newOutputStream(tmp); InputStream stub = stub()) {
                stub.transferTo(o);
                Files.copy(jar, o);
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static InputStream stub() throws IOException {
        InputStream in = ExecutableMojo.class.getResourceAsStream(STUB);
        if (in == null) {
            throw new IOException("the launcher stub " + STUB + " is missing from the drpkit-maven-plugin jar");
        }
        return in;
    }
}
