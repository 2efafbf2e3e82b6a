package io.drpkit.sdk.internal.runtime;

import io.drpkit.sdk.Config;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.EventSelection;
import io.drpkit.sdk.EventStreamStats;
import io.drpkit.sdk.EventSubscriber;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.internal.api.DrpApiOptions;
import io.drpkit.sdk.internal.api.HttpDrpApi;
import io.drpkit.sdk.internal.events.Dialer;
import io.drpkit.sdk.internal.events.EventStream;
import io.drpkit.sdk.internal.events.EventStreamException;
import io.drpkit.sdk.internal.events.EventStreamOptions;
import io.drpkit.sdk.model.DrpError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * The {@link EventLink} of a provider with an {@link EventSubscriber}: one {@link EventStream}
 * on DRP's websocket, opened with the configuration's session after {@code configure} (spec
 * §3.4 step 7), so {@link EventSubscriber#selections(Config)} sees the new params. Thread-safe.
 */
final class SubscriberEventLink implements EventLink {
    private final EventSubscriber subscriber;
    private final DrpApi api;
    private final Lock subscriberLock;
    private final Map<String, String> env;
    private volatile EventStream stream;

    SubscriberEventLink(EventSubscriber subscriber, DrpApi api, Lock subscriberLock, Map<String, String> env) {
        this.subscriber = Objects.requireNonNull(subscriber, "subscriber == null");
        this.api = Objects.requireNonNull(api, "api == null");
        this.subscriberLock = Objects.requireNonNull(subscriberLock, "subscriberLock == null");
        this.env = Map.copyOf(env);
    }

    /**
     * @throws PluginException 500 naming what failed: the subscriber's selections (including an
     *     exception it threw), {@code DRPKIT_EVENT_BUFFER}, the connection or the registration
     */
    @Override
    public synchronized void restart(Config config) {
        close(Duration.ofSeconds(5));
        List<EventSelection> selections = selections(config);
        EventStreamOptions options;
        try {
            options = EventStreamOptions.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw failure(e.getMessage(), e);
        }
        EventStream s = new EventStream(dialer(config, options), selections, subscriber, subscriberLock, options);
        stream = s;
        try {
            s.open();
        } catch (EventStreamException e) {
            throw failure(e.getMessage(), e);
        }
    }

    @Override
    public void close(Duration timeout) {
        EventStream s = stream;
        if (s != null) {
            s.close(timeout);
        }
    }

    @Override
    public Optional<EventStreamStats> stats() {
        EventStream s = stream;
        return Optional.of(s != null ? s.stats()
                : new EventStreamStats(false, List.of(), 0, 0, 0, 0, 0, 0, 0, 0));
    }

    private List<EventSelection> selections(Config config) {
        List<String> texts;
        try {
            texts = subscriber.selections(config);
        } catch (RuntimeException e) {
            String why = e instanceof PluginException pe ? String.join("; ", pe.error().messages()) : e.toString();
            throw failure("the subscriber's selections failed: " + why, e);
        }
        if (texts == null) {
            throw failure("the subscriber's selections are null", null);
        }
        List<EventSelection> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            if (text == null) {
                throw failure("the subscriber's selections contain null", null);
            }
            try {
                out.add(EventSelection.parse(text));
            } catch (IllegalArgumentException e) {
                throw failure(e.getMessage(), e);
            }
        }
        return out;
    }

    /** The configuration's own session when it is the HTTPS one, else one from its environment. */
    private Dialer dialer(Config config, EventStreamOptions options) {
        HttpDrpApi http;
        if (api instanceof HttpDrpApi h) {
            http = h;
        } else {
            try {
                http = HttpDrpApi.connect(config.environment(), DrpApiOptions.fromEnvironment(env));
            } catch (IllegalArgumentException e) {
                throw failure(e.getMessage(), e);
            }
        }
        return Dialer.of(http, options.pingInterval());
    }

    private static PluginException failure(String message, Throwable cause) {
        DrpError error = DrpError.builder(500, "plugins").message(message).build();
        return cause == null ? new PluginException(error) : new PluginException(error, cause);
    }
}
