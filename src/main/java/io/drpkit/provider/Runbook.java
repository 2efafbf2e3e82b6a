package io.drpkit.provider;

import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.content.Assets;
import io.drpkit.sdk.content.ContentPack;

/**
 * The {@code runbook} provider. {@link #definition()} only declares; the objects behind the
 * actions are created lazily so {@code define} stays fast and never starts logging.
 * Thread-safe.
 */
public final class Runbook implements Provider {
    public static final String NAME = "runbook";

    private final Incrementer incrementer = new Incrementer(NAME);
    private final EventCounter events = new EventCounter();
    private final ProviderStatus status = new ProviderStatus(NAME, events);

    @Override
    public ProviderDefinition definition() {
        return ProviderDefinition.builder(NAME, BuildInfo.version())
                .documentation("Runbooks, resources and the incrementer example for dr-provision, built with drpkit.")
                .content(ContentPack.fromClasspath())
                .unpacker(Assets.fromClasspath())
                .optionalParams(EventCounter.EVENTS)
                .eventSubscriber(events)
                .action(ActionSpec.builder("machines", "increment")
                        .optionalParams(Incrementer.STEP, Incrementer.PARAMETER).build(), incrementer::increment)
                .action(ActionSpec.builder("machines", "reset_count")
                        .requiredParams(Incrementer.TOUCHED).build(), incrementer::resetCount)
                .action(ActionSpec.system("incrstatus").build(), incrementer::status)
                .action(ActionSpec.system("status").build(), status::report)
                .build();
    }

    @Override
    public void configure(Config config) {
        // the incrementer keeps no state of its own: each action reads the config in force
    }
}
