package io.drpkit.provider;

import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.content.Assets;
import io.drpkit.sdk.content.ContentPack;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The {@code runbook} provider. {@link #definition()} only declares; the objects behind the
 * actions are created lazily so {@code define} stays fast and never starts logging.
 * Thread-safe.
 */
public final class Runbook implements Provider {
    public static final String NAME = "runbook";

    /** Read once; its YAML is parsed on first need and shared by the catalog and the publisher. */
    private final ContentPack content = ContentPack.fromClasspath();
    private final Publisher publisher = new Publisher(NAME, content);
    private final Incrementer incrementer = new Incrementer(NAME);
    private final RunbookActions runbooks = new RunbookActions(new RunbookCatalog(() -> content));
    private final EventCounter events = new EventCounter(this::machineDeleted);
    private final ProviderStatus status = new ProviderStatus(events, publisher);

    @Override
    public ProviderDefinition definition() {
        return ProviderDefinition.builder(NAME, BuildInfo.version())
                .documentation("Runbooks, resources and the incrementer example for dr-provision, built with drpkit.")
                .content(content)
                .unpacker(Assets.fromClasspath())
                .optionalParams(EventCounter.EVENTS)
                .eventSubscriber(events)
                .action(ActionSpec.builder("machines", "increment")
                        .optionalParams(Incrementer.STEP, Incrementer.PARAMETER).build(), incrementer::increment)
                .action(ActionSpec.builder("machines", "reset_count")
                        .requiredParams(Incrementer.TOUCHED).build(), incrementer::resetCount)
                .action(ActionSpec.builder("machines", "publish")
                        .optionalParams(Publisher.NOTE_PARAM).build(), publisher::publish)
                .action(ActionSpec.builder("machines", "unpublish").build(), publisher::unpublish)
                .action(ActionSpec.builder("machines", "publish-status").build(), publisher::status)
                .action(ActionSpec.system("incrstatus").build(), incrementer::status)
                .action(ActionSpec.system("status").build(), status::report)
                .storeObject(RunbookActions.storeType(), RunbookActions.storeSchema())
                .action(RunbookActions.createSpec(), runbooks::create)
                .action(RunbookActions.deleteSpec(), runbooks::delete)
                .onStop(runbooks::close)
                .build();
    }

    /** A deleted machine's published resources are destroyed without any action call. */
    private void machineDeleted(io.drpkit.sdk.model.Event event) {
        List<String> destroyed = publisher.onMachineDeleted(event.key(), event.object());
        if (!destroyed.isEmpty()) {
            LoggerFactory.getLogger(Runbook.class).info("Machine {} was deleted: destroyed its {}", event.key(), destroyed);
        }
    }

    @Override
    public void configure(Config config) {
        // the incrementer keeps no state of its own: each action reads the config in force
        publisher.configure(config); // its state store and machine-delete hook work outside actions
    }
}
