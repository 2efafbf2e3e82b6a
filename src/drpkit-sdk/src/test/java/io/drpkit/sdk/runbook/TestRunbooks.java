package io.drpkit.sdk.runbook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the example runbooks shipped as test resources next to this class. */
final class TestRunbooks {
    private TestRunbooks() {
    }

    static String text(String resource) {
        try (InputStream in = TestRunbooks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Runbook fileTree() {
        return Runbook.parse(text("file-tree.yaml"));
    }

    static Runbook tokenPair() {
        return Runbook.parse(text("token-pair.yaml"));
    }
}
