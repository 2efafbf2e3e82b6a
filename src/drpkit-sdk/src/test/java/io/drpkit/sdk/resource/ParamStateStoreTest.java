package io.drpkit.sdk.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import io.drpkit.sdk.internal.json.DrpJson;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ParamStateStoreTest {
    private static final String PARAM = "runbook/resource-state";
    private final FakeDrpApi drp = new FakeDrpApi();
    private final ParamStateStore store = new ParamStateStore(() -> drp, "machines", PARAM);

    record Thing(String name) {
    }

    @Test
    void saveSetsTheStateAsAJsonParamOnTheTargetObject() {
        store.save("m1", ManagerStateTest.sample());

        assertThat(drp.params).containsOnlyKeys("machines/m1/" + PARAM);
        assertThat(drp.params.get("machines/m1/" + PARAM))
                .isEqualTo(DrpJson.toTree(ManagerStateTest.sample()));
    }

    @Test
    void aFreshStoreLoadsWhatWasSaved() {
        store.save("m1", ManagerStateTest.sample());

        assertThat(new ParamStateStore(() -> drp, "machines", PARAM).load("m1"))
                .contains(ManagerStateTest.sample());
    }

    @Test
    void anAbsentOrNullParamMeansNoState() {
        assertThat(store.load("m1")).isEmpty();

        drp.params.put("machines/m1/" + PARAM, NullNode.instance);

        assertThat(store.load("m1")).isEmpty();
    }

    @Test
    void deleteRemovesTheParam() {
        store.save("m1", ManagerStateTest.sample());

        store.delete("m1");

        assertThat(drp.params).isEmpty();
        assertThat(store.load("m1")).isEmpty();
    }

    @Test
    void aParamThatIsNotAStateFailsNamingParamAndObject() {
        drp.params.put("machines/m1/" + PARAM, DrpJson.objectNode().put("Resources", "nope"));

        assertThatThrownBy(() -> store.load("m1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("param runbook/resource-state on machines/m1"
                        + " is not a resource manager state: ");
    }

    @Test
    void usesTheCurrentSessionAndFailsClearlyWithoutOne() {
        AtomicReference<FakeDrpApi> session = new AtomicReference<>();
        ParamStateStore late = new ParamStateStore(session::get, "machines", PARAM);

        assertThatThrownBy(() -> late.load("m1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no DRP API session to keep param runbook/resource-state on machines"
                        + " (has the provider been configured?)");

        session.set(drp);
        late.save("m1", ManagerStateTest.sample());
        assertThat(drp.params).containsKey("machines/m1/" + PARAM);
    }

    @Test
    void aManagerKeepsItsStateInTheParamWhileResourcesExist() {
        ResourceManager<String> manager = ResourceManager.builder()
                .resource(Resource.builder("a", Thing.class)
                        .create(ctx -> new Thing("a-" + ctx.targetKey())).destroy(ctx -> { }).build())
                .store(store)
                .build();

        manager.createAll("m1");
        assertThat(drp.params.get("machines/m1/" + PARAM).path("Resources").get(0).path("State"))
                .isEqualTo(DrpJson.objectNode().put("name", "a-m1"));

        assertThat(manager.destroyAll("m1")).containsExactly("a");
        assertThat(drp.params).isEmpty();
    }

    @Test
    void constructorRejectsBlankNames() {
        assertThatThrownBy(() -> new ParamStateStore(() -> drp, " ", PARAM))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("object prefix is blank");
        assertThatThrownBy(() -> new ParamStateStore(() -> drp, "machines", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("param name is blank");
        assertThat(List.of(store.prefix(), store.param())).containsExactly("machines", PARAM);
    }
}
