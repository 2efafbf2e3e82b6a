package io.drpkit.maven;

import io.drpkit.sdk.internal.cli.RenderedDefine;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * <p>Unless {@code renderDefine} is false, the goal first runs the jar's own {@code define} (a
 * JVM of its own, with the Maven JVM's {@code java}, without the build's {@code RS_*} and
 * {@code DRPKIT_*} variables) and writes exactly what it printed between the stub and the jar; the
 * stub names it to the JVM ({@code define_at=}) and the provider then answers {@code define} with
 * those bytes without building its definition. A {@code define} that fails fails the build with
 * what it printed on stderr. A provider whose definition depends on its runtime environment (an
 * environment validator, variables or files read by {@code definition()}) sets
 * {@code renderDefine} to false. The stub starts the {@code Main-Class} with {@code -cp}
 * ({@code main=}, {@code launchWithClassPath}): a {@code define} started from its archive then
 * never opens the jar.
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

    /**
     * Renders {@code define} now and writes it into the executable, so the provider answers it without
     * building its definition. Set it to false when the definition depends on the runtime
     * environment.
     */
    @Parameter(property = "drpkit.renderDefine", defaultValue = "true")
    boolean renderDefine;

    /**
     * Has the stub start the jar's {@code Main-Class} with {@code -cp <file> <class>} instead of
     * {@code -jar <file>}, so the JVM does not open the jar to read its manifest before
     * {@code main}. Off by itself when the manifest says what only {@code -jar} honours
     * ({@code Launcher-Agent-Class}, {@code Add-Opens}, {@code Add-Exports},
     * {@code Enable-Native-Access}, {@code SplashScreen-Image}).
     */
    @Parameter(property = "drpkit.launchWithClassPath", defaultValue = "true")
    boolean launchWithClassPath;

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
        byte[] definition = null;
        if (renderDefine) {
            definition = renderDefine(javaCommand(), in);
            getLog().info("drpkit: define rendered (" + definition.length + " bytes), written after the stub");
        }
        String main = null;
        if (launchWithClassPath) {
            main = classPathMain(in);
            if (main == null) {
                getLog().info("drpkit: the manifest of " + in.getFileName() + " has attributes only -jar honours;"
                        + " the stub starts it with -jar");
            }
        }
        try {
            write(in, out, main, definition);
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

    /** How long the build's {@code define} may take. */
    static final long DEFINE_TIMEOUT_SECONDS = 120;

    /** The {@code java} of the JVM that runs Maven. */
    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Runs {@code java -jar <jar> define}, rendering live, and returns exactly what it printed
     * on stdout. Fails with its stderr when it exits with another status than 0, prints
     * nothing, or does not end within 120 s.
     */
    static byte[] renderDefine(String java, Path jar) throws MojoFailureException, MojoExecutionException {
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-D" + RenderedDefine.LIVE_PROPERTY + "=true", "-D" + RenderedDefine.BUILD_PROPERTY + "=true",
                "-jar", jar.toString(), "define"));
        String what = "drpkit:executable: `java -jar " + jar + " define`";
        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile("drpkit-define", ".out");
            stderr = Files.createTempFile("drpkit-define", ".err");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            // the definition must not depend on the building machine's DRP or launcher settings
            pb.environment().keySet().removeIf(k -> k.startsWith("RS_") || k.startsWith("DRPKIT_"));
            Process p = pb.start();
            if (!p.waitFor(DEFINE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new MojoFailureException(what + " did not end within " + DEFINE_TIMEOUT_SECONDS
                        + " s while rendering the definition; stderr:\n" + Files.readString(stderr) + HINT);
            }
            byte[] definition = Files.readAllBytes(stdout);
            String err = new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new MojoFailureException(what + " exited with status " + p.exitValue()
                        + " while rendering the definition; stderr:\n" + err + HINT);
            }
            if (definition.length == 0) {
                throw new MojoFailureException(what + " printed nothing on stdout; stderr:\n" + err + HINT);
            }
            return definition;
        } catch (IOException e) {
            throw new MojoExecutionException(what + ": cannot run it: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException(what + ": interrupted", e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private static final String HINT = "\n(a provider whose definition depends on its runtime environment"
            + " sets <renderDefine>false</renderDefine> in the drpkit-maven-plugin's configuration)";

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file; the system cleans it up
            }
        }
    }

    /** Manifest attributes that {@code java -cp} would ignore. */
    private static final List<String> JAR_ONLY = List.of("Launcher-Agent-Class", "Add-Opens", "Add-Exports",
            "Enable-Native-Access", "SplashScreen-Image");

    /** The jar's {@code Main-Class}, or null when its manifest needs {@code -jar}. */
    static String classPathMain(Path jar) throws MojoFailureException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest().getMainAttributes();
            for (String name : JAR_ONLY) {
                if (main.getValue(name) != null) {
                    return null;
                }
            }
            return main.getValue(Attributes.Name.MAIN_CLASS).trim();
        } catch (IOException e) {
            throw new MojoFailureException("drpkit:executable: " + jar + " is not a jar: " + e.getMessage(), e);
        }
    }

    /**
     * The stub with its {@code main=} and {@code define_at=} lines filled in: {@code main} (null:
     * none, {@code -jar}) and, for a {@code definition} written right after the stub, its offset in
     * the file and length. The offset counts the stub's own bytes, which include it: it is computed
     * until it stops changing (twice at most, as it only grows).
     */
    static byte[] stub(String main, byte[] definition) throws IOException {
        String template;
        try (InputStream in = stub()) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!template.contains("\nmain=\n") || !template.contains("\ndefine_at=\n")) {
            throw new IOException("the launcher stub " + STUB + " has no main= and define_at= lines to fill in");
        }
        if (main != null && !main.matches("[\\p{javaJavaIdentifierPart}.$]+")) {
            throw new IOException("Main-Class " + main + " is not a class name");
        }
        String withMain = template.replace("\nmain=\n", "\nmain=" + (main == null ? "" : main) + "\n");
        if (definition == null) {
            return withMain.getBytes(StandardCharsets.UTF_8);
        }
        long offset = 0;
        while (true) {
            byte[] stub = withMain.replace("\ndefine_at=\n", "\ndefine_at=" + offset + "," + definition.length + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            if (stub.length == offset) {
                return stub;
            }
            offset = stub.length;
        }
    }

    /**
     * Writes the stub filled in for {@code main} and {@code definition} (either may be null),
     * then {@code definition}, then {@code jar} to {@code out} (replacing it), mode 755.
     */
    static void write(Path jar, Path out, String main, byte[] definition) throws IOException {
        byte[] stub = stub(main, definition);
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
        try {
            try (OutputStream o = Files.newOutputStream(tmp)) {
                o.write(stub);
                if (definition != null) {
                    o.write(definition);
                }
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

    /** Writes the stub followed by {@code jar} to {@code out} (replacing it), mode 755. */
    static void write(Path jar, Path out) throws IOException {
        write(jar, out, null, null);
    }

    static InputStream stub() throws IOException {
        InputStream in = ExecutableMojo.class.getResourceAsStream(STUB);
        if (in == null) {
            throw new IOException("the launcher stub " + STUB + " is missing from the drpkit-maven-plugin jar");
        }
        return in;
    }
}
