package io.drpkit.examples;

import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderApp;
import io.drpkit.sdk.ProviderDefinition;
import org.slf4j.LoggerFactory;

/** A provider that logs while it defines itself, for {@link AuthorLogbackIT}. */
public final class LoggingProvider implements Provider {
    public static void main(String[] args) {
        System.exit(ProviderApp.run(new LoggingProvider(), args));
    }

    @Override
    public ProviderDefinition definition() {
        LoggerFactory.getLogger(LoggingProvider.class).info("defining the logging provider");
        LoggerFactory.getLogger(LoggingProvider.class).debug("a debug line");
        return ProviderDefinition.builder("logging", "1.0.0").build();
    }
}
