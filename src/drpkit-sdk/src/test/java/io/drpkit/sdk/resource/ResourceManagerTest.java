package io.drpkit.sdk.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.resource.ResourceRecord.Phase;
import io.drpkit.sdk.status.Health;
import io.drpkit.sdk.status.ResourceStatus;
import io.drpkit.sdk.status.StatusReport;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** createAll, destroyAll and statusAll on one thread, against a store in memory. */
class ResourceManagerTest {
    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    record Thing(String name, String target) {
    }

    record Dir(String path) {
    }

    record File(String path, boolean rendered) {
    }

    private final MemoryStore store = new MemoryStore();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> failCreate = new HashSet<>();
    private final Set<String> failDestroy = new HashSet<>();

    /** A resource that logs its create and destroy (with the state destroy got) and fails on demand. */
    private Resource<Thing> thing(String name, String... requires) {
        return Resource.builder(name, Thing.class).type("thing").requires(requires)
                .create(ctx -> {
                    events.add("create " + name);
                    if (failCreate.contains(name)) {
                        throw new IOException("boom " + name);
                    }
                    return new Thing(name, ctx.targetKey());
                })
                .destroy(ctx -> {
                    events.add("destroy " + name + " " + ctx.state().map(Thing::name).orElse("(none)"));
                    if (failDestroy.contains(name)) {
                        throw new IOException("stuck " + name);
                    }
                })
                .build();
    }

    private ResourceManager<String> manager(Resource<?>... resources) {
        ResourceManager.Builder<String> b = ResourceManager.builder().store(store)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
        for (Resource<?> r : resources) {
            b.resource(r);
        }
        return b.build();
    }

    // --- createAll -----------------------------------------------------------------------------

    @Test
    void createAllCreatesInDependencyOrderThenDeclarationOrder() {
        ResourceManager<String> m = manager(thing("file", "dir"), thing("log"), thing("dir"),
                thing("profile", "file"));

        ManagerState state = m.createAll("m1");

        assertThat(events).containsExactly("create log", "create dir", "create file", "create profile");
        assertThat(state.resources()).extracting(ResourceRecord::name)
                .containsExactly("log", "dir", "file", "profile");
        assertThat(state.resources()).allSatisfy(r -> {
            assertThat(r.phase()).isEqualTo(Phase.CREATED);
            assertThat(r.createdTime()).contains(NOW);
        });
        assertThat(store.load("m1")).contains(state);
    }

    @Test
    void createAllRecordsTheIntentBeforeEachCreateAndTheStateAfterIt() {
        ResourceManager<String> m = manager(thing("a"), thing("b"));

        m.createAll("m1");

        assertThat(store.history()).containsExactly(
                "a:creating",
                "a:created",
                "a:created b:creating",
                "a:created b:created");
    }

    @Test
    void theStoreAlreadyShowsCreatingWhileCreateRuns() {
        List<String> seen = new ArrayList<>();
        ResourceManager<String> m = manager(thing("a"), Resource.builder("b", Thing.class)
                .create(ctx -> {
                    seen.add(store.phases("m1"));
                    return new Thing("b", "m1");
                })
                .destroy(ctx -> { }).build());

        m.createAll("m1");

        assertThat(seen).containsExactly("a:created b:creating");
    }

    @Test
    void createReadsTheTypedStateOfWhatItRequires() {
        Resource<Dir> dir = Resource.builder("dir", Dir.class)
                .create(ctx -> new Dir("/srv/" + ctx.targetKey())).destroy(ctx -> { }).build();
        Resource<File> file = Resource.builder("file", File.class).requires("dir")
                .create(ctx -> new File(ctx.dependency("dir", Dir.class).path() + "/boot.ipxe", true))
                .destroy(ctx -> { }).build();

        ManagerState state = manager(file, dir).createAll("m1");

        assertThat(state.resource("file").orElseThrow().state().path("path").asText())
                .isEqualTo("/srv/m1/boot.ipxe");
    }

    @Test
    void readingTheStateOfAResourceNotRequiredFailsTheCreate() {
        Resource<Thing> sneaky = Resource.builder("sneaky", Thing.class)
                .create(ctx -> ctx.dependency("a", Thing.class)).destroy(ctx -> { }).build();

        ResourceException e = catchThrowableOfType(ResourceException.class,
                () -> manager(thing("a"), sneaky).createAll("m1"));

        assertThat(e.getMessage()).contains("resource \"sneaky\" reads the state of \"a\""
                + " but does not declare requires(\"a\")");
    }

    @Test
    void createAllRollsBackAttemptedResourcesInReverseOrderIncludingTheFailedOne() {
        ResourceManager<String> m = manager(thing("a"), thing("b"), thing("c"), thing("d"));
        failCreate.add("c");

        ResourceException e = catchThrowableOfType(ResourceException.class, () -> m.createAll("m1"));

        assertThat(events).containsExactly("create a", "create b", "create c",
                "destroy c (none)", "destroy b b", "destroy a a");
        assertThat(e.error().code()).isEqualTo(500);
        assertThat(e.error().type()).isEqualTo("ResourceError");
        assertThat(e.error().key()).isEqualTo("m1");
        assertThat(e.error().messages()).containsExactly(
                "create of resource \"c\" for target \"m1\" failed: IOException: boom c",
                "rolled back: c, b, a");
        assertThat(e.resource()).contains("c");
        assertThat(e.remaining()).isEmpty();
        assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessage("boom c");
        assertThat(e).isInstanceOf(PluginException.class);
        assertThat(store.load("m1")).isEmpty();
    }

    @Test
    void destroyOfAFailedCreateGetsThePartialStateItSaved() {
        List<String> seen = new ArrayList<>();
        Resource<File> file = Resource.builder("file", File.class)
                .create(ctx -> {
                    ctx.save(new File("/srv/m1/boot.ipxe.tmp", false));
                    throw new IOException("render failed");
                })
                .destroy(ctx -> seen.add(ctx.state().map(File::path).orElse("(none)")
                        + " complete=" + ctx.createCompleted()))
                .build();

        assertThatThrownBy(() -> manager(file).createAll("m1")).isInstanceOf(ResourceException.class);

        assertThat(seen).containsExactly("/srv/m1/boot.ipxe.tmp complete=false");
        assertThat(store.history()).containsExactly("file:creating", "file:creating", "file:failed",
                "file:destroying", "file:destroyed");
        assertThat(store.saves.get(1).resource("file").orElseThrow().state().path("path").asText())
                .isEqualTo("/srv/m1/boot.ipxe.tmp");
    }

    @Test
    void destroyOfACreatedResourceGetsItsCompleteState() {
        List<String> seen = new ArrayList<>();
        Resource<File> file = Resource.builder("file", File.class)
                .create(ctx -> {
                    ctx.save(new File("/tmp/partial", false));
                    return new File("/srv/m1/boot.ipxe", true);
                })
                .destroy(ctx -> seen.add(ctx.state().orElseThrow() + " complete=" + ctx.createCompleted()))
                .build();
        ResourceManager<String> m = manager(file);
        m.createAll("m1");

        m.destroyAll("m1");

        assertThat(seen).containsExactly("File[path=/srv/m1/boot.ipxe, rendered=true] complete=true");
    }

    @Test
    void createReturningNullFailsAndRollsBack() {
        Resource<Thing> lazy = Resource.builder("lazy", Thing.class)
                .create(ctx -> null).destroy(ctx -> events.add("destroy lazy")).build();

        ResourceException e = catchThrowableOfType(ResourceException.class,
                () -> manager(thing("a"), lazy).createAll("m1"));

        assertThat(e.error().messages().get(0)).isEqualTo("create of resource \"lazy\" for target"
                + " \"m1\" failed: IllegalStateException: create returned null; return a state,"
                + " even an empty record");
        assertThat(events).containsExactly("create a", "destroy lazy", "destroy a a");
    }

    @Test
    void aFailedRollbackKeepsThatResourceAndWhatItRequiresForALaterDestroyAll() {
        ResourceManager<String> m = manager(thing("a"), thing("b", "a"), thing("c", "b"), thing("x"));
        failCreate.add("x");
        failDestroy.add("b");

        ResourceException e = catchThrowableOfType(ResourceException.class, () -> m.createAll("m1"));

        assertThat(events).containsExactly("create a", "create b", "create c", "create x",
                "destroy x (none)", "destroy c c", "destroy b b");
        assertThat(e.error().messages()).containsExactly(
                "create of resource \"x\" for target \"m1\" failed: IOException: boom x",
                "rollback: destroy of resource \"b\" for target \"m1\" failed: IOException: stuck b",
                "kept for a later destroyAll: a, b");
        assertThat(e.remaining()).containsExactly("a", "b");
        assertThat(store.phases("m1")).isEqualTo("a:created b:failed c:destroyed x:destroyed");
        assertThat(store.load("m1").orElseThrow().resource("b").orElseThrow().error())
                .isEqualTo("destroy failed: IOException: stuck b");

        failDestroy.clear();
        events.clear();
        assertThat(m.destroyAll("m1")).containsExactly("b", "a");
        assertThat(events).containsExactly("destroy b b", "destroy a a");
        assertThat(store.load("m1")).isEmpty();
    }

    @Test
    void aStoreThatCannotRecordTheIntentStopsCreateBeforeItRuns() {
        ResourceManager<String> m = manager(thing("a"), thing("b"));
        store.failSave = s -> s.resource("b").isPresent();

        ResourceException e = catchThrowableOfType(ResourceException.class, () -> m.createAll("m1"));

        assertThat(events).containsExactly("create a", "destroy a a");
        assertThat(e.error().messages().get(0)).isEqualTo("cannot record the intent to create"
                + " resource \"b\" for target \"m1\", so it was not created:"
                + " UncheckedIOException: java.io.IOException: disk full");
        assertThat(store.load("m1")).isEmpty();
    }

    @Test
    void aStoreThatCannotRecordTheStateAfterCreateRollsBackWithTheStateInMemory() {
        ResourceManager<String> m = manager(thing("a"));
        store.failSave = s -> s.resource("a").map(r -> r.phase() == Phase.CREATED).orElse(false);

        ResourceException e = catchThrowableOfType(ResourceException.class, () -> m.createAll("m1"));

        assertThat(events).containsExactly("create a", "destroy a a");
        assertThat(e.error().messages().get(0)).startsWith("resource \"a\" was created for target"
                + " \"m1\" but its state cannot be recorded: ");
    }

    @Test
    void createAllRefusesATargetThatStillHasResources() {
        ResourceManager<String> m = manager(thing("a"), thing("b"));
        m.createAll("m1");
        events.clear();

        ResourceException e = catchThrowableOfType(ResourceException.class, () -> m.createAll("m1"));

        assertThat(e.error().code()).isEqualTo(409);
        assertThat(e.error().messages()).containsExactly(
                "target \"m1\" still has resources recorded (a, b); destroyAll first");
        assertThat(e.remaining()).containsExactly("a", "b");
        assertThat(events).isEmpty();
    }

    @Test
    void aTargetCanBeCreatedAgainAfterDestroyAll() {
        ResourceManager<String> m = manager(thing("a"));
        m.createAll("m1");
        m.destroyAll("m1");

        assertThat(m.createAll("m1").live()).containsExactly("a");
    }

    @Test
    void aJvmErrorIsNotHandledAndLeavesTheRecordAsACrashWould() {
        Resource<Thing> overflow = Resource.builder("deep", Thing.class)
                .create(ctx -> {
                    throw new StackOverflowError();
                })
                .destroy(ctx -> events.add("destroy deep")).build();
        ResourceManager<String> m = manager(thing("a"), overflow);

        assertThatThrownBy(() -> m.createAll("m1")).isInstanceOf(StackOverflowError.class);

        assertThat(events).containsExactly("create a");
        assertThat(store.phases("m1")).isEqualTo("a:created deep:creating");
        assertThat(m.destroyAll("m1")).containsExactly("deep", "a");
    }

    @Test
    void anInterruptDuringCreateStopsBeforeTheNextResourceRollsBackAndIsRestored() {
        Resource<Thing> interrupted = Resource.builder("i", Thing.class)
                .create(ctx -> {
                    Thread.currentThread().interrupt();
                    return new Thing("i", "m1");
                })
                .destroy(ctx -> events.add("destroy i")).build();
        ResourceManager<String> m = manager(interrupted, thing("b"));

        ResourceException e = catchThrowableOfType(ResourceException.class, () -> m.createAll("m1"));
        boolean stillInterrupted = Thread.interrupted();

        assertThat(stillInterrupted).isTrue();
        assertThat(events).containsExactly("destroy i");
        assertThat(e.error().messages()).containsExactly(
                "createAll on target \"m1\" was interrupted before creating resource \"b\"",
                "rolled back: i");
        assertThat(store.load("m1")).isEmpty();
    }

    // --- destroyAll ----------------------------------------------------------------------------

    @Test
    void destroyAllDestroysInReverseCreationOrderAndForgetsTheTarget() {
        ResourceManager<String> m = manager(thing("file", "dir"), thing("dir"), thing("log"));
        m.createAll("m1");
        events.clear();

        List<String> destroyed = m.destroyAll("m1");

        assertThat(destroyed).containsExactly("log", "file", "dir");
        assertThat(events).containsExactly("destroy log log", "destroy file file", "destroy dir dir");
        assertThat(store.load("m1")).isEmpty();
    }

    @Test
    void destroyAllWithNothingRecordedDoesNothing() {
        assertThat(manager(thing("a")).destroyAll("m1")).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void aFailedDestroyKeepsStateAndARetryFinishesWithoutRepeatingWhatWasDestroyed() {
        ResourceManager<String> m = manager(thing("a"), thing("b", "a"), thing("c", "b"));
        m.createAll("m1");
        events.clear();
        failDestroy.add("b");

        ResourceException e = catchThrowableOfType(ResourceException.class, () -> m.destroyAll("m1"));

        assertThat(events).containsExactly("destroy c c", "destroy b b");
        assertThat(e.error().code()).isEqualTo(500);
        assertThat(e.error().messages()).containsExactly(
                "destroy of resource \"b\" for target \"m1\" failed: IOException: stuck b",
                "kept for a later destroyAll: a, b",
                "destroyed: c");
        assertThat(e.resource()).contains("b");
        assertThat(e.remaining()).containsExactly("a", "b");
        assertThat(store.phases("m1")).isEqualTo("a:created b:failed c:destroyed");
        assertThat(store.load("m1").orElseThrow().resource("a").orElseThrow().state().path("name").asText())
                .isEqualTo("a");

        failDestroy.clear();
        events.clear();
        assertThat(m.destroyAll("m1")).containsExactly("b", "a");
        assertThat(events).containsExactly("destroy b b", "destroy a a");
        assertThat(store.load("m1")).isEmpty();
    }

    @Test
    void aFailedDestroyStillLetsUnrelatedResourcesBeDestroyed() {
        ResourceManager<String> m = manager(thing("dir"), thing("file", "dir"), thing("log"));
        m.createAll("m1");
        events.clear();
        failDestroy.add("file");

        ResourceException e = catchThrowableOfType(ResourceException.class, () -> m.destroyAll("m1"));

        assertThat(events).containsExactly("destroy log log", "destroy file file");
        assertThat(e.remaining()).containsExactly("dir", "file");
        assertThat(store.phases("m1")).isEqualTo("dir:created file:failed log:destroyed");
    }

    @Test
    void aRecordedResourceThisManagerDoesNotDeclareIsKeptWithEverythingBeforeIt() {
        manager(thing("a"), thing("gone"), thing("b")).createAll("m1");
        events.clear();
        ResourceManager<String> upgraded = manager(thing("a"), thing("b"));

        ResourceException e = catchThrowableOfType(ResourceException.class,
                () -> upgraded.destroyAll("m1"));

        assertThat(events).containsExactly("destroy b b");
        assertThat(e.error().messages().get(0)).isEqualTo("resource \"gone\" is recorded for target"
                + " \"m1\" but not declared by this manager; it and the resources created before it are kept");
        assertThat(e.remaining()).containsExactly("a", "gone");
    }

    @Test
    void destroyCanReadWhatItRequiresAndCopeWithAStateItCannotRead() {
        List<String> seen = new ArrayList<>();
        Resource<Dir> dir = Resource.builder("dir", Dir.class)
                .create(ctx -> new Dir("/srv/m1")).destroy(ctx -> { }).build();
        Resource<File> file = Resource.builder("file", File.class).requires("dir")
                .create(ctx -> new File("/srv/m1/f", true))
                .destroy(ctx -> seen.add(ctx.dependency("dir", Dir.class).orElseThrow().path()
                        + " " + ctx.stateJson().path("path").asText()))
                .build();
        ResourceManager<String> m = manager(dir, file);
        m.createAll("m1");

        m.destroyAll("m1");

        assertThat(seen).containsExactly("/srv/m1 /srv/m1/f");
    }

    // --- statusAll -----------------------------------------------------------------------------

    @Test
    void statusAllReportsEachRecordedResourceAndSummarizes() {
        Resource<Dir> dir = Resource.builder("dir", Dir.class).type("directory")
                .create(ctx -> new Dir("/srv/m1")).destroy(ctx -> { })
                .status(ctx -> ctx.report(Health.READY).healthMessage(ctx.state().path() + " exists").build())
                .build();
        Resource<File> file = Resource.builder("file", File.class).type("file").requires("dir")
                .create(ctx -> new File("/srv/m1/f", true)).destroy(ctx -> { })
                .status(ctx -> ctx.report(Health.MISSING).healthMessage("deleted by someone").build())
                .build();
        ResourceManager<String> m = manager(dir, file, thing("plain"));
        m.createAll("m1");

        StatusReport report = m.statusAll("m1");

        assertThat(report.resources()).extracting(ResourceStatus::toString).containsExactly(
                "dir READY: /srv/m1 exists",
                "file MISSING: deleted by someone",
                "plain ALIVE: created; no status check declared");
        assertThat(report.health()).isEqualTo(Health.PARTIAL);
        assertThat(report.healthMessage()).isEqualTo("1 ALIVE (thing), 1 READY (directory), 1 MISSING (file)");
        assertThat(report.external()).isTrue();
        assertThat(report.generatedTime()).isEqualTo(NOW);
        ResourceStatus first = report.resources().get(0);
        assertThat(first.type()).isEqualTo("directory");
        assertThat(first.createdTime()).contains(NOW);
        assertThat(first.state().path("path").asText()).isEqualTo("/srv/m1");
    }

    @Test
    void aStatusCheckThatThrowsReportsUnknownWithTheReason() {
        Resource<Thing> flaky = Resource.builder("flaky", Thing.class)
                .create(ctx -> new Thing("flaky", "m1")).destroy(ctx -> { })
                .status(ctx -> {
                    throw new IOException("connection refused");
                })
                .build();
        ResourceManager<String> m = manager(flaky);
        m.createAll("m1");

        StatusReport report = m.statusAll("m1");

        assertThat(report.resources()).extracting(ResourceStatus::toString)
                .containsExactly("flaky UNKNOWN: status check failed: IOException: connection refused");
        assertThat(report.health()).isEqualTo(Health.UNKNOWN);
        assertThat(report.healthMessage()).isEqualTo("1 resource is reporting UNKNOWN (flaky)");
    }

    @Test
    void statusAllWithNothingRecordedIsUnknown() {
        StatusReport report = manager(thing("a")).statusAll("m1");

        assertThat(report.resources()).isEmpty();
        assertThat(report.health()).isEqualTo(Health.UNKNOWN);
        assertThat(report.healthMessage()).isEqualTo("No resources to report");
    }

    @Test
    void statusAllReportsResourcesWaitingForADestroyAsUnknownWithoutCheckingThem() {
        ResourceManager<String> m = manager(thing("a"), thing("b", "a"), thing("x"));
        failCreate.add("x");
        failDestroy.add("b");
        assertThatThrownBy(() -> m.createAll("m1")).isInstanceOf(ResourceException.class);

        StatusReport report = m.statusAll("m1");

        assertThat(report.resources()).extracting(ResourceStatus::toString).containsExactly(
                "a ALIVE: created; no status check declared",
                "b UNKNOWN: destroy failed: IOException: stuck b; destroyAll retries it",
                "x MISSING: not created for target \"m1\" (nothing recorded); repair creates it");
        assertThat(report.healthMessage()).isEqualTo("1 UNKNOWN (thing), 1 ALIVE (thing), 1 MISSING (thing)");
    }

    // --- targets -------------------------------------------------------------------------------

    record Machine(String uuid, String name) {
    }

    @Test
    void targetsCanBeObjectsStoredUnderTheirKey() {
        List<String> seen = new ArrayList<>();
        Resource<Thing> named = Resource.builder("named", Thing.class)
                .create(ctx -> {
                    seen.add(ctx.resourceName() + " " + ctx.targetKey() + " " + ctx.target(Machine.class).name());
                    assertThatThrownBy(() -> ctx.target(String.class))
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining("is a " + Machine.class.getName() + ", not a java.lang.String");
                    return new Thing("named", ctx.targetKey());
                })
                .destroy(ctx -> { }).build();
        ResourceManager<Machine> m = ResourceManager.builder(Machine::uuid).resource(named).store(store).build();

        m.createAll(new Machine("uuid-1", "node-a"));

        assertThat(seen).containsExactly("named uuid-1 node-a");
        assertThat(store.load("uuid-1")).isPresent();
        assertThat(m.state(new Machine("uuid-1", "renamed")).orElseThrow().live()).containsExactly("named");
    }

    @Test
    void aBlankTargetKeyIsRejected() {
        assertThatThrownBy(() -> manager(thing("a")).createAll(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("createAll: target \" \" has a blank key");
    }

    @Test
    void aStoredStateOfAnotherTargetOrVersionIsRefused() {
        store.save("m1", ManagerState.of("m2", List.of(), NOW));

        assertThatThrownBy(() -> manager(thing("a")).destroyAll("m1"))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("resource state stored for target \"m1\" belongs to target \"m2\"");
    }

    @Test
    void aCallbackCannotStartAnotherOperationOnItsOwnTarget() {
        List<ResourceManager<String>> self = new ArrayList<>();
        Resource<Thing> reentrant = Resource.builder("r", Thing.class)
                .create(ctx -> {
                    self.get(0).statusAll(ctx.targetKey());
                    return new Thing("r", "m1");
                })
                .destroy(ctx -> { }).build();
        self.add(manager(reentrant));

        ResourceException e = catchThrowableOfType(ResourceException.class, () -> self.get(0).createAll("m1"));

        assertThat(e.error().messages().get(0)).isEqualTo("create of resource \"r\" for target \"m1\""
                + " failed: IllegalStateException: statusAll on target \"m1\" was called from inside"
                + " another operation on the same target");
    }
}
