package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.resource.FileStateStore;
import io.drpkit.sdk.resource.ManagerState;
import io.drpkit.sdk.resource.ResourceException;
import io.drpkit.sdk.resource.ResourceManager;
import io.drpkit.sdk.resource.ResourceRecord;
import io.drpkit.sdk.resource.StateStore;
import io.drpkit.sdk.status.Health;
import io.drpkit.sdk.status.ResourceStatus;
import io.drpkit.sdk.status.StatusReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three publish resources under a {@link ResourceManager} with a {@link FileStateStore}: a
 * real web root in a temporary directory served over HTTP, and DRP's params in memory.
 */
class PublishResourcesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);
    private static final MachineTemplate TEMPLATE = MachineTemplate.parse("t.tmpl",
            "machine {{.Machine.Name}} ({{.Machine.Uuid}}): {{.Param \"runbook/publish-note\"}}\n");

    @TempDir
    Path tmp;

    private Path webRoot;
    private StaticFileServer files;
    private final MemoryMachinesApi api = new MemoryMachinesApi();
    private Recording store;
    private ObjectNode machine;
    private String uuid;

    /** The file store, recording {@code name:phase} of every save, in order. */
    static final class Recording implements StateStore {
        final StateStore inner;
        final List<String> saves = Collections.synchronizedList(new ArrayList<>());

        Recording(StateStore inner) {
            this.inner = inner;
        }

        @Override
        public Optional<ManagerState> load(String targetKey) {
            return inner.load(targetKey);
        }

        @Override
        public void save(String targetKey, ManagerState state) {
            saves.add(state.resources().stream().map(r -> r.name() + ":" + r.phase().name().toLowerCase())
                    .collect(Collectors.joining(" ")));
            inner.save(targetKey, state);
        }

        @Override
        public void delete(String targetKey) {
            inner.delete(targetKey);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        webRoot = Files.createDirectories(tmp.resolve("webroot"));
        files = new StaticFileServer(webRoot);
        store = new Recording(new FileStateStore(tmp.resolve("state")));
        machine = api.createMachine("m1");
        uuid = machine.get("Uuid").asText();
    }

    @AfterEach
    void tearDown() {
        files.close();
    }

    private ResourceManager<PublishTarget> manager() {
        return new PublishResources(() -> TEMPLATE, new FileServerProbe(Duration.ofSeconds(2)))
                .manager(store, CLOCK);
    }

    private PublishLayout layout() {
        return new PublishLayout(webRoot, files.url());
    }

    private PublishTarget target() {
        return new PublishTarget(uuid, machine,
                name -> Optional.ofNullable(Map.of("runbook/publish-note", "hello").get(name))
                        .map(JsonNodeFactory.instance::textNode),
                api, Optional.of(layout()));
    }

    private Path dir() {
        return webRoot.resolve("runbook/machines").resolve(uuid);
    }

    private Path file() {
        return dir().resolve("machine.txt");
    }

    private static List<String> healths(StatusReport report) {
        return report.resources().stream().map(r -> r.name() + " " + r.health()).toList();
    }

    // --- create ---------------------------------------------------------------------------------

    @Test
    void createsTheDirectoryThenTheFileThenTheParamRecordingEachBeforeAndAfter() throws Exception {
        ManagerState state = manager().createAll(target());

        assertThat(store.saves).containsExactly(
                "dir:creating", "dir:created",
                "dir:created file:creating", "dir:created file:created",
                "dir:created file:created published-url:creating",
                "dir:created file:created published-url:created");
        assertThat(state.resources()).extracting(ResourceRecord::name).containsExactly("dir", "file", "published-url");
        assertThat(Files.readString(file())).isEqualTo("machine m1 (" + uuid + "): hello\n");
        assertThat(api.param("machines", uuid, "runbook/published-url", false)).get()
                .extracting(n -> n.asText()).isEqualTo(files.url() + "/runbook/machines/" + uuid + "/machine.txt");
        assertThat(state.resource("file").orElseThrow().state().get("Sha256").asText())
                .isEqualTo(FileServerProbe.sha256(Files.readAllBytes(file())));
        if (Files.getFileStore(file()).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
                    .isEqualTo("rw-r--r--");
        }
    }

    @Test
    void aFaultWritingTheParamRollsBackTheFileAndTheDirectoryAndNamesTheParam() {
        api.refuseWrites("runbook/published-url", 422);

        ResourceException e = catchThrowableOfType(ResourceException.class, () -> manager().createAll(target()));

        assertThat(e.resource()).contains("published-url");
        assertThat(e.error().code()).isEqualTo(500);
        assertThat(e.error().messages().get(0)).isEqualTo("create of resource \"published-url\" for target \""
                + uuid + "\" failed: param runbook/published-url refused");
        assertThat(e.error().messages()).contains("rolled back: published-url, file, dir");
        assertThat(e.remaining()).isEmpty();
        assertThat(file()).doesNotExist();
        assertThat(dir()).doesNotExist();
        assertThat(api.param("machines", uuid, "runbook/published-url", false)).isEmpty();
        assertThat(store.load(uuid)).isEmpty();
        assertThat(store.saves).last().isEqualTo("dir:destroyed file:destroyed published-url:destroyed");
    }

    @Test
    void aTemplateThatFailsRollsBackTheDirectoryAndNamesTheFile() {
        ResourceManager<PublishTarget> m = new PublishResources(
                () -> MachineTemplate.parse("t.tmpl", "{{.Param \"nope/none\"}}"),
                new FileServerProbe(Duration.ofSeconds(2))).manager(store, CLOCK);

        ResourceException e = catchThrowableOfType(ResourceException.class, () -> m.createAll(target()));

        assertThat(e.resource()).contains("file");
        assertThat(e.error().messages().get(0)).endsWith("failed: TemplateException: t.tmpl:1:1: no such machine parameter nope/none");
        assertThat(dir()).doesNotExist();
        assertThat(api.param("machines", uuid, "runbook/published-url", false)).isEmpty();
    }

    // --- destroy --------------------------------------------------------------------------------

    @Test
    void destroyRemovesParamThenFileThenDirectoryAndIsIdempotent() {
        manager().createAll(target());

        assertThat(manager().destroyAll(target())).containsExactly("published-url", "file", "dir");

        assertThat(dir()).doesNotExist();
        assertThat(api.param("machines", uuid, "runbook/published-url", false)).isEmpty();
        assertThat(store.load(uuid)).isEmpty();
        assertThat(manager().destroyAll(target())).isEmpty();
    }

    @Test
    void aFreshManagerOverTheSameStoreFindsWhatWasPublished() {
        manager().createAll(target());

        ResourceManager<PublishTarget> restarted = manager();

        assertThat(restarted.statusAll(target()).health()).isEqualTo(Health.READY);
        assertThat(restarted.destroyAll(target())).containsExactly("published-url", "file", "dir");
    }

    @Test
    void aCreateCutShortIsCleanedUpFromTheLayout() throws Exception {
        Files.createDirectories(dir());
        store.save(uuid, ManagerState.of(uuid, List.of(
                ResourceRecord.builder("dir", ResourceRecord.Phase.CREATING).type("directory").build()),
                CLOCK.instant()));

        assertThat(manager().destroyAll(target())).containsExactly("dir");
        assertThat(dir()).doesNotExist();
    }

    @Test
    void anEditedStateCannotMakeDestroyDeleteAnythingElse() throws Exception {
        Path precious = Files.createDirectories(tmp.resolve("precious"));
        Files.writeString(precious.resolve("keep.txt"), "keep");
        ObjectNode dirState = JsonNodeFactory.instance.objectNode();
        dirState.put("Path", precious.toString());
        store.save(uuid, ManagerState.of(uuid, List.of(
                ResourceRecord.builder("dir", ResourceRecord.Phase.CREATED).type("directory").state(dirState)
                        .createdTime(CLOCK.instant()).build()), CLOCK.instant()));

        ResourceException e = catchThrowableOfType(ResourceException.class, () -> manager().destroyAll(target()));

        assertThat(e.error().messages().get(0)).contains("refusing to delete " + precious);
        assertThat(precious.resolve("keep.txt")).exists();
        assertThat(e.remaining()).containsExactly("dir");
    }

    // --- status ---------------------------------------------------------------------------------

    @Test
    void statusIsReadyWhenAllExistAndTheUrlServesThePublishedFile() {
        manager().createAll(target());

        StatusReport report = manager().statusAll(target());

        assertThat(healths(report)).containsExactly("dir READY", "file READY", "published-url READY");
        assertThat(report.health()).isEqualTo(Health.READY);
        assertThat(report.healthMessage()).isEqualTo("All 3 resources are reporting READY (directory, file, param)");
        assertThat(report.external()).isTrue();
        assertThat(report.resources().get(2).healthMessage()).endsWith("serves the published file");
    }

    @Test
    void aFileDeletedByHandIsMissingAndTheUrlDownSoTheWholeIsPartial() throws Exception {
        manager().createAll(target());
        Files.delete(file());

        StatusReport report = manager().statusAll(target());

        assertThat(healths(report)).containsExactly("dir READY", "file MISSING", "published-url DOWN");
        assertThat(report.resources().get(1).healthMessage()).isEqualTo(file() + " does not exist");
        assertThat(report.resources().get(2).healthMessage()).endsWith("answered 404");
        assertThat(report.health()).isEqualTo(Health.PARTIAL);
        assertThat(report.healthMessage()).isEqualTo("1 READY (directory), 1 DOWN (param), 1 MISSING (file)");
    }

    @Test
    void aFileChangedByHandIsDownAndSoIsTheUrlServingIt() throws Exception {
        manager().createAll(target());
        Files.writeString(file(), "edited\n");

        StatusReport report = manager().statusAll(target());

        assertThat(healths(report)).containsExactly("dir READY", "file DOWN", "published-url DOWN");
        assertThat(report.resources().get(1).healthMessage()).contains("changed since it was published");
        assertThat(report.resources().get(2).healthMessage()).contains("serves other content than was published");
    }

    @Test
    void aFileServerThatDoesNotAnswerMakesTheUrlDown() {
        manager().createAll(target());
        files.close();

        StatusReport report = manager().statusAll(target());

        assertThat(healths(report)).containsExactly("dir READY", "file READY", "published-url DOWN");
        assertThat(report.resources().get(2).healthMessage()).startsWith("GET " + layout().url(uuid) + " failed: ");
        assertThat(report.health()).isEqualTo(Health.PARTIAL);
    }

    @Test
    void aParamChangedOrRemovedByHandIsDownOrMissing() {
        manager().createAll(target());

        api.setParam("machines", uuid, "runbook/published-url", "http://elsewhere/x");
        ResourceStatus changed = manager().statusAll(target()).resources().get(2);
        api.deleteParam("machines", uuid, "runbook/published-url");
        ResourceStatus removed = manager().statusAll(target()).resources().get(2);

        assertThat(changed.health()).isEqualTo(Health.DOWN);
        assertThat(changed.healthMessage()).isEqualTo("param runbook/published-url is \"http://elsewhere/x\","
                + " not the published URL " + layout().url(uuid));
        assertThat(removed.health()).isEqualTo(Health.MISSING);
    }

    @Test
    void everythingGoneIsMissing() throws Exception {
        manager().createAll(target());
        Files.delete(file());
        Files.delete(dir());
        api.deleteParam("machines", uuid, "runbook/published-url");

        StatusReport report = manager().statusAll(target());

        assertThat(report.health()).isEqualTo(Health.MISSING);
        assertThat(report.healthMessage()).isEqualTo("All 3 resources are reporting MISSING (directory, file, param)");
    }

    @Test
    void nothingPublishedIsUnknown() {
        assertThat(manager().statusAll(target()).health()).isEqualTo(Health.UNKNOWN);
    }
}
