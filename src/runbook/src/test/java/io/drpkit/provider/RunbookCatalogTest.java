package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.content.ContentPack;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.runbook.Phase;
import io.drpkit.sdk.runbook.Runbook;
import io.drpkit.sdk.runbook.Step;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunbookCatalogTest {
    private final MemoryDrpApi api = new MemoryDrpApi();
    private final AtomicInteger packReads = new AtomicInteger();
    private final RunbookCatalog catalog = new RunbookCatalog(() -> {
        packReads.incrementAndGet();
        return ContentPack.fromClasspath();
    });

    @Test
    void theShippedRunbooksAreBuiltInAndValid() {
        assertThat(catalog.builtInIds()).containsExactly("file-tree", "token-pair");

        Runbook tree = catalog.resolve(api, "file-tree").runbook();
        Runbook tokens = catalog.resolve(api, "token-pair").runbook();

        assertThat(tree.steps(Phase.CREATE)).extracting(Step::name).containsExactly("mkroot", "left", "right", "manifest");
        assertThat(tree.steps(Phase.DELETE)).extracting(Step::name).containsExactly("rmbranches", "rmroot");
        assertThat(tokens.steps(Phase.DELETE)).extracting(Step::name).containsExactly("revoke", "audit");
        assertThat(packReads).as("the content pack is read once").hasValue(1);
    }

    @Test
    void theShippedRunbooksPassTheSchemaDrpChecksRunbooksObjectsAgainst() {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(RunbookActions.storeSchema());
        Map<String, JsonNode> shipped = ContentPack.fromClasspath().content().section("runbooks");

        assertThat(shipped).containsOnlyKeys("file-tree", "token-pair");
        shipped.forEach((id, runbook) -> assertThat(schema.validate(runbook)).as(id).isEmpty());
        JsonNode misspelt = ((com.fasterxml.jackson.databind.node.ObjectNode) shipped.get("file-tree").deepCopy())
                .put("creat", "oops");
        assertThat(schema.validate(misspelt)).as("the schema does check").isNotEmpty();
    }

    @Test
    void drpIsAskedFirstOnEveryCall() {
        Runbook mine = Runbook.builder("file-tree").description("operator's copy")
                .create(Step.builder("only", "#!/bin/sh\ntrue\n").build()).build();
        api.objects.put("runbooks/file-tree", mine.toJson());

        RunbookCatalog.Resolved first = catalog.resolve(api, "file-tree");
        api.objects.remove("runbooks/file-tree");
        RunbookCatalog.Resolved second = catalog.resolve(api, "file-tree");

        assertThat(first.source()).isEqualTo(RunbookCatalog.Source.DRP);
        assertThat(first.runbook()).isEqualTo(mine);
        assertThat(second.source()).isEqualTo(RunbookCatalog.Source.BUILT_IN);
        assertThat(second.runbook().description()).startsWith("Creates a directory tree");
        assertThat(api.calls).containsExactly("GET runbooks/file-tree", "GET runbooks/file-tree");
    }

    @Test
    void drpFailingIsReportedAsSuchNotAsAMissingRunbook() {
        MemoryDrpApi down = new MemoryDrpApi();
        down.findFailure = new PluginException(DrpError.builder(502, "plugin").message("connection refused").build());

        assertThatThrownBy(() -> catalog.resolve(down, "file-tree"))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(502);
                    assertThat(e.error().messages()).containsExactly(
                            "cannot look up runbook \"file-tree\" in DRP (runbooks/file-tree)", "connection refused");
                });
    }

    @Test
    void anInvalidBuiltInIsNamedAsSuch() {
        RunbookCatalog broken = new RunbookCatalog(() -> ContentPack.of("""
                meta: {Name: broken}
                sections:
                  runbooks:
                    oops: {Id: oops, apiVersion: drpkit.io/v1, create: [{name: a, script: "no shebang"}]}
                """));

        assertThatThrownBy(() -> broken.resolve(api, "oops"))
                .isInstanceOfSatisfying(PluginException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(422);
                    assertThat(e.error().messages().get(0))
                            .isEqualTo("runbook \"oops\" (the provider's built-in copy) is not valid:");
                    assertThat(e.error().messages().get(1)).contains("runbook \"oops\"", "step \"a\"");
                });
    }
}
