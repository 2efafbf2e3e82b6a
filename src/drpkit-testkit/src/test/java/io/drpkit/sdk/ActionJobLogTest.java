package io.drpkit.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.config.ParamSpec;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Action;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderHarness;
import io.drpkit.testkit.ProviderProcess;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SDK's job logger for an action inside a DRP job, over the real sockets of {@link ProviderHarness}. */
class ActionJobLogTest {
    private static final Logger LOG = LoggerFactory.getLogger(ActionJobLogTest.class);

    /** Logs the ordinary way (a static SLF4J logger), from its own thread and from another. */
    static final class Chatty implements Provider {
        @Override
        public ProviderDefinition definition() {
            return ProviderDefinition.builder("chatty", "1.0.0")
                    .param(new ParamSpec("chatty/password", DrpJson.objectNode().put("type", "string"), true))
                    .action(ActionSpec.builder("machines", "chat").optionalParams("chatty/password").build(), this::chat)
                    .build();
        }

        private Object chat(ActionRequest request) throws Exception {
            LOG.info("chatting on {} with password {}", request.targetKey().orElse("?"), request.params().string("chatty/password"));
            LOG.debug("debug stays in DRP's log");
            Thread other = new Thread(() -> request.jobLogger().logger(Chatty.class).warn("from another thread"));
            other.start();
            other.join();
            LOG.info(JobLogger.PROVIDER_LOG_ONLY, "not for the job");
            return request.jobLogger().jobUuid().orElse("none");
        }
    }

    @Test
    void whatTheHandlerLogsIsInTheJobsLogWhenTheActionAnswers() {
        try (FakeDrp drp = FakeDrp.start(); ProviderHarness p = ProviderHarness.start(new Chatty(), drp)) {
            assertThat(p.config(Map.of("Name", "chatty")).status()).isEqualTo(200);
            String uuid = drp.createMachine("m1");
            String job = drp.createJob(DrpJson.objectNode().put("Machine", uuid).put("Task", "chat").put("State", "running"));
            ObjectNode machine = (ObjectNode) drp.machine(uuid).orElseThrow();
            machine.put("CurrentJob", job);
            ProviderProcess.Response r = p.action(new Action(machine, "chatty", "chat", "",
                    Map.of("chatty/password", DrpJson.toTree("open-sesame"))));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().asText()).isEqualTo(job);
            // closed (flushed) before the answer: no waiting needed
            assertThat(drp.jobLog(job)).isEqualTo("INFO chatting on " + uuid + " with password " + Params.HIDDEN + "\n"
                    + "WARN from another thread\n");
        }
    }

    @Test
    void outsideAJobNothingIsAppended() {
        try (FakeDrp drp = FakeDrp.start(); ProviderHarness p = ProviderHarness.start(new Chatty(), drp)) {
            p.config(Map.of("Name", "chatty"));
            String uuid = drp.createMachine("m1");
            ProviderProcess.Response r = p.action(new Action(drp.machine(uuid).orElseThrow(), "chatty", "chat", "",
                    Map.of("chatty/password", DrpJson.toTree("x"))));
            assertThat(r.json().asText()).isEqualTo("none");
            assertThat(drp.requests()).noneMatch(q -> q.path().endsWith("/log"));
        }
    }
}
