package io.drpkit.sdk.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.drpkit.sdk.Params;
import io.drpkit.sdk.status.Health;
import io.drpkit.sdk.status.ResourceStatus;
import io.drpkit.sdk.status.StatusReport;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The operation context, adopt and repair, against a "world" of things in memory. */
class ResourceManagerRepairTest {
    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    record Made(String name, String version) {
    }

    private final MemoryStore store = new MemoryStore();
    /** What exists out there, name -> version; DOWN when the version is "broken". */
    private final Map<String, String> world = new ConcurrentHashMap<>();
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> failCreate = ConcurrentHashMap.newKeySet();

    private Resource<Made> made(String name, String type, String... requires) {
        return Resource.builder(name, Made.class).type(type).requires(requires)
                .create(ctx -> {
                    events.add("create " + name);
                    if (failCreate.contains(name)) {
                        throw new IOException("cannot make " + name);
                    }
                    world.put(name, "v1");
                    return new Made(name, "v1");
                })
                .destroy(ctx -> {
                    events.add("destroy " + name);
                    world.remove(name);
                })
                .status(ctx -> {
                    String v = world.get(ctx.state().name());
                    if (v == null) {
                        return ctx.report(Health.MISSING).healthMessage(name + " is gone").build();
                    }
                    return v.equals(ctx.state().version()) ? ctx.report(Health.READY).build()
                            : ctx.report(Health.DOWN).healthMessage(name + " is " + v).build();
                })
                .build();
    }

    private ResourceManager<String> manager() {
        return ResourceManager.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .resource(made("dir", "directory"))
                .resource(made("file", "file", "dir"))
                .resource(made("url", "param", "file"))
                .build();
    }

    private static List<String> healths(StatusReport report) {
        return report.resources().stream().map(r -> r.name() + " " + r.health()).toList();
    }

    @Test
    void callbacksGetTheOperationsSessionParamsAndLogger() {
        FakeDrpApi api = new FakeDrpApi();
        Params params = Params.of(Map.of("note", TextNode.valueOf("hi")));
        List<String> seen = new ArrayList<>();
        Resource<Made> r = Resource.builder("p", Made.class)
                .create(ctx -> {
                    ctx.api().setParam("machines", ctx.targetKey(), "x", ctx.params().string("note"));
                    seen.add("create " + ctx.logger().getName());
                    return new Made("p", "v1");
                })
                .destroy(ctx -> {
                    ctx.api().deleteParam("machines", ctx.targetKey(), "x");
                    seen.add("destroy " + ctx.params().string("note"));
                })
                .build();
        ResourceManager<String> m = ResourceManager.builder().store(store).resource(r).build();
        OperationContext context = OperationContext.of(api, params, LoggerFactory.getLogger("test.resources"));

        m.createAll("m1", context);
        assertThat(api.params).containsEntry("machines/m1/x", TextNode.valueOf("hi"));
        m.destroyAll("m1", context);

        assertThat(api.params).isEmpty();
        assertThat(seen).containsExactly("create test.resources", "destroy hi");
    }

    @Test
    void withoutASessionApiSaysWhatToPass() {
        Resource<Made> r = Resource.builder("p", Made.class)
                .create(ctx -> {
                    ctx.api();
                    return new Made("p", "v1");
                }).destroy(ctx -> { }).build();
        ResourceManager<String> m = ResourceManager.builder().store(store).resource(r).build();

        assertThatThrownBy(() -> m.createAll("m1")).isInstanceOf(ResourceException.class)
                .hasMessageContaining("the operation was given no DRP session; pass an OperationContext");
    }

    @Test
    void statusCoversEveryDeclaredResourceAndNamesTheirTypes() {
        ResourceManager<String> m = manager();
        m.adopt("m1", "dir", new Made("dir", "v1"));
        world.put("dir", "v1");

        StatusReport report = m.statusAll("m1");

        assertThat(healths(report)).containsExactly("dir READY", "file MISSING", "url MISSING");
        assertThat(report.resources().get(1).healthMessage())
                .isEqualTo("not created for target \"m1\" (nothing recorded); repair creates it");
        assertThat(report.healthMessage()).isEqualTo("1 READY (directory), 2 MISSING (file, param)");
    }

    @Test
    void anAdoptedResourceIsDestroyedByDestroyAll() {
        ResourceManager<String> m = manager();
        world.put("dir", "v1");
        world.put("file", "v1");

        m.adopt("m1", "dir", new Made("dir", "v1"));
        ManagerState state = m.adopt("m1", "file", new Made("file", "v1"));

        assertThat(MemoryStore.phases(state)).isEqualTo("dir:created file:created");
        assertThat(state.resources().get(1).createdTime()).contains(NOW);
        assertThat(events).isEmpty(); // nothing was created
        assertThat(m.destroyAll("m1")).containsExactly("file", "dir");
        assertThat(world).isEmpty();
        assertThat(store.load("m1")).isEmpty();
    }

    @Test
    void adoptRefusesWhatIsAlreadyRecordedAMissingDependencyAndTheWrongState() {
        ResourceManager<String> m = manager();
        assertThatThrownBy(() -> m.adopt("m1", "file", new Made("file", "v1")))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("cannot adopt resource \"file\" for target \"m1\": it requires \"dir\","
                        + " which is not recorded as created; adopt or create \"dir\" first")
                .satisfies(e -> assertThat(((ResourceException) e).error().code()).isEqualTo(409));
        m.adopt("m1", "dir", new Made("dir", "v1"));
        assertThatThrownBy(() -> m.adopt("m1", "dir", new Made("dir", "v1")))
                .hasMessageContaining("it is already recorded (created)");
        assertThatThrownBy(() -> m.adopt("m1", "nope", new Made("x", "v1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not declared");
        assertThatThrownBy(() -> m.adopt("m1", "file", "a string"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a");
    }

    @Test
    void repairRecreatesMissingAndDownResourcesInDependencyOrderAndLeavesTheRest() {
        ResourceManager<String> m = manager();
        m.createAll("m1");
        events.clear();
        world.remove("dir");          // MISSING
        world.put("url", "broken");   // DOWN; file stays READY

        List<String> repaired = m.repair("m1", OperationContext.none());

        assertThat(repaired).containsExactly("dir", "url");
        assertThat(events).containsExactly("destroy dir", "create dir", "destroy url", "create url");
        assertThat(healths(m.statusAll("m1"))).containsExactly("dir READY", "file READY", "url READY");
        assertThat(MemoryStore.phases(store.load("m1").orElseThrow()))
                .isEqualTo("dir:created file:created url:created");
        assertThat(m.repair("m1", OperationContext.none())).isEmpty();
    }

    @Test
    void repairCreatesWhatWasNeverCreatedAfterAnAdoption() {
        ResourceManager<String> m = manager();
        world.put("dir", "v1");
        m.adopt("m1", "dir", new Made("dir", "v1"));

        assertThat(m.repair("m1", OperationContext.none())).containsExactly("file", "url");
        assertThat(events).containsExactly("create file", "create url");
        assertThat(m.statusAll("m1").health()).isEqualTo(Health.READY);
    }

    @Test
    void aFailedRepairIsRecordedAndItsDependentsAreLeftAlone() {
        ResourceManager<String> m = manager();
        m.createAll("m1");
        world.clear();
        failCreate.add("file");

        assertThatThrownBy(() -> m.repair("m1", OperationContext.none()))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("repair of resource \"file\" for target \"m1\" failed: create of resource"
                        + " \"file\" for target \"m1\" failed: IOException: cannot make file")
                .hasMessageContaining("resource \"url\" for target \"m1\" was not repaired: a resource it requires"
                        + " could not be repaired")
                .hasMessageContaining("repaired: dir");
        assertThat(MemoryStore.phases(store.load("m1").orElseThrow()))
                .isEqualTo("dir:created file:failed url:created");
        List<ResourceStatus> after = m.statusAll("m1").resources();
        assertThat(after).extracting(ResourceStatus::health)
                .containsExactly(Health.READY, Health.UNKNOWN, Health.MISSING);

        failCreate.clear();
        assertThat(m.repair("m1", OperationContext.none())).containsExactly("file", "url");
        assertThat(m.destroyAll("m1")).containsExactly("url", "file", "dir");
    }

    @Test
    void aTargetWithNothingRecordedHasNothingToRepair() {
        assertThat(manager().repair("m1", OperationContext.none())).isEmpty();
        assertThat(events).isEmpty();
    }
}
