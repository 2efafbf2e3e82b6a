package io.drpkit.provider;

import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.content.Assets;
import io.drpkit.sdk.content.ContentPack;
import io.drpkit.sdk.events.KeyedQueue;
import io.drpkit.sdk.model.Event;
import io.drpkit.sdk.status.HealthPublisher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code runbook} provider. {@link #definition()} only declares; the objects behind the
 * actions are created lazily so {@code define} stays fast and never starts logging.
 *
 * <p>Deleted machines are cleaned up off the event stream: the subscriber only counts and
 * queues each {@code machines.delete} event in a {@link KeyedQueue} keyed by machine UUID (so
 * a runbook's delete steps, which may run for minutes, never stall the stream, clean-ups of
 * different machines run at once, and two events for one machine run in order). Thread-safe.
 */
public final class Runbook implements Provider {
    public static final String NAME = "runbook";

    /** Read once; its YAML is parsed on first need and shared by the catalog and the publisher. */
    private final ContentPack content = ContentPack.fromClasspath();
    private final Publisher publisher = new Publisher(NAME, content);
    private final Incrementer incrementer = new Incrementer(NAME);
    private final RunbookActions runbooks = new RunbookActions(new RunbookCatalog(() -> content));
    private final AtomicReference<Config> config = new AtomicReference<>();
    /** Its threads start with the first delete event, never during {@code define}. */
    private final KeyedQueue<Event> deletions = KeyedQueue.<Event>builder("runbook-machine-deletes",
                    (uuid, event) -> machineDeleted(event))
            .threads(2).capacity(1_000).perKeyCapacity(4).build();
    private final EventCounter events = new EventCounter(e -> deletions.submit(e.key(), e));
    private final ProviderStatus status = new ProviderStatus(events, publisher, deletions, runbooks);
    /** Made on the first configuration, again when {@value #HEALTH_INTERVAL} changes. */
    private final AtomicReference<HealthPublisher> health = new AtomicReference<>();
    static final String HEALTH_INTERVAL = "runbook/health-interval";

    @Override
    public ProviderDefinition definition() {
        return ProviderDefinition.builder(NAME, BuildInfo.version())
                .documentation("Runbooks, resources and the incrementer example for dr-provision, built with drpkit.")
                .content(content)
                .unpacker(Assets.fromClasspath())
                .optionalParams(EventCounter.EVENTS, RunbookActions.DELETE_WITH_MACHINE, HEALTH_INTERVAL)
                .eventSubscriber(events)
                .action(ActionSpec.builder("machines", "increment")
                        .optionalParams(Incrementer.STEP, Incrementer.PARAMETER).build(), incrementer::increment)
                .action(ActionSpec.builder("machines", "reset_count")
                        .requiredParams(Incrementer.TOUCHED).build(), incrementer::resetCount)
                .action(ActionSpec.builder("machines", "publish")
                        .optionalParams(Publisher.NOTE_PARAM).build(), publisher::publish)
                .action(ActionSpec.builder("machines", "unpublish").build(), publisher::unpublish)
                .action(ActionSpec.builder("machines", "publish-status").build(), publisher::status)
                .action(ActionSpec.builder("machines", "publish-repair")
                        .optionalParams(Publisher.NOTE_PARAM).build(), publisher::repair)
                .action(ActionSpec.builder("machines", "publish-adopt").build(), publisher::adopt)
                .action(ActionSpec.system("incrstatus").build(), incrementer::status)
                .action(ActionSpec.system("status").build(), status::report)
                .storeObject(RunbookActions.storeType(), RunbookActions.storeSchema())
                .action(RunbookActions.createSpec(), runbooks::create)
                .action(RunbookActions.deleteSpec(), runbooks::delete)
                .onStop(this::stop)
                .build();
    }

    @Override
    public void configure(Config config) {
        // the incrementer keeps no state of its own: each action reads the config in force
        publisher.configure(config); // its state store and machine-delete hook work outside actions
        this.config.set(config);
        publishHealth(config);
    }

    /** Publishes the health onto the Plugin object at the configured interval (off when zero). */
    private void publishHealth(Config config) {
        Duration interval = config.params().has(HEALTH_INTERVAL)
                ? HealthPublisher.parseInterval(config.params().string(HEALTH_INTERVAL)).orElse(Duration.ofSeconds(60))
                : Duration.ofSeconds(60);
        HealthPublisher current = health.get();
        if (current == null || !current.interval().equals(interval)) {
            HealthPublisher next = HealthPublisher.builder(status::health).interval(interval).build();
            if (current != null) {
                current.close();
            }
            health.set(next);
            current = next;
        }
        current.start(config);
    }

    /**
     * On a queue thread: destroys the deleted machine's published resources and runs the delete
     * steps of its runbooks, both from the event's object. A failure of the former is thrown
     * after the latter ran, so the queue counts it.
     */
    private void machineDeleted(Event event) {
        Config c = config.get();
        if (c == null) {
            log().error("Machine {} was deleted before the provider was configured; what it holds is left in place",
                    event.key());
            throw new IllegalStateException("not configured");
        }
        RuntimeException failure = null;
        try {
            List<String> destroyed = publisher.onMachineDeleted(event.key(), event.object());
            if (!destroyed.isEmpty()) {
                log().info("Machine {} was deleted: destroyed its {}", event.key(), destroyed);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        runbooks.onMachineDeleted(event.key(), event.object(), c);
        if (failure != null) {
            throw failure;
        }
    }

    /** Lets queued clean-ups finish (10 s at most), then stops the runbook runs. */
    private void stop() {
        HealthPublisher h = health.get();
        if (h != null) {
            h.close();
        }
        deletions.close(Duration.ofSeconds(10));
        runbooks.close();
    }

    /** Looked up on use: {@code define} constructs this class and must load no logging. */
    private static Logger log() {
        return LoggerFactory.getLogger(Runbook.class);
    }
}
