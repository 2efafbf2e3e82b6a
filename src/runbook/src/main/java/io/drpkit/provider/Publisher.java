package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.content.ContentPack;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.Param;
import io.drpkit.sdk.resource.ManagerState;
import io.drpkit.sdk.resource.OperationContext;
import io.drpkit.sdk.resource.ParamStateStore;
import io.drpkit.sdk.resource.ResourceException;
import io.drpkit.sdk.resource.ResourceManager;
import io.drpkit.sdk.resource.ResourceRecord;
import io.drpkit.sdk.status.StatusReport;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The {@code publish}, {@code unpublish} and {@code publish-status} actions on machines, and the
 * clean-up when a machine is deleted: a {@link ResourceManager} over {@link PublishResources},
 * recording each machine's state in its param {@value #STATE_PARAM}.
 *
 * <ul>
 *   <li>{@code publish} creates the machine's directory, file and {@value PublishResources#URL_PARAM}
 *       param, in that order, rolling back what it started on a failure; it answers
 *       {@code {"Machine", "Url", "Resources": [{"Name", "Type", "State"}]}}, a 409 when the
 *       machine is already published, or the {@code ResourceError} naming the failed resource.</li>
 *   <li>{@code unpublish} destroys them in reverse order and answers
 *       {@code {"Machine", "Destroyed": [names]}} (empty when nothing was published).</li>
 *   <li>{@code publish-status} answers the machine's {@link StatusReport}.</li>
 * </ul>
 *
 * <p>Nothing is read or built before the first use: the template and the param defaults come
 * from the content pack then, so constructing this for {@code define} costs nothing.
 * Thread-safe; operations on one machine run one at a time (the manager's lock).
 */
final class Publisher {
    /** The machine param holding the resource manager's state for the machine. */
    static final String STATE_PARAM = "runbook/resources";
    /** The optional param of {@code publish} the shipped template writes into the file. */
    static final String NOTE_PARAM = "runbook/publish-note";
    /** The content pack's template for the published file. */
    static final String TEMPLATE = "runbook-machine.tmpl";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final String provider;
    private final Supplier<ContentPack> contentSource;
    private final Clock clock;                         // null: the system clock
    private final AtomicReference<Config> config = new AtomicReference<>();
    private volatile Engine engine;
    private volatile MachineTemplate template;

    /** What the first use builds. */
    private record Engine(ContentPack content, MachineStateStore store,
                          ResourceManager<PublishTarget> manager) {
    }

    /** For the provider: its content pack (parsed on first use) and the system clock. */
    Publisher(String provider, ContentPack content) {
        this.provider = Objects.requireNonNull(provider, "provider == null");
        Objects.requireNonNull(content, "content == null");
        this.contentSource = () -> content;
        this.clock = null;
    }

    /** For tests: another content pack or clock. */
    Publisher(String provider, Supplier<ContentPack> content, Clock clock) {
        this.provider = Objects.requireNonNull(provider, "provider == null");
        this.contentSource = Objects.requireNonNull(content, "content == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** Takes the configuration in force; the state store and the delete hook use its session. */
    void configure(Config config) {
        this.config.set(Objects.requireNonNull(config, "config == null"));
    }

    Object publish(ActionRequest request) {
        String uuid = machineUuid(request);
        PublishLayout layout = PublishLayout.of(request.config().environment(), provider);
        PublishTarget target = new PublishTarget(uuid, request.model(), params(request, uuid),
                request.api(), Optional.of(layout));
        LoggerFactory.getLogger(Publisher.class).info("Action: publish machine {} at {}", uuid, layout.url(uuid));
        ManagerState state;
        try {
            state = engine().manager().createAll(target, OperationContext.of(request));
        } catch (ResourceException e) {
            if (e.error().code() == 409) {
                throw failure(409, "machine " + uuid + " is already published ("
                        + String.join(", ", e.remaining()) + "); unpublish it first,"
                        + " or ask publish-status how it is");
            }
            throw e;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Machine", uuid);
        result.put("Url", layout.url(uuid));
        result.put("Resources", state.resources().stream().map(Publisher::summary).toList());
        return result;
    }

    Object unpublish(ActionRequest request) {
        String uuid = machineUuid(request);
        LoggerFactory.getLogger(Publisher.class).info("Action: unpublish machine {}", uuid);
        List<String> destroyed = engine().manager().destroyAll(target(uuid, request.api(),
                request.config().environment()), OperationContext.of(request));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Machine", uuid);
        result.put("Destroyed", destroyed);
        return result;
    }

    StatusReport status(ActionRequest request) {
        String uuid = machineUuid(request);
        return engine().manager().statusAll(target(uuid, request.api(), request.config().environment()),
                OperationContext.of(request));
    }

    /**
     * {@code publish-repair}: re-creates, in dependency order, what {@code publish-status} finds
     * MISSING or DOWN (a deleted or edited file, a removed or changed param, a directory gone),
     * leaving what is READY alone; answers {@code {"Machine", "Repaired": [names], "Status"}}.
     * A machine with nothing recorded has nothing to repair (publish it instead).
     */
    Object repair(ActionRequest request) {
        String uuid = machineUuid(request);
        PublishLayout layout = PublishLayout.of(request.config().environment(), provider);
        PublishTarget target = new PublishTarget(uuid, request.model(), params(request, uuid),
                request.api(), Optional.of(layout));
        OperationContext context = OperationContext.of(request);
        List<String> repaired = engine().manager().repair(target, context);
        LoggerFactory.getLogger(Publisher.class).info("Action: publish-repair machine {}: repaired {}", uuid, repaired);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Machine", uuid);
        result.put("Repaired", repaired);
        result.put("Status", engine().manager().statusAll(target, context));
        return result;
    }

    /**
     * {@code publish-adopt}: records what already exists for the machine and is not recorded yet,
     * in dependency order, so {@code unpublish} removes it and {@code publish-status} checks it:
     * the directory if it exists; the file in it if it exists (its digest as it is now); the
     * {@value PublishResources#URL_PARAM} param if it holds the file's URL. Nothing is created
     * (run {@code publish-repair} for what is missing). Answers {@code {"Machine", "Adopted": [names]}}.
     */
    Object adopt(ActionRequest request) throws java.io.IOException {
        String uuid = machineUuid(request);
        PublishLayout layout = PublishLayout.of(request.config().environment(), provider);
        PublishTarget target = new PublishTarget(uuid, request.model(), params(request, uuid),
                request.api(), Optional.of(layout));
        List<String> adopted = PublishResources.adoptExisting(engine().manager(), target);
        LoggerFactory.getLogger(Publisher.class).info("Action: publish-adopt machine {}: adopted {}", uuid, adopted);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Machine", uuid);
        result.put("Adopted", adopted);
        return result;
    }

    /**
     * Destroys what the deleted machine {@code uuid} still holds, in reverse creation order, from
     * the state in its last object ({@code deletedMachine}, the {@code Object} of DRP's
     * {@code machines.delete} event): the machine, and its state param with it, are gone from DRP.
     * Call it from the event thread; it blocks while files are removed.
     *
     * @return the resources destroyed, in order; empty when the machine held none
     * @throws IllegalStateException if no configuration was accepted yet
     * @throws ResourceException if a destroy failed (nothing is retried: the state was the event's)
     */
    List<String> onMachineDeleted(String uuid, JsonNode deletedMachine) {
        Objects.requireNonNull(uuid, "uuid == null");
        JsonNode state = deletedMachine == null ? null : deletedMachine.path("Params").get(STATE_PARAM);
        if (state == null || state.isNull()) {
            return List.of();
        }
        Config c = config.get();
        if (c == null) {
            throw new IllegalStateException("machine " + uuid + " was deleted before the provider"
                    + " was configured; its published resources are left in place");
        }
        Engine e = engine();
        e.store().detach(uuid, state);
        try {
            List<String> destroyed = e.manager().destroyAll(target(uuid, c.api(), c.environment()),
                    OperationContext.of(c));
            LoggerFactory.getLogger(Publisher.class).info("Machine {} was deleted: destroyed {}", uuid, destroyed);
            return destroyed;
        } finally {
            e.store().release(uuid);
        }
    }

    /** How many machines hold a recorded state (published, or waiting for a clean-up). */
    long managedMachines(DrpApi api) {
        return api.list("machines", Map.of()).stream()
                .filter(m -> {
                    JsonNode s = m.path("Params").get(STATE_PARAM);
                    return s != null && !s.isNull();
                })
                .count();
    }

    private PublishTarget target(String uuid, DrpApi api, ProviderEnvironment env) {
        Optional<PublishLayout> layout = env.webRoot().isPresent() && env.fileServer().isPresent()
                ? Optional.of(PublishLayout.of(env, provider)) : Optional.empty();
        return new PublishTarget(uuid, NullNode.getInstance(), name -> Optional.empty(), api, layout);
    }

    /**
     * What the template's {@code .Param} sees: this call's params (resolved by DRP, defaults
     * applied), else the machine's aggregated param (its own, its profiles', global), else the
     * default in the param's schema, as DRP's own template rendering falls back to.
     */
    private Function<String, Optional<JsonNode>> params(ActionRequest request, String uuid) {
        return name -> request.params().raw(name)
                .or(() -> request.api().param("machines", uuid, name, true))
                .or(() -> declaredDefault(name));
    }

    private Optional<JsonNode> declaredDefault(String name) {
        Param p = engine().content().params().get(name);
        return p == null ? Optional.empty() : Optional.ofNullable(p.schema().get("default"));
    }

    private Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (this) {
                e = engine;
                if (e == null) {
                    MachineStateStore store = new MachineStateStore(new ParamStateStore(
                            this::session, "machines", STATE_PARAM));
                    e = new Engine(contentSource.get(),
                            store, new PublishResources(this::template, new FileServerProbe(PROBE_TIMEOUT))
                                    .manager(store, clock == null ? Clock.systemUTC() : clock));
                    engine = e;
                }
            }
        }
        return e;
    }

    /**
     * The template from the content pack, parsed on first use and kept; a template that cannot
     * be read is tried again next time (and fails the file's create with the reason).
     */
    private MachineTemplate template() {
        MachineTemplate t = template;
        if (t == null) {
            synchronized (this) {
                t = template;
                if (t == null) {
                    JsonNode object = engine().content().content().section("templates").get(TEMPLATE);
                    JsonNode text = object == null ? null : object.get("Contents");
                    if (text == null || !text.isTextual()) {
                        throw new IllegalStateException("the content pack has no template " + TEMPLATE
                                + " (content/templates/" + TEMPLATE + ")");
                    }
                    t = MachineTemplate.parse(TEMPLATE, text.textValue());
                    template = t;
                }
            }
        }
        return t;
    }

    private DrpApi session() {
        Config c = config.get();
        return c == null ? null : c.api();
    }

    private static Map<String, Object> summary(ResourceRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", r.name());
        m.put("Type", r.type());
        m.put("State", r.state());
        return m;
    }

    /** As the incrementer: a target that is not a machine is a 409; so is a UUID unfit for a path. */
    private String machineUuid(ActionRequest request) {
        JsonNode uuid = request.model().get("Uuid");
        if (!request.model().isObject() || uuid == null || !uuid.isTextual() || uuid.textValue().isBlank()) {
            throw failure(409, "action " + request.command() + ": the target is not a machine"
                    + " (expected an object with a Uuid)");
        }
        if (!PublishLayout.isSafeKey(uuid.textValue())) {
            throw failure(409, "action " + request.command() + ": machine Uuid \"" + uuid.textValue()
                    + "\" cannot name a directory (expected letters, digits, '.', '_' and '-')");
        }
        return uuid.textValue();
    }

    private PluginException failure(int code, String message) {
        return new PluginException(DrpError.builder(code, "plugin").model("plugin").key(provider)
                .message(message).build());
    }
}
