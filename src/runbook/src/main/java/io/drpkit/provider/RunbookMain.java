package io.drpkit.provider;

import io.drpkit.sdk.ProviderApp;

/** The executable's entry point: the only place that calls {@code System.exit}. */
public final class RunbookMain {
    private RunbookMain() {
    }

    public static void main(String[] args) {
        // a supplier: the define the build rendered is answered without constructing the provider
        System.exit(ProviderApp.run(Runbook::new, args));
    }
}
