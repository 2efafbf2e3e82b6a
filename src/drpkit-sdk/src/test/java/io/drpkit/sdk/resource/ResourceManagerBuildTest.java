package io.drpkit.sdk.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a manager checks when it is built, before any target is touched. */
class ResourceManagerBuildTest {
    record Thing(String name) {
    }

    private static Resource<Thing> resource(String name, String... requires) {
        return Resource.builder(name, Thing.class).requires(requires)
                .create(ctx -> new Thing(name)).destroy(ctx -> { }).build();
    }

    private static ResourceManager.Builder<String> manager(Resource<?>... resources) {
        ResourceManager.Builder<String> b = ResourceManager.builder().store(new MemoryStore());
        for (Resource<?> r : resources) {
            b.resource(r);
        }
        return b;
    }

    @Test
    void orderFollowsRequirementsAndKeepsDeclarationOrderAmongIndependents() {
        ResourceManager<String> m = manager(resource("file", "dir"), resource("log"),
                resource("dir"), resource("profile", "file"), resource("audit")).build();

        assertThat(m.order()).containsExactly("log", "dir", "file", "profile", "audit");
    }

    @Test
    void independentResourcesKeepDeclarationOrder() {
        ResourceManager<String> m = manager(resource("c"), resource("a"), resource("b")).build();

        assertThat(m.order()).containsExactly("c", "a", "b");
    }

    @Test
    void aResourceComesAfterAllItRequires() {
        ResourceManager<String> m = manager(resource("top", "left", "right"),
                resource("right", "base"), resource("left", "base"), resource("base")).build();

        assertThat(m.order()).containsExactly("base", "right", "left", "top");
    }

    @Test
    void unknownRequirementFailsAtBuildNamingBothResources() {
        assertThatThrownBy(() -> manager(resource("file", "dir"), resource("x", "y", "file")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource \"file\" requires unknown resource \"dir\";"
                        + " resource \"x\" requires unknown resource \"y\"");
    }

    @Test
    void cycleFailsAtBuildNamingThePath() {
        assertThatThrownBy(() -> manager(resource("a", "b"), resource("b", "a")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dependency cycle: a -> b -> a");
    }

    @Test
    void cycleMessageShowsOnlyTheResourcesOnTheCycle() {
        assertThatThrownBy(() -> manager(resource("free"), resource("entry", "b"),
                resource("b", "c"), resource("c", "d"), resource("d", "b")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dependency cycle: b -> c -> d -> b");
    }

    @Test
    void selfRequirementIsACycle() {
        assertThatThrownBy(() -> manager(resource("a", "a")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dependency cycle: a -> a");
    }

    @Test
    void duplicateNamesFailAtBuild() {
        assertThatThrownBy(() -> manager(resource("a"), resource("a")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate resource name \"a\"");
    }

    @Test
    void aManagerNeedsResourcesAndAStore() {
        assertThatThrownBy(() -> manager().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource manager has no resources");
        assertThatThrownBy(() -> ResourceManager.builder().resource(resource("a")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource manager has no state store");
    }
}
