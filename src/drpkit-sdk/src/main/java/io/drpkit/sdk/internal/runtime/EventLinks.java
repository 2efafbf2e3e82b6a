package io.drpkit.sdk.internal.runtime;

import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.EventSubscriber;
import io.drpkit.sdk.ProviderDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** Chooses the event link for a definition. */
final class EventLinks {
    private EventLinks() {
    }

    /**
     * The link factory for one runtime: a websocket link per configuration when the definition
     * has a subscriber, otherwise {@link EventLink#none()}. The links share one lock around the
     * subscriber, so an old stream finishing its last delivery never overlaps the new one.
     *
     * @param env where {@code DRPKIT_EVENT_BUFFER} and {@code DRPKIT_CA_FILE} are read
     */
    static Function<DrpApi, EventLink> factory(ProviderDefinition definition, Map<String, String> env) {
        Lock subscriberLock = new ReentrantLock();
        return api -> forSubscriber(definition, api, subscriberLock, env);
    }

    static EventLink forSubscriber(ProviderDefinition definition, DrpApi api, Lock subscriberLock,
                                   Map<String, String> env) {
        Optional<EventSubscriber> subscriber = definition.eventSubscriber();
        if (subscriber.isEmpty()) {
            return EventLink.none();
        }
        return new SubscriberEventLink(subscriber.get(), api, subscriberLock, env);
    }
}
