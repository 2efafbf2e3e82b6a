package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.Event;
import io.drpkit.sdk.model.LogLine;
import io.drpkit.sdk.model.RawModel;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.xnio.Options;

/**
 * A fake dr-provision host that follows the protocol specification ({@code spec/protocol.md}),
 * for testing a provider against it. It has these faces, all started by {@link #start()} and
 * stopped by {@link #close()}:
 *
 * <ul>
 *   <li><b>The dial socket</b> ({@link #dialPath()}, the 2nd argument of {@code listen}): an
 *       HTTP/1.1 server on a Unix socket taking the provider's {@code POST log} ({@code LogLine}),
 *       {@code POST publish} ({@code Event}), {@code POST leaving} ({@code Error}) and
 *       {@code GET objects/<prefix>} (the {@code StoreObjects} objects stored on the REST side)
 *       under both {@value #PRIMARY_PREFIX} and {@value #DOCUMENTED_PREFIX} (spec §4, Part A.1).
 *       Accepted POSTs are answered 200 with an empty body; undecodable bodies 400; unknown paths
 *       404, all with DRP {@code Error} bodies. Switches make it serve one base path only
 *       ({@link #prefixes}), answer late ({@link #slow}), fail ({@link #failWith}) or vanish
 *       ({@link #dialSocketDown()}, {@link #dialSocketUp()}).</li>
 *   <li><b>The REST API</b> over HTTPS on {@code 127.0.0.1} (a random port; a throw-away
 *       self-signed certificate for {@code 127.0.0.1}/{@code localhost}). Every call needs
 *       {@code Authorization: Bearer <token>}, else 401 with a DRP {@code Error}. Served under
 *       {@code /api/v3}: {@code info}; {@code machines}, {@code plugins}, {@code profiles},
 *       {@code jobs}, {@code params}, {@code tasks}, {@code stages}, {@code workflows},
 *       {@code subnets}, {@code reservations} and every registered {@code StoreObjects} prefix
 *       with list (DRP's index filters {@code ?Name=x}, {@code ?Name=Eq(x)}, {@code Ne}, {@code Lt},
 *       {@code Lte}, {@code Gt}, {@code Gte}, {@code Re}, {@code Between}, {@code Except},
 *       {@code In}, {@code Nin}; {@code sort}, {@code reverse}, {@code offset}, {@code limit}),
 *       create (POST, 201), get, PUT, PATCH (RFC 6902;
 *       a failing {@code test} op is 409) and DELETE; {@code <prefix>/<key>/pubkey} (the
 *       object's curve25519 public key for secure params, base64); secure params (a param whose
 *       {@code params/<name>} says {@code Secure: true}) are stored as DRP's {@code SecureData},
 *       sealed by the fake when written in the clear, and decrypted by {@code ?decode=true} on
 *       object, params and param reads for a token with the {@code getSecure} claim
 *       ({@link #token()}; {@link #tokenWithoutGetSecure()} gets DRP's 403); {@code <prefix>/<key>/params} and
 *       {@code <prefix>/<key>/params/<name>} (a param name may contain {@code /};
 *       {@code ?aggregate=true} falls back to the object's profiles, then the {@code global}
 *       profile); {@code jobs/<uuid>/log} (PUT appends the raw body, GET returns it). Failures
 *       answer DRP's {@code Error} JSON, e.g. 404
 *       {@code {"Model":"machines","Key":"<uuid>","Type":"GET","Messages":["Not Found"],"Code":404}}.
 *       A switch makes it refuse writes of a chosen param ({@link #refuseParamWrites}); another
 *       makes every REST call answer late ({@link #restLatency}), e.g. to keep an action that
 *       calls the API in flight.</li>
 *   <li><b>The event websocket</b> {@code /api/v3/ws} (spec §7), authenticated by the bearer
 *       header or {@code ?token=}. Text frames {@code register <type>.<action>.<key>} and
 *       {@code deregister ...} are each acknowledged with an event of {@code Type}
 *       {@code websocket} ({@code Action} = the verb, {@code Key} = the pattern). Every change
 *       made through the API <em>or</em> through this class's Java methods is sent as a
 *       {@code models.Event} to each connection with a matching registration ({@code create};
 *       {@code save} for PUT; {@code update} for PATCH and param changes; {@code delete}).</li>
 *   <li><b>A static file server</b> over plain HTTP on {@code 127.0.0.1}, serving
 *       {@link #webroot()} at its root, read-only, like DRP's file server (the value of
 *       {@code RS_FILESERVER}; provider files unpacked into
 *       {@code <webroot>/files/plugin_providers/<provider>/} appear under
 *       {@code <fileserver>/files/plugin_providers/<provider>/}).</li>
 * </ul>
 *
 * <p>Everything sent to the fake is recorded ({@link #requests()}, {@link #dialRequests()},
 * {@link #logLines()}, {@link #published()}, {@link #leavingNotices()},
 * {@link #websocketMessages()}) and can be awaited ({@link #awaitLogLine} ...); waiting uses
 * conditions, never sleep loops, and always has a timeout, failing with an {@link AssertionError}
 * that lists what did arrive.
 *
 * <p>Thread-safe: any method may be called from any thread while providers call in.
 *
 * <pre>{@code
 * try (FakeDrp drp = FakeDrp.builder().storeObjects("runbooks").start()) {
 *     String uuid = drp.createMachine("m1");
 *     drp.setMachineParam(uuid, "incrementer/touched", 3);
 *     ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class FakeDrp implements AutoCloseable {
    /** The base path the Go SDK posts to and real hosts serve (spec §4.1). */
    public static final String PRIMARY_PREFIX = DialSocket.PRIMARY;
    /** The base path the Go SDK's documentation names (spec Part A.1). */
    public static final String DOCUMENTED_PREFIX = DialSocket.DOCUMENTED;

    private static final String PRINCIPAL = "user:rocketskates";

    private final String token;
    private final String tokenWithoutGetSecure = randomToken();
    private final TlsMaterial tls;
    private final EventHub events = new EventHub();
    private final RestStore store;
    private final Journal<RecordedRequest> requests = new Journal<>("REST request");
    private final Path webroot;
    private final Path socketDir;
    private final DialSocket dial;
    private final RestApi api;
    private final Undertow server;
    private final URI endpoint;
    private final URI fileServer;
    private final Map<String, Integer> refusedParams = new ConcurrentHashMap<>();
    private final TaskLists taskLists;

    private FakeDrp(Builder b) throws IOException {
        this.token = b.token;
        this.tls = TlsMaterial.shared();
        this.store = new RestStore(events::emit, PRINCIPAL);
        b.storeObjects.forEach(prefix -> store.register(ObjectType.raw(prefix)));
        this.webroot = Files.createTempDirectory("drpkit-webroot");
        this.socketDir = TempDirs.shortDir();
        this.dial = new DialSocket(socketDir.resolve("from.sock"), this::storeObjectsForDial);
        Ports ports = new Ports();
        this.taskLists = new TaskLists(store, events::emit, PRINCIPAL);
        this.api = new RestApi(store, token, tokenWithoutGetSecure, Handlers.websocket(events), ports::info, requests,
                refusedParams, taskLists);
        this.server = Undertow.builder()
                .setIoThreads(1)
                .setWorkerThreads(8)
                .setServerOption(UndertowOptions.ALLOW_ENCODED_SLASH, true)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                .setSocketOption(Options.REUSE_ADDRESSES, true)
                .addListener(new Undertow.ListenerBuilder().setType(Undertow.ListenerType.HTTPS)
                        .setHost("127.0.0.1").setPort(0).setSslContext(tls.serverContext())
                        .setRootHandler(api))
                .addListener(new Undertow.ListenerBuilder().setType(Undertow.ListenerType.HTTP)
                        .setHost("127.0.0.1").setPort(0)
                        .setRootHandler(new ResourceHandler(new PathResourceManager(webroot))
                                .setDirectoryListingEnabled(true)))
                .build();
        try {
            server.start();
            dial.up();
        } catch (IOException | RuntimeException e) {
            server.stop();
            TempDirs.deleteQuietly(webroot);
            TempDirs.deleteQuietly(socketDir);
            throw e;
        }
        List<Undertow.ListenerInfo> listeners = server.getListenerInfo();
        ports.api = ((InetSocketAddress) listeners.get(0).getAddress()).getPort();
        ports.files = ((InetSocketAddress) listeners.get(1).getAddress()).getPort();
        this.endpoint = URI.create("https://127.0.0.1:" + ports.api);
        this.fileServer = URI.create("http://127.0.0.1:" + ports.files);
    }

    /** Starts a fake with a random token and no {@code StoreObjects} types. */
    public static FakeDrp start() {
        return builder().start();
    }

    /** Configures a fake before starting it. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- where it is

    /** The REST endpoint without trailing slash, e.g. {@code https://127.0.0.1:40123} (RS_ENDPOINT). */
    public URI endpoint() {
        return endpoint;
    }

    /** The bearer token every REST and websocket call must carry (RS_TOKEN). It holds every claim. */
    public String token() {
        return token;
    }

    /**
     * A second bearer token, valid for every call but lacking DRP's {@code getSecure} claim: a
     * {@code GET} with {@code ?decode=true} (one param, all params, an object or a list) is answered
     * as dr-provision answers it for such a token, {@code 403} with an {@code Error}
     * ({@code Model}/{@code Key} the object the path names, {@code Type} {@code API_ERROR}, one
     * message naming the claim; the message text is the fake's) and no value. Reads without
     * {@code decode} see secure params as their {@code SecureData}. Give it to a provider as
     * {@code RS_TOKEN} (e.g. {@code providerEnvironment()} with it replaced).
     *
     * @since 0.3
     */
    public String tokenWithoutGetSecure() {
        return tokenWithoutGetSecure;
    }

    /** The static file server without trailing slash, e.g. {@code http://127.0.0.1:40124} (RS_FILESERVER). */
    public URI fileServer() {
        return fileServer;
    }

    /** The directory the file server serves (RS_WEBROOT); deleted by {@link #close()}. */
    public Path webroot() {
        return webroot;
    }

    /**
     * The environment dr-provision gives a provider (spec §2.1): {@code RS_ENDPOINT},
     * {@code RS_TOKEN}, {@code RS_FILESERVER} and {@code RS_WEBROOT} pointing at this fake,
     * in that order.
     */
    public Map<String, String> providerEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RS_ENDPOINT", endpoint.toString());
        env.put("RS_TOKEN", token);
        env.put("RS_FILESERVER", fileServer.toString());
        env.put("RS_WEBROOT", webroot.toString());
        return env;
    }

    /** A trust manager that trusts exactly this fake's certificate (for verifying clients). */
    public X509TrustManager trustManager() {
        return tls.trustManager();
    }

    /** A client TLS context that trusts exactly this fake's certificate. */
    public SSLContext clientSslContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trustManager()}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a client TLS context", e);
        }
    }

    /** The server certificate in PEM form. */
    public String certificatePem() {
        return tls.pem();
    }

    // ---------------------------------------------------------------- the store, from Java

    /**
     * Creates a machine named {@code name} (as {@code POST /api/v3/machines} would, event
     * included) and returns its new UUID.
     */
    public String createMachine(String name) {
        Objects.requireNonNull(name, "name == null");
        ObjectNode m = DrpJson.objectNode().put("Name", name);
        return call(() -> store.create("machines", m)).get("Uuid").asText();
    }

    /** Creates a machine from a full or partial Machine object; returns the stored object. */
    public JsonNode createMachine(JsonNode machine) {
        Objects.requireNonNull(machine, "machine == null");
        return call(() -> store.create("machines", machine));
    }

    /** The stored machine, if it exists. */
    public Optional<JsonNode> machine(String uuid) {
        return find("machines", uuid);
    }

    /** All machines, in creation order. */
    public List<JsonNode> machines() {
        return list("machines");
    }

    /**
     * Sets param {@code name} on a machine to {@code value} (any value Jackson can map to JSON).
     *
     * @throws NoSuchElementException if the machine does not exist
     */
    public void setMachineParam(String uuid, String name, Object value) {
        setParam("machines", uuid, name, value);
    }

    /** A machine's own param, if set (not aggregated). */
    public Optional<JsonNode> machineParam(String uuid, String name) {
        JsonNode v = call(() -> store.param("machines", uuid, name, false));
        return v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /**
     * Deletes a machine (a {@code delete} event goes out).
     *
     * @throws NoSuchElementException if the machine does not exist
     */
    public void deleteMachine(String uuid) {
        call(() -> store.delete("machines", uuid));
    }

    /**
     * Sets a param on the {@code global} profile, which aggregated param reads fall back to.
     */
    public void setGlobalParam(String name, Object value) {
        setParam("profiles", "global", name, value);
    }

    /**
     * Creates a plugin instance (as {@code POST /api/v3/plugins}).
     *
     * @return the stored Plugin object
     */
    public JsonNode createPlugin(String name, String provider, Map<String, ?> params) {
        ObjectNode p = DrpJson.objectNode().put("Name", name).put("Provider", provider);
        p.set("Params", DrpJson.toTree(params));
        return call(() -> store.create("plugins", p));
    }

    /**
     * Sets the plugin instance's {@code PluginErrors}, as DRP does when the running plugin fails
     * (e.g. its {@code /config} answered an error), replacing what was there.
     *
     * @throws NoSuchElementException if the plugin does not exist
     * @since 0.2
     */
    public void setPluginErrors(String name, List<String> errors) {
        Objects.requireNonNull(errors, "errors == null");
        call(() -> {
            ObjectNode p = store.get("plugins", name);
            ArrayNode list = p.putArray("PluginErrors");
            errors.forEach(list::add);
            return store.replace("plugins", name, p);
        });
    }

    /** The stored plugin instance, if it exists. */
    public Optional<JsonNode> plugin(String name) {
        return find("plugins", name);
    }

    /**
     * Registers a {@code StoreObjects} prefix (what the host does when it loads a provider that
     * declares it), making {@code /api/v3/<prefix>} and the dial socket's
     * {@code /objects/<prefix>} available. Idempotent.
     */
    public void registerStoreObjects(String prefix) {
        store.register(ObjectType.raw(Objects.requireNonNull(prefix, "prefix == null")));
    }

    /**
     * Creates or replaces the object {@code object.id()} of a {@code StoreObjects} type,
     * registering the prefix if needed; a {@code create} or {@code save} event goes out.
     *
     * @throws IllegalArgumentException if the object has no {@code Id}
     */
    public RawModel putObject(String prefix, RawModel object) {
        Objects.requireNonNull(object, "object == null");
        registerStoreObjects(prefix);
        JsonNode stored = call(() -> {
            try {
                store.get(prefix, object.id());
            } catch (ApiException notThere) {
                return store.create(prefix, object.json());
            }
            return store.replace(prefix, object.id(), object.json());
        });
        return RawModel.of(stored);
    }

    /** One object of a {@code StoreObjects} type, if it exists. */
    public Optional<RawModel> object(String prefix, String id) {
        return find(prefix, id).map(RawModel::of);
    }

    /** All objects of a {@code StoreObjects} type, in creation order (empty if unregistered). */
    public List<RawModel> objects(String prefix) {
        if (!store.knows(prefix)) {
            return List.of();
        }
        return list(prefix).stream().map(RawModel::of).toList();
    }

    /**
     * Deletes an object of any type.
     *
     * @throws NoSuchElementException if it does not exist
     */
    public void deleteObject(String prefix, String key) {
        call(() -> store.delete(prefix, key));
    }

    /**
     * Creates or replaces an object of any type the fake knows ({@code machines}, {@code jobs},
     * {@code profiles}, {@code params}, {@code tasks}, {@code stages}, {@code workflows},
     * {@code subnets}, {@code reservations}, {@code plugins} or a {@code StoreObjects} prefix), as
     * {@code POST} (when new) or {@code PUT} would, event included; returns the stored object.
     *
     * @throws IllegalArgumentException if DRP would refuse it (no key, unknown prefix ...)
     */
    public JsonNode saveObject(String prefix, JsonNode object) {
        Objects.requireNonNull(prefix, "prefix == null");
        Objects.requireNonNull(object, "object == null");
        return call(() -> {
            String key = object.path(keyMemberOf(prefix)).asText("");
            if (!key.isEmpty() && find(prefix, key).isPresent()) {
                return store.replace(prefix, key, object);
            }
            return store.create(prefix, object);
        });
    }

    /**
     * Defines param {@code name} (a {@code params} object, as a content pack would): its JSON
     * Schema and whether it is {@code Secure}. Values later written to a secure param are stored
     * encrypted ({@code SecureData}), as DRP does, whichever way they are written.
     */
    public JsonNode defineParam(String name, JsonNode schema, boolean secure) {
        ObjectNode p = DrpJson.objectNode().put("Name", Objects.requireNonNull(name, "name == null")).put("Secure", secure);
        p.set("Schema", schema == null ? DrpJson.objectNode() : schema);
        return saveObject("params", p);
    }

    /**
     * One param of an object, read as {@code GET <prefix>/<key>/params/<name>?decode=true} would:
     * a secure value decrypted, a plain one as stored; empty when unset.
     *
     * @throws NoSuchElementException if the object does not exist
     */
    public Optional<JsonNode> decodedParam(String prefix, String key, String name) {
        JsonNode v = call(() -> store.param(prefix, key, name, false, true));
        return v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** Creates a job (as {@code POST /api/v3/jobs}); returns its UUID. */
    public String createJob(JsonNode job) {
        Objects.requireNonNull(job, "job == null");
        return call(() -> store.create("jobs", job)).get("Uuid").asText();
    }

    /**
     * Makes the actions of plugin instance {@code plugin} callable from machines' task lists
     * ({@code action:<command>} and {@code action:<plugin>:<command>} entries): {@code invoker}
     * is called with the {@code models.Action} DRP would post to the plugin's {@code /action}
     * and answers as the plugin did, e.g. {@code provider::action} of a {@link ProviderProcess}
     * or {@link ProviderHarness}. {@code actions} are the provider's {@code AvailableActions}
     * (from its {@code define}); their required and optional params are resolved as DRP does.
     * Replaces an earlier plugin of the same name.
     *
     * @since 0.2
     */
    public void attachPlugin(String plugin, List<io.drpkit.sdk.model.AvailableAction> actions,
                             java.util.function.Function<io.drpkit.sdk.model.Action, ProviderProcess.Response> invoker) {
        Objects.requireNonNull(plugin, "plugin == null");
        taskLists.attach(new TaskLists.Plugin(plugin, List.copyOf(actions), Objects.requireNonNull(invoker, "invoker == null")));
    }

    /**
     * What DRP does when the agent of machine {@code machineUuid} asks for its next job
     * ({@code POST /api/v3/jobs} with {@code {"Machine": <uuid>}}, which the REST API serves the
     * same way): walks the machine's {@code Tasks} from {@code CurrentTask}; an
     * {@code action:} entry runs the plugin's action at once (see {@link #attachPlugin}) and
     * finishes or fails its job, with the result or error in the job's log; a plain task gets a
     * {@code created} job for the agent to run; {@code stage:} and {@code bootenv:} entries
     * change the machine. Finish a plain task's job by setting its {@code State} to
     * {@code finished} before asking again.
     *
     * @return the job made (or re-run); empty when there is nothing to do
     * @throws IllegalStateException with DRP's error when DRP refuses or the action failed
     *     (the failed job is the machine's {@code CurrentJob})
     * @since 0.2
     */
    public Optional<JsonNode> nextJob(String machineUuid) {
        Objects.requireNonNull(machineUuid, "machineUuid == null");
        TaskLists.Outcome outcome = taskLists.nextJob(machineUuid);
        if (outcome.error().isPresent()) {
            throw new IllegalStateException(outcome.error().get().toString());
        }
        return outcome.job().map(j -> j);
    }

    /**
     * Everything appended to a job's log so far, as UTF-8 text.
     *
     * @throws NoSuchElementException if the job does not exist
     */
    public String jobLog(String uuid) {
        return new String(call(() -> store.jobLog(uuid)), StandardCharsets.UTF_8);
    }

    /**
     * Waits until the job's log satisfies {@code done} (what is already there counts).
     *
     * @return the log's text then
     * @throws AssertionError naming the job and showing its log if it does not within {@code timeout}
     * @throws NoSuchElementException if the job does not exist
     */
    public String awaitJobLog(String uuid, Predicate<String> done, Duration timeout) {
        Objects.requireNonNull(done, "done == null");
        boolean ok = call(() -> {
            try {
                return store.awaitJobLog(uuid, done, timeout.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        String text = jobLog(uuid);
        if (!ok) {
            throw new AssertionError("the log of job " + uuid + " did not reach the expected state within "
                    + timeout.toMillis() + " ms; it is:\n" + text);
        }
        return text;
    }

    // ---------------------------------------------------------------- events

    /**
     * Sends {@code event} to every websocket connection with a matching registration.
     * Never blocks on a connection.
     *
     * @return how many connections it was sent to
     */
    public int emit(Event event) {
        return events.emit(Objects.requireNonNull(event, "event == null"));
    }

    /**
     * Emits {@code count} events made by {@code factory} (given 0 .. count-1), as fast as the
     * connections accept them into their send queues; for load tests.
     *
     * @return the total number of deliveries
     */
    public int emitMany(int count, IntFunction<Event> factory) {
        Objects.requireNonNull(factory, "factory == null");
        int sent = 0;
        for (int i = 0; i < count; i++) {
            sent += events.emit(factory.apply(i));
        }
        return sent;
    }

    /** Abruptly closes every websocket connection (no close frame), like a crashed server. */
    public void dropWebsockets() {
        events.dropAll();
    }

    /** The registrations of each open websocket connection, oldest connection first. */
    public List<List<String>> websocketRegistrations() {
        return events.registrations();
    }

    /** How many websocket connections have been accepted since start (reconnects count). */
    public int websocketConnectCount() {
        return events.connectCount();
    }

    /** Every text frame received on any websocket, in arrival order. */
    public List<String> websocketMessages() {
        return events.messages().snapshot();
    }

    /**
     * Waits for a websocket text frame matching {@code match} (frames already received count).
     *
     * @throws AssertionError if none arrives within {@code timeout}
     */
    public String awaitWebsocketMessage(Predicate<String> match, Duration timeout) {
        return events.messages().await(match, timeout);
    }

    // ---------------------------------------------------------------- the dial socket

    /**
     * The Unix socket this host listens on for the provider's calls: the 2nd argument of
     * {@code listen} (spec §1.3). A short path under {@code /tmp}; mode 0600.
     */
    public Path dialPath() {
        return dial.path();
    }

    /**
     * Serves only the given base paths on the dial socket, from now on (default: both
     * {@link #PRIMARY_PREFIX} and {@link #DOCUMENTED_PREFIX}); calls under another base path get
     * 404, as from a host that does not know it.
     *
     * @throws IllegalArgumentException for a base path that is not one of the two
     */
    public FakeDrp prefixes(String... basePaths) {
        Set<String> served = new LinkedHashSet<>(List.of(basePaths));
        for (String p : served) {
            if (!p.equals(PRIMARY_PREFIX) && !p.equals(DOCUMENTED_PREFIX)) {
                throw new IllegalArgumentException("unknown base path " + p + ": expected "
                        + PRIMARY_PREFIX + " or " + DOCUMENTED_PREFIX);
            }
        }
        dial.prefixes(served);
        return this;
    }

    /** Answers every dial-socket call {@code latency} late, from now on (without blocking others). */
    public FakeDrp slow(Duration latency) {
        Objects.requireNonNull(latency, "latency == null");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency is negative: " + latency);
        }
        dial.latency(latency);
        return this;
    }

    /**
     * Answers every dial-socket call with {@code status} and {@code body} (sent as
     * {@code application/json}), from now on; the calls are still recorded in
     * {@link #dialRequests()} but not in the typed views ({@link #logLines()} ...).
     */
    public FakeDrp failWith(int status, String body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
        dial.failWith(status, Objects.requireNonNull(body, "body == null"));
        return this;
    }

    /**
     * Refuses every write of param {@code name} through the REST API from now on, on any object:
     * {@code POST}/{@code PUT} of {@code <prefix>/<key>/params/<name>}, and of
     * {@code <prefix>/<key>/params} when the new params hold it. The answer is {@code status}
     * with a DRP {@code Error} ({@code Type} {@code ValidationError} for 422, else the method;
     * {@code Model}/{@code Key} the object; message {@code param <name>: write refused}) and the
     * object is left unchanged, as dr-provision answers a value its Param schema or the caller's
     * claims do not allow. Reads and deletes of the param still work, and the Java methods
     * ({@link #setMachineParam} ...) are not affected. Undone by {@link #allowParamWrites()}.
     *
     * @throws IllegalArgumentException if {@code status} is not an error status (400-599)
     */
    public FakeDrp refuseParamWrites(String name, int status) {
        Objects.requireNonNull(name, "name == null");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        refusedParams.put(name, status);
        return this;
    }

    /** Undoes every {@link #refuseParamWrites}. */
    public FakeDrp allowParamWrites() {
        refusedParams.clear();
        return this;
    }

    /**
     * Answers every REST call (not the websocket) {@code latency} late, from now on, without
     * blocking other calls: a request is read, recorded and answered only after the delay.
     * {@link Duration#ZERO} switches it off.
     */
    public FakeDrp restLatency(Duration latency) {
        Objects.requireNonNull(latency, "latency == null");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency is negative: " + latency);
        }
        api.latency(latency);
        return this;
    }

    /** Undoes {@link #prefixes}, {@link #slow}, {@link #failWith} and {@link #restLatency}. */
    public FakeDrp healthy() {
        dial.healthy();
        api.latency(Duration.ZERO);
        return this;
    }

    /**
     * Takes the dial socket away: closes the server (dropping its connections) and removes the
     * socket file, as a host that went away. Idempotent.
     */
    public void dialSocketDown() {
        dial.down();
    }

    /**
     * Brings the dial socket back at the same path. Idempotent.
     *
     * @throws UncheckedIOException if it cannot be bound
     */
    public void dialSocketUp() {
        try {
            dial.up();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the dial socket " + dial.path(), e);
        }
    }

    /** Whether the dial socket is currently being served. */
    public boolean isDialSocketUp() {
        return dial.isUp();
    }

    /** Every request on the dial socket, in arrival order, whatever was answered. */
    public List<RecordedRequest> dialRequests() {
        return dial.requests().snapshot();
    }

    /**
     * Waits for a dial-socket request matching {@code match} (requests already received count).
     *
     * @throws AssertionError if none arrives within {@code timeout}
     */
    public RecordedRequest awaitDialRequest(Predicate<RecordedRequest> match, Duration timeout) {
        return dial.requests().await(match, timeout);
    }

    /** The log lines accepted on {@code /log} (either base path), in arrival order. */
    public List<LogLine> logLines() {
        return dial.logLines().snapshot();
    }

    /**
     * Waits for an accepted log line matching {@code match} (lines already received count).
     *
     * @throws AssertionError if none arrives within {@code timeout}; it lists the last lines seen
     */
    public LogLine awaitLogLine(Predicate<LogLine> match, Duration timeout) {
        return dial.logLines().await(match, timeout);
    }

    /**
     * Waits until {@code count} accepted log lines match {@code match}.
     *
     * @return the first {@code count} of them
     * @throws AssertionError if fewer arrive within {@code timeout}
     */
    public List<LogLine> awaitLogLines(Predicate<LogLine> match, int count, Duration timeout) {
        return dial.logLines().awaitCount(match, count, timeout);
    }

    /** The events accepted on {@code /publish}, in arrival order. */
    public List<Event> published() {
        return dial.published().snapshot();
    }

    /**
     * Waits for an accepted published event matching {@code match}.
     *
     * @throws AssertionError if none arrives within {@code timeout}
     */
    public Event awaitPublished(Predicate<Event> match, Duration timeout) {
        return dial.published().await(match, timeout);
    }

    /** The errors accepted on {@code /leaving}, in arrival order. */
    public List<DrpError> leavingNotices() {
        return dial.leaving().snapshot();
    }

    /**
     * Waits for a {@code /leaving} notice.
     *
     * @throws AssertionError if none arrives within {@code timeout}
     */
    public DrpError awaitLeaving(Duration timeout) {
        return dial.leaving().await(e -> true, timeout);
    }

    // ---------------------------------------------------------------- records

    /** Every REST and websocket-upgrade request received over HTTPS, in arrival order. */
    public List<RecordedRequest> requests() {
        return requests.snapshot();
    }

    /**
     * Waits for a REST request matching {@code match} (requests already received count).
     *
     * @throws AssertionError if none arrives within {@code timeout}
     */
    public RecordedRequest awaitRequest(Predicate<RecordedRequest> match, Duration timeout) {
        return requests.await(match, timeout);
    }

    /**
     * Forgets every recorded request (REST and dial socket), typed record and websocket message;
     * stored objects and switches stay.
     */
    public void clearRecords() {
        requests.clear();
        dial.clear();
        events.messages().clear();
    }

    /**
     * Stops every face and deletes the webroot. Websocket clients get a close frame first.
     * Idempotent.
     */
    @Override
    public void close() {
        dial.down();
        events.closeAll();
        server.stop();
        TempDirs.deleteQuietly(webroot);
        TempDirs.deleteQuietly(socketDir);
    }

    @Override
    public String toString() {
        return "FakeDrp[" + endpoint + "]";
    }

    // ---------------------------------------------------------------- helpers

    private void setParam(String prefix, String key, String name, Object value) {
        Objects.requireNonNull(name, "name == null");
        JsonNode json = DrpJson.toTree(value);
        call(() -> store.setParam(prefix, key, name, json));
    }

    /** {@code GET objects/<prefix>} on the dial socket: only {@code StoreObjects} types. */
    private List<JsonNode> storeObjectsForDial(String prefix) {
        if (!store.isStoreObjects(prefix)) {
            throw ApiException.notFound("GET", prefix, "");
        }
        return toList(store.list(prefix, Map.of()));
    }

    private static String keyMemberOf(String prefix) {
        return switch (prefix) {
            case "machines", "jobs" -> "Uuid";
            case "reservations" -> "Addr";
            case "profiles", "params", "tasks", "stages", "workflows", "subnets", "plugins" -> "Name";
            default -> "Id";
        };
    }

    private Optional<JsonNode> find(String prefix, String key) {
        try {
            return Optional.of(store.get(prefix, key));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private List<JsonNode> list(String prefix) {
        return toList(call(() -> store.list(prefix, Map.of())));
    }

    private static List<JsonNode> toList(ArrayNode all) {
        List<JsonNode> out = new ArrayList<>(all.size());
        all.forEach(out::add);
        return out;
    }

    /** Runs a store operation for the Java API, turning DRP errors into Java exceptions. */
    private static <T> T call(Supplier<T> op) {
        try {
            return op.get();
        } catch (ApiException e) {
            if (e.error().code() == 404) {
                throw new NoSuchElementException(e.error().toString());
            }
            throw new IllegalArgumentException(e.error().toString());
        }
    }

    private static String randomToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Ports are known only after binding, /info is served only after that. */
    private static final class Ports {
        volatile int api;
        volatile int files;

        JsonNode info() {
            ObjectNode info = DrpJson.objectNode();
            info.put("address", "127.0.0.1");
            info.put("api_port", api);
            info.put("file_port", files);
            info.put("arch", "amd64");
            info.put("os", "linux");
            info.put("id", "fake-drp");
            info.put("version", "v4.8.0");
            info.put("manager", false);
            ArrayNode features = info.putArray("features");
            for (String f : List.of("api-v3", "sane-exit-codes", "plugin-v2", "plugin-v2-safe-config",
                    "secure-params", "secure-param-upgrade", "partial-objects", "actions-in-task-list")) {
                features.add(f);
            }
            info.putArray("errors");
            return info;
        }
    }

    /**
     * Configures a {@link FakeDrp}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private String token = randomToken();
        private final Set<String> storeObjects = new LinkedHashSet<>();

        private Builder() {
        }

        /** The bearer token to require (default: random). */
        public Builder token(String token) {
            Objects.requireNonNull(token, "token == null");
            if (token.isBlank()) {
                throw new IllegalArgumentException("token is blank");
            }
            this.token = token;
            return this;
        }

        /** {@code StoreObjects} prefixes the host knows from the start (e.g. {@code runbooks}). */
        public Builder storeObjects(String... prefixes) {
            for (String p : prefixes) {
                storeObjects.add(Objects.requireNonNull(p, "prefix == null"));
            }
            return this;
        }

        /**
         * Starts the fake: makes the certificate (once per JVM), binds every face.
         *
         * @throws UncheckedIOException if a listener or temporary directory cannot be made
         */
        public FakeDrp start() {
            try {
                return new FakeDrp(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fake DRP", e);
            }
        }
    }
}
