package io.drpkit.examples;

import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderApp;
import io.drpkit.sdk.ProviderDefinition;

/** A provider that prints to System.out while building its definition, as careless code does. */
public final class NoisyProvider implements Provider {
    public static void main(String[] args) {
        System.exit(ProviderApp.run(new NoisyProvider(), args));
    }

    @Override
    public ProviderDefinition definition() {
        System.out.println("noise from provider code");
        return ProviderDefinition.builder("noisy", "1.0.0").build();
    }
}
