package io.drpkit.provider;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.resource.Resource;
import io.drpkit.sdk.resource.ResourceManager;
import io.drpkit.sdk.resource.StateStore;
import io.drpkit.sdk.status.Health;
import io.drpkit.sdk.status.ResourceStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What {@code publish} creates for a machine, as three resources of a {@link ResourceManager},
 * each requiring the one before it:
 * <ol>
 *   <li>{@value #DIR}: the machine's directory in the file-server space
 *       ({@link PublishLayout#dir});</li>
 *   <li>{@value #FILE}: {@value PublishLayout#FILE_NAME} in it, rendered from the content pack's
 *       template, written atomically (a temporary file renamed into place), mode 0644;</li>
 *   <li>{@value #URL}: the machine param {@value #URL_PARAM} holding the file's URL under
 *       {@code RS_FILESERVER}.</li>
 * </ol>
 * Destroys run in reverse and are idempotent; each works without a recorded state too (a
 * create cut short), from the layout or the required resource's state. {@value #DIR}'s destroy
 * removes the directory with whatever is in it (it is the provider's, per machine). Before
 * deleting, paths read back from a state are checked to be a machine's directory or file.
 *
 * <p>Status, from the recorded state: {@value #DIR} is READY when the directory exists, MISSING
 * when it does not. {@value #FILE} is READY when the file exists with the SHA-256 recorded at
 * publish, MISSING when it is gone, DOWN when its content changed. {@value #URL} is MISSING when
 * the param is unset, DOWN when it holds another value or the URL does not serve the published
 * file (any answer but 200 with the recorded digest, or no answer in time), READY otherwise.
 * Status never renders the template again: it checks what was published, not what would be.
 *
 * <p>Stateless; thread-safe as far as its collaborators are.
 */
final class PublishResources {
    static final String DIR = "dir";
    static final String FILE = "file";
    static final String URL = "published-url";
    /** The machine param that points at the published file. */
    static final String URL_PARAM = "runbook/published-url";

    /** State of {@value #DIR}. */
    record DirState(@JsonProperty("Path") String path) {
    }

    /** State of {@value #FILE}: where, and the digest and size of what was written. */
    record FileState(@JsonProperty("Path") String path, @JsonProperty("Sha256") String sha256,
                     @JsonProperty("Size") long size) {
    }

    /** State of {@value #URL}: the param, the URL it was set to, and the digest it must serve. */
    record UrlState(@JsonProperty("Param") String param, @JsonProperty("Url") String url,
                    @JsonProperty("Sha256") String sha256) {
    }

    private final Supplier<MachineTemplate> template;
    private final FileServerProbe probe;

    /**
     * @param template the template to render, asked for at each create of {@value #FILE} (so a
     *     template that fails to load fails that create, with its reason)
     * @param probe how {@value #URL}'s status fetches the URL
     */
    PublishResources(Supplier<MachineTemplate> template, FileServerProbe probe) {
        this.template = template;
        this.probe = probe;
    }

    /** A manager over the three resources, keyed by machine UUID, recording in {@code store}. */
    ResourceManager<PublishTarget> manager(StateStore store, Clock clock) {
        return ResourceManager.<PublishTarget>builder(PublishTarget::uuid)
                .resource(dir()).resource(file()).resource(url())
                .store(store)
                .clock(clock)
                .build();
    }

    /**
     * Adopts, in dependency order, what exists for {@code t} and {@code manager} has not
     * recorded: {@value #DIR} if its directory exists, {@value #FILE} if the file exists in it,
     * {@value #URL} if the param holds the file's URL. Stops at the first that does not exist
     * (what depends on it cannot be adopted). Returns the names adopted.
     */
    static List<String> adoptExisting(ResourceManager<PublishTarget> manager, PublishTarget t) throws IOException {
        PublishLayout layout = t.requireLayout();
        List<String> recorded = manager.state(t).map(s -> s.live()).orElse(List.of());
        List<String> adopted = new java.util.ArrayList<>();
        Path dir = layout.dir(t.uuid());
        if (!Files.isDirectory(dir)) {
            return adopted;
        }
        if (!recorded.contains(DIR)) {
            manager.adopt(t, DIR, new DirState(dir.toString()));
            adopted.add(DIR);
        }
        Path file = dir.resolve(PublishLayout.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return adopted;
        }
        byte[] content = Files.readAllBytes(file);
        String sha = FileServerProbe.sha256(content);
        if (!recorded.contains(FILE)) {
            manager.adopt(t, FILE, new FileState(file.toString(), sha, content.length));
            adopted.add(FILE);
        }
        String url = layout.url(t.uuid());
        Optional<JsonNode> value = t.api().param("machines", t.uuid(), URL_PARAM, false);
        if (!recorded.contains(URL) && value.isPresent() && value.get().isTextual() && value.get().textValue().equals(url)) {
            manager.adopt(t, URL, new UrlState(URL_PARAM, url, sha));
            adopted.add(URL);
        }
        return adopted;
    }

    private Resource<DirState> dir() {
        return Resource.builder(DIR, DirState.class).type("directory")
                .create(ctx -> {
                    PublishTarget t = ctx.target(PublishTarget.class);
                    Path dir = t.requireLayout().dir(t.uuid());
                    Files.createDirectories(dir);
                    return new DirState(dir.toString());
                })
                .destroy(ctx -> {
                    PublishTarget t = ctx.target(PublishTarget.class);
                    Optional<Path> dir = ctx.state().map(s -> Path.of(s.path()))
                            .or(() -> t.layout().map(l -> l.dir(t.uuid())));
                    if (dir.isPresent()) {
                        deleteTree(PublishLayout.checkMachineDir(dir.get(), t.uuid()));
                    }
                })
                .status(ctx -> {
                    Path dir = Path.of(ctx.state().path());
                    return Files.isDirectory(dir)
                            ? ctx.report(Health.READY).healthMessage(dir + " is present").build()
                            : ctx.report(Health.MISSING).healthMessage(dir + " does not exist").build();
                })
                .build();
    }

    private Resource<FileState> file() {
        return Resource.builder(FILE, FileState.class).type("file").requires(DIR)
                .create(ctx -> {
                    PublishTarget t = ctx.target(PublishTarget.class);
                    Path dir = Path.of(ctx.dependency(DIR, DirState.class).path());
                    byte[] content = template.get().render(t.machine(), t.params())
                            .getBytes(StandardCharsets.UTF_8);
                    Path file = dir.resolve(PublishLayout.FILE_NAME);
                    writeAtomically(file, content);
                    return new FileState(file.toString(), FileServerProbe.sha256(content), content.length);
                })
                .destroy(ctx -> {
                    PublishTarget t = ctx.target(PublishTarget.class);
                    Optional<Path> file = ctx.state().map(s -> Path.of(s.path()))
                            .or(() -> ctx.dependency(DIR, DirState.class)
                                    .map(d -> Path.of(d.path()).resolve(PublishLayout.FILE_NAME)));
                    if (file.isPresent()) {
                        Files.deleteIfExists(PublishLayout.checkMachineFile(file.get(), t.uuid()));
                    }
                })
                .status(ctx -> {
                    FileState s = ctx.state();
                    Path file = Path.of(s.path());
                    if (!Files.isRegularFile(file)) {
                        return ctx.report(Health.MISSING).healthMessage(file + " does not exist").build();
                    }
                    String now = FileServerProbe.sha256(Files.readAllBytes(file));
                    return now.equals(s.sha256())
                            ? ctx.report(Health.READY).healthMessage(file + " is present, as published").build()
                            : ctx.report(Health.DOWN).healthMessage(file + " changed since it was published"
                                    + " (sha256 " + now + ", published " + s.sha256() + ")").build();
                })
                .build();
    }

    private Resource<UrlState> url() {
        return Resource.builder(URL, UrlState.class).type("param").requires(FILE)
                .create(ctx -> {
                    PublishTarget t = ctx.target(PublishTarget.class);
                    FileState file = ctx.dependency(FILE, FileState.class);
                    String url = t.requireLayout().url(t.uuid());
                    t.api().setParam("machines", t.uuid(), URL_PARAM, url);
                    ctx.logger().info("machine {}: param {} set to {}", t.uuid(), URL_PARAM, url);
                    return new UrlState(URL_PARAM, url, file.sha256());
                })
                .destroy(ctx -> {
                    PublishTarget t = ctx.target(PublishTarget.class);
                    // also without a state: the create may have reached DRP before it failed
                    t.api().deleteParam("machines", t.uuid(), URL_PARAM);
                    ctx.logger().info("machine {}: param {} removed", t.uuid(), URL_PARAM);
                })
                .status(ctx -> {
                    PublishTarget t = ctx.target(PublishTarget.class);
                    UrlState s = ctx.state();
                    Optional<JsonNode> value = t.api().param("machines", t.uuid(), s.param(), false);
                    if (value.isEmpty()) {
                        return ctx.report(Health.MISSING).healthMessage("param " + s.param()
                                + " is not set on machine " + t.uuid()).build();
                    }
                    if (!value.get().isTextual() || !value.get().textValue().equals(s.url())) {
                        return ctx.report(Health.DOWN).healthMessage("param " + s.param() + " is "
                                + value.get() + ", not the published URL " + s.url()).build();
                    }
                    return served(ctx.report(Health.READY), ctx.report(Health.DOWN), s);
                })
                .build();
    }

    /** READY if {@code s.url()} serves the published digest, else DOWN saying what it did. */
    private ResourceStatus served(ResourceStatus.Builder ready, ResourceStatus.Builder down, UrlState s) {
        FileServerProbe.Fetch fetch;
        try {
            fetch = probe.get(s.url());
        } catch (IOException e) {
            return down.healthMessage("GET " + s.url() + " failed: " + e).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down.healthMessage("GET " + s.url() + " was interrupted").build();
        }
        if (fetch.status() != 200) {
            return down.healthMessage("GET " + s.url() + " answered " + fetch.status()).build();
        }
        if (!fetch.sha256().equals(s.sha256())) {
            return down.healthMessage("GET " + s.url() + " serves other content than was published"
                    + " (sha256 " + fetch.sha256() + ", published " + s.sha256() + ")").build();
        }
        return ready.healthMessage("GET " + s.url() + " serves the published file").build();
    }

    /** Writes a temporary file next to {@code file} and renames it over {@code file}. */
    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
        try {
            Files.write(temp, content);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                // served to anyone who may read the file server; createTempFile made it 0600
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes {@code dir} and everything in it (links are deleted, not followed); absent is fine. */
    private static void deleteTree(Path dir) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (NoSuchFileException e) {
            return;
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
