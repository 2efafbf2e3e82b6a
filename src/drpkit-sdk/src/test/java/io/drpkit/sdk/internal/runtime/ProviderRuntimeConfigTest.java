package io.drpkit.sdk.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.drpkit.sdk.Config;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.EventSubscriber;
import io.drpkit.sdk.Host;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.Provider;
import io.drpkit.sdk.ProviderDefinition;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.internal.events.EventStreamException;
import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.Event;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@code /config}'s answers when the event stream fails (spec §3.4 step 7). */
class ProviderRuntimeConfigTest {
    private static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            throw new UnsupportedOperationException(m.getName());
        }));
    }

    private static ProviderRuntime runtime(Supplier<RuntimeException> failure) {
        EventSubscriber subscriber = new EventSubscriber() {
            @Override
            public List<String> selections(Config config) {
                return List.of("machines.*.*");
            }

            @Override
            public void onEvent(Event event) {
            }
        };
        ProviderDefinition def = ProviderDefinition.builder("p", "1").eventSubscriber(subscriber).build();
        Provider provider = () -> def;
        EventLink failing = new EventLink() {
            @Override
            public void restart(Config config) {
                throw failure.get();
            }

            @Override
            public void close(Duration timeout) {
            }
        };
        return new ProviderRuntime(provider, def, ProviderEnvironment.from(Map.of("RS_TOKEN", "t"), Path.of("/tmp")),
                unused(Host.class), env -> unused(DrpApi.class), ParamCheckers.forDefinition(def), api -> failing);
    }

    private static String message(Reply reply) {
        assertThat(reply.status()).isEqualTo(500);
        DrpError e = (DrpError) reply.body();
        assertThat(e.type()).isEqualTo("plugins");
        return e.messages().get(0);
    }

    @Test
    void aStreamThatCannotOpenIsUnableToCreateTheEventStream() {
        Reply r = runtime(() -> new PluginException(DrpError.of(500, "plugins", "cannot open the event stream to wss://x: refused"),
                new IllegalStateException("cannot open the event stream to wss://x: refused"))).config(Map.of());
        assertThat(message(r)).isEqualTo("Unable to create event stream: cannot open the event stream to wss://x: refused");
    }

    @Test
    void registrationsThatAreNotAcknowledgedAreUnableToRegisterForMachineEvents() {
        Reply r = runtime(() -> new PluginException(DrpError.of(500, "plugins", "1 of 1 register frames not acknowledged"),
                EventStreamException.registration("1 of 1 register frames not acknowledged"))).config(Map.of());
        assertThat(message(r)).isEqualTo("Unable to register for machine events: 1 of 1 register frames not acknowledged");
    }
}
