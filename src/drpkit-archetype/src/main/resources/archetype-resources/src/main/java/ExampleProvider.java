package ${package};

import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.ActionSpec;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.EventSubscriber;
import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderApp;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.content.ContentPack;
import io.drpkit.sdk.model.Event;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ${artifactId} provider: the machine action {@code greet}, and a count of machines created. */
public final class ExampleProvider implements Provider, EventSubscriber {
    static final String GREETING = "${artifactId}/greeting";   // declared in content/params/ with its schema
    private static final Logger LOG = LoggerFactory.getLogger(ExampleProvider.class);
    private final AtomicLong machinesCreated = new AtomicLong();

    public static void main(String[] args) {
        System.exit(ProviderApp.run(new ExampleProvider(), args));
    }

    @Override
    public ProviderDefinition definition() {
        String version = ExampleProvider.class.getPackage().getImplementationVersion();
        return ProviderDefinition.builder("${artifactId}", version == null ? "0.0.0" : version)
                .content(ContentPack.fromClasspath())   // content/, bundled by drpkit:bundle
                .action(ActionSpec.builder("machines", "greet").optionalParams(GREETING).build(), this::greet)
                .eventSubscriber(this)
                .build();   // checked here: declared params, unique commands, valid names ...
    }

    private Object greet(ActionRequest request) {
        String greeting = request.params().string(GREETING);   // valid against its schema, default applied
        String machine = request.targetKey().orElseThrow();
        LOG.info("greeting machine {}", machine);   // goes to DRP's log
        return greeting + ", " + machine + "! (" + machinesCreated.get() + " machines created since start)";
    }

    @Override
    public List<String> selections(Config config) {
        return List.of("machines.create.*");
    }

    @Override
    public void onEvent(Event event) {
        machinesCreated.incrementAndGet();
        LOG.info("machine {} created", event.key());
    }
}
