package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/**
 * Where the build put what the integration tests run: {@code target/runbook} (the system property
 * {@code drpkit.executable}, set by failsafe), the shaded jar beside it, the pom version and the
 * repository's {@code assets/} tree.
 */
final class Built {
    private Built() {
    }

    /** The self-executing {@code target/runbook}. */
    static Path executable() {
        return existing("drpkit.executable");
    }

    /** The shaded jar the executable embeds, {@code target/runbook.jar}. */
    static Path jar() {
        Path jar = executable().resolveSibling("runbook.jar");
        assertThat(jar).as("the shaded jar built beside the executable").isRegularFile();
        return jar;
    }

    /** The pom's version. */
    static String version() {
        return property("project.version");
    }

    /** The repository's {@code assets/} directory, what {@code unpack} must reproduce. */
    static Path assets() {
        return existing("drpkit.assets");
    }

    private static Path existing(String name) {
        Path p = Path.of(property(name)).toAbsolutePath();
        assertThat(p).as("%s (run the ITs with mvn verify, after package)", name).exists();
        return p;
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        assertThat(v).as("system property %s (set by failsafe in pom.xml)", name).isNotBlank();
        return v;
    }
}
