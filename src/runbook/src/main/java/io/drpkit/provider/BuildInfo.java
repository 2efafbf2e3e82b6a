package io.drpkit.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version the build stamped into {@code runbook.properties} (the pom's version). */
final class BuildInfo {
    private BuildInfo() {
    }

    static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("runbook.properties")) {
            if (in == null) {
                throw new IllegalStateException("runbook.properties missing from the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "0.0.0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
