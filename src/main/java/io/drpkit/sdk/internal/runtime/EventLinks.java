package io.drpkit.sdk.internal.runtime;

import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.ProviderDefinition;

/** Chooses the event link for a definition. */
final class EventLinks {
    private EventLinks() {
    }

    static EventLink forSubscriber(ProviderDefinition definition, DrpApi api) {
        return EventLink.none();
    }
}
