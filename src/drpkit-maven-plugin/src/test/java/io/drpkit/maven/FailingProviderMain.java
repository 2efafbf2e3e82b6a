package io.drpkit.maven;

/** A provider's main whose {@code define} fails, as an invalid definition does. */
public final class FailingProviderMain {
    private FailingProviderMain() {
    }

    public static void main(String[] args) {
        System.err.println("Error: the definition is broken: param fake/x has no schema");
        System.exit(1);
    }
}
