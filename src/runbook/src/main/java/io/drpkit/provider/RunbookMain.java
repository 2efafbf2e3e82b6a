package io.drpkit.provider;

import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderApp;
import java.util.function.Supplier;

/** The executable's entry point: the only place that calls {@code System.exit}. */
public final class RunbookMain {
    private RunbookMain() {
    }

    public static void main(String[] args) {
        System.exit(ProviderApp.run(new RunbookSupplier(), args));
    }

    /**
     * A class rather than {@code Runbook::new}: the define the build rendered is answered without
     * constructing the provider, and linking a method reference would cost that define more
     * (java.lang.invoke) than everything else it does after {@code main}.
     */
    private static final class RunbookSupplier implements Supplier<Provider> {
        @Override
        public Provider get() {
            return new Runbook();
        }
    }
}
