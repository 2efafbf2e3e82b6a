package io.drpkit.examples;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs a test provider class as a process: a script that starts it on the shaded jar and the test classes. */
public final class ExampleProviders {
    private ExampleProviders() {
    }

    /**
     * Writes {@code dir/<name>}, an executable script that runs {@code main} with this JVM's
     * {@code java} on {@code target/runbook.jar} and {@code target/test-classes}, and returns it.
     */
    public static Path script(Path dir, String name, Class<?> main) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String cp = Path.of("target/runbook.jar").toAbsolutePath() + File.pathSeparator
                + Path.of("target/test-classes").toAbsolutePath();
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -cp '" + cp + "' "
                + main.getName() + " \"$@\"\n");
        script.toFile().setExecutable(true);
        return script;
    }
}
