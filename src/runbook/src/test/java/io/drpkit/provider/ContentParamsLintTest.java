package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.sdk.ProviderDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lint of runbook's content pack (issue "Params", item 6): every param in {@code content/params}
 * is used by something. Params no action or provider-level list names must be accounted for
 * here with what uses them; the build prints the list.
 */
class ContentParamsLintTest {
    /** Declared params the provider writes or reads on machines itself, and where. */
    private static final Map<String, String> USED_OUTSIDE_ACTION_LISTS = Map.of(
            "runbook/outputs", "RecordedOutputs: create outputs kept on the machine for runbook-delete",
            "runbook/resources", "MachineStateStore: the resource manager's write-ahead state on the machine",
            "runbook/published-url", "PublishResources: resource (c), the URL publish sets on the machine",
            "runbook/secret", "RunbookActions: a secure param steps may read, read decoded and masked in output");

    @Test
    void everyContentParamIsUsedBySomething() {
        ProviderDefinition def = new Runbook().definition();
        System.err.println("content params not named by any action or provider param list: " + def.unreferencedParams());
        def.unreferencedParams().forEach(p -> System.err.println("  " + p + " <- "
                + USED_OUTSIDE_ACTION_LISTS.getOrDefault(p, "UNUSED")));
        assertThat(def.unreferencedParams()).as("content params nothing uses")
                .containsExactlyInAnyOrderElementsOf(USED_OUTSIDE_ACTION_LISTS.keySet());
    }

    @Test
    void everyParamTheDefinitionNamesIsDeclared() {
        // the builder refuses undeclared params, so building is the check; the content pack is the source
        ProviderDefinition def = new Runbook().definition();
        assertThat(def.params()).containsKeys("incrementer/step", "incrementer/parameter", "incrementer/touched",
                "runbook/events", "runbook/name");
    }
}
