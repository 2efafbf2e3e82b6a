package io.drpkit.sdk.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.ActionHandler;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.Host;
import io.drpkit.sdk.JobLogger;
import io.drpkit.sdk.LegacyPublisher;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.Stoppable;
import io.drpkit.sdk.internal.api.HttpDrpApi;
import io.drpkit.sdk.internal.secrets.Secrets;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.Event;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The semantics of the plugin API (spec §3.4–3.7, Part A.7–A.9), without HTTP: what
 * {@code /config}, {@code /action} and {@code /publish} answer and in which order provider code
 * runs. The configuration is an immutable snapshot behind an {@link AtomicReference}; only
 * {@code /config} is serialized (it never runs concurrently with itself), actions run
 * concurrently and never wait for a lock. Thread-safe.
 *
 * <p><b>Secrets.</b> The runtime owns the process's {@link Secrets}: the secure params of the
 * {@code /config} in force and of each action, and what its DRP session decoded or sealed. Every
 * error it answers is masked with them ({@link #masked(Reply)}); the log forwarder and the
 * action job loggers mask with the same instance.
 */
public final class ProviderRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRuntime.class);

    private final Provider provider;
    private final ProviderDefinition definition;
    private final ProviderEnvironment environment;
    private final Host host;
    private final Function<ProviderEnvironment, DrpApi> sessions;
    private final ParamChecker params;
    private final Function<DrpApi, EventLink> eventLinks;
    private final AtomicReference<Config> current = new AtomicReference<>();
    private final ReentrantLock configLock = new ReentrantLock();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private EventLink events = EventLink.none();
    // guarded by configLock. One session for the process: the environment it is made from does
    // not change, and a session per /config left a client, its pool and its threads behind each
    // time (issue 11 item 1). Actions still running on an older snapshot use the same session.
    private DrpApi session;
    private final Secrets secrets;
    private final ActionJobLogs jobLogs;

    /** A runtime with its own, empty {@link Secrets}. */
    public ProviderRuntime(Provider provider, ProviderDefinition definition, ProviderEnvironment environment,
                           Host host, Function<ProviderEnvironment, DrpApi> sessions, ParamChecker params,
                           Function<DrpApi, EventLink> eventLinks) {
        this(provider, definition, environment, host, sessions, params, eventLinks, new Secrets());
    }

    /**
     * A runtime filling {@code secrets}, which the caller also hands to the log forwarder (made
     * before the runtime, so the two mask with the same values).
     */
    public ProviderRuntime(Provider provider, ProviderDefinition definition, ProviderEnvironment environment,
                           Host host, Function<ProviderEnvironment, DrpApi> sessions, ParamChecker params,
                           Function<DrpApi, EventLink> eventLinks, Secrets secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets == null");
        this.jobLogs = new ActionJobLogs(secrets::mask);
        this.provider = Objects.requireNonNull(provider, "provider == null");
        this.definition = Objects.requireNonNull(definition, "definition == null");
        this.environment = Objects.requireNonNull(environment, "environment == null");
        this.host = Objects.requireNonNull(host, "host == null");
        this.sessions = Objects.requireNonNull(sessions, "sessions == null");
        this.params = Objects.requireNonNull(params, "params == null");
        this.eventLinks = Objects.requireNonNull(eventLinks, "eventLinks == null");
    }

    /** A runtime with the standard param checks (declared schemas) and event stream. */
    public static ProviderRuntime standard(Provider provider, ProviderDefinition definition,
                                           ProviderEnvironment environment, Host host,
                                           Function<ProviderEnvironment, DrpApi> sessions) {
        return standard(provider, definition, environment, host, sessions, new Secrets());
    }

    /** {@link #standard(Provider, ProviderDefinition, ProviderEnvironment, Host, Function)} filling {@code secrets}. */
    public static ProviderRuntime standard(Provider provider, ProviderDefinition definition,
                                           ProviderEnvironment environment, Host host,
                                           Function<ProviderEnvironment, DrpApi> sessions, Secrets secrets) {
        return new ProviderRuntime(provider, definition, environment, host, sessions,
                ParamCheckers.forDefinition(definition), EventLinks.factory(definition, System.getenv()), secrets);
    }

    /** The secret values this runtime knows; what the log forwarder should mask with. */
    public Secrets secrets() {
        return secrets;
    }

    /**
     * {@code reply} with every message of its {@code Error} body masked ({@link Secrets#mask});
     * itself when its body is not an error or nothing changed. What the server sends.
     */
    public Reply masked(Reply reply) {
        if (secrets.isEmpty() || !(reply.body() instanceof DrpError e)) {
            return reply;
        }
        DrpError m = masked(e);
        return m == e ? reply : new Reply(reply.status(), m);
    }

    private DrpError masked(DrpError e) {
        if (secrets.isEmpty()) {
            return e;
        }
        List<String> messages = e.messages().stream().map(secrets::mask).toList();
        if (messages.equals(e.messages())) {
            return e;
        }
        return DrpError.builder(e.code(), e.type()).model(e.model()).key(e.key()).messages(messages).build();
    }

    public ProviderDefinition definition() {
        return definition;
    }

    /**
     * Starts, in the background, the work the first {@code /config} needs and {@code READY!}
     * does not (compiling the param schemas). Call once the provider is ready; idempotent.
     */
    public void prepare() {
        params.prepare();
    }

    /** The configuration in force, if a {@code /config} succeeded. */
    public Optional<Config> currentConfig() {
        return Optional.ofNullable(current.get());
    }

    /**
     * {@code /config} (spec §3.4): session (made once, then reused), params check, the provider's {@code configure}, then
     * the event stream; the new snapshot is in force only if all of that succeeded.
     *
     * @param body the decoded body, or {@code null} for an empty body
     */
    public Reply config(Map<String, JsonNode> body) {
        configLock.lock();
        try {
            Map<String, JsonNode> raw = body == null ? Map.of() : body;
            String name = Optional.ofNullable(raw.get("Name")).filter(JsonNode::isTextual)
                    .map(JsonNode::textValue).orElse("unknown");
            LOG.info("Setting API session");
            DrpApi api;
            try {
                api = session();
            } catch (PluginException e) {
                LOG.error("Cannot build the DRP API session: {}", e.error());
                return Errors.raw(e.error());
            }
            Map<String, JsonNode> values = new LinkedHashMap<>(raw);
            values.remove("Name");
            LOG.info("Received Config request for {} with params {}", name, values.keySet());
            Config previous = current.get();
            // made before the snapshot so the snapshot can read its counters; opens nothing yet
            EventLink link = definition.eventSubscriber().isPresent() ? eventLinks.apply(api) : EventLink.none();
            Config next;
            try {
                Params checked = params.checkConfig(values, Optional.ofNullable(previous));
                secrets.replaceConfig(Secrets.secureValues(checked)); // before provider code can log them
                next = Config.builder(name, api, host, environment).params(checked)
                        .generation(previous == null ? 1 : previous.generation() + 1)
                        .eventStream(link::stats).build();
                provider.configure(next);
            } catch (Exception e) {
                DrpError error = masked(Errors.of(e, "POST", "/api-plugin/v4/config"));
                logFailure("configure", e, error);
                return Errors.wrapped(error); // masked before wrapping: the wrapper holds its JSON text
            }
            try {
                events.close(Duration.ofSeconds(5));
                events = link;
                link.restart(next);
            } catch (RuntimeException e) {
                String why = e instanceof PluginException pe ? String.join("; ", pe.error().messages())
                        : e.getMessage() == null ? e.toString() : e.getMessage();
                // the Go SDK's two texts (spec §3.4 step 7): the stream itself, or registering on it
                Throwable cause = e.getCause() == null ? e : e.getCause();
                String what = cause instanceof io.drpkit.sdk.internal.events.EventStreamException se && se.isRegistration()
                        ? "Unable to register for machine events: " : "Unable to create event stream: ";
                LOG.error("{}{}", what, why, e);
                current.set(next);
                return new Reply(500, DrpError.builder(500, "plugins").message(what + why).build());
            }
            current.set(next);
            LOG.info("Configured {} (generation {})", name, next.generation());
            return Reply.ok(DrpError.ok());
        } finally {
            configLock.unlock();
        }
    }

    /** The process's DRP session, made by the first {@code /config} that can make one. */
    private DrpApi session() {
        if (session == null) {
            session = sessions.apply(environment);
            if (session instanceof HttpDrpApi http) {
                http.reportSecretsTo(secrets::learn);
            }
        }
        return session;
    }

    /** {@code /action} (spec §3.5, Part A.9): the handler's raw result or raw error. */
    public Reply action(Action action) {
        Config config = current.get();
        if (config == null) {
            return Errors.raw(DrpError.builder(503, "plugin").model("plugin").key(definition.name())
                    .message("provider " + definition.name() + " is not configured yet: no /config has succeeded")
                    .build());
        }
        Optional<ActionSpec> spec = definition.action(action.command());
        Optional<ActionHandler> handler = definition.handler(action.command());
        if (spec.isEmpty() || handler.isEmpty()) {
            return Errors.raw(DrpError.builder(404, "plugin").model("plugin").key(definition.name())
                    .message("Unknown command: " + action.command()).build());
        }
        JobLogger jobLogger = JobLogger.none();
        try {
            Params checked = params.checkAction(spec.get(), action.params());
            secrets.learnAll(Secrets.secureValues(checked));
            jobLogger = jobLogs.open(config.api(), action.model(), checked);
            ActionRequest request = ActionRequest.of(spec.get(), action, checked, config, jobLogger);
            Object result = jobLogs.during(jobLogger, () -> handler.get().handle(request));
            return Reply.ok(result);
        } catch (Exception e) {
            DrpError error = Errors.of(e, "POST", "/api-plugin/v4/action");
            logFailure("action " + action.command(), e, error);
            return Errors.raw(error);
        } finally {
            jobLogger.close();
        }
    }

    /** {@code /publish} (spec §3.6): the legacy publisher, errors wrapped like {@code /config}. */
    public Reply publish(Event event) {
        Optional<LegacyPublisher> publisher = definition.legacyPublisher();
        if (publisher.isEmpty()) {
            return Errors.notFound("POST", "/api-plugin/v4/publish");
        }
        MDC.put("drpkit.ignorePublish", "true");
        try {
            publisher.get().publish(event);
            return Reply.ok(DrpError.ok());
        } catch (Exception e) {
            DrpError error = masked(Errors.of(e, "POST", "/api-plugin/v4/publish"));
            logFailure("publish", e, error);
            return Errors.wrapped(error);
        } finally {
            MDC.remove("drpkit.ignorePublish");
        }
    }

    /**
     * The provider side of stopping (Part A.5), once: the stop hook, then the event stream.
     * Failures are logged, never thrown.
     */
    public void stop(Duration eventTimeout) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        Optional<Stoppable> hook = definition.stopHook();
        if (hook.isPresent()) {
            try {
                hook.get().stop();
            } catch (Exception e) {
                LOG.error("Stop hook failed: {}", e.toString(), e);
            }
        }
        boolean locked = false;
        try {
            // a /config stuck in provider code must not hold the stop sequence forever
            locked = configLock.tryLock(eventTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            events.close(eventTimeout);
            if (locked && session instanceof java.io.Closeable c) {
                c.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | java.io.IOException e) {
            LOG.warn("Closing the event stream or the DRP session failed: {}", e.toString());
        } finally {
            if (locked) {
                configLock.unlock();
            }
            jobLogs.close();
        }
    }

    private static void logFailure(String what, Exception e, DrpError error) {
        if (e instanceof PluginException) {
            LOG.warn("{} failed: {}", what, error);
        } else {
            LOG.error("{} threw {}", what, e.toString(), e);
        }
    }
}
