package io.drpkit.sdk.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.Config;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.internal.text.GoDurations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a provider's health onto its DRP Plugin object ({@code plugins/<instance>}, spec
 * §5.8), where DRP's UX and {@code drpcli plugins show} display it:
 * <ul>
 *   <li>{@code Meta}: {@code health} (e.g. {@code READY}), {@code health-message} (the report's
 *       summary) and {@code health-time} (RFC 3339, when it was checked);</li>
 *   <li>{@code PluginErrors}: one line {@code health: <entry> <HEALTH>: <message>} per entry
 *       that is DOWN or MISSING; lines that do not start with {@code health: } (DRP's own, e.g. a
 *       failed {@code /config}) are kept as they are. {@code Available} is DRP's and left alone.</li>
 * </ul>
 * The object is changed with {@link DrpApi#update} (a guarded JSON Patch, so concurrent edits
 * of other members are kept, and {@code Params} is never touched, so DRP does not re-configure
 * the plugin).
 *
 * <p><b>When.</b> From {@code checkEvery} after {@link #start(Config)} the report is made every {@code checkEvery}
 * (default the smaller of the interval and 5 s) on one daemon thread {@code drpkit-health}; it is
 * published at once when its health, summary or error lines changed, and otherwise once per
 * {@code interval} (a heartbeat refreshing {@code health-time}). An interval of zero turns
 * publishing off. A failed publish is logged (at most once per interval) and tried again at the
 * next check. {@link #start(Config)} again (a later {@code /config}) retargets the plugin and
 * session and checks at once; {@link #close()} stops. Thread-safe.
 *
 * <pre>{@code
 * HealthPublisher health = HealthPublisher.builder(config -> myStatusReport(config))
 *     .interval(Duration.ofSeconds(60)).build();
 * // in Provider.configure:  health.start(config);     in the stop hook:  health.close();
 * }</pre>
 *
 * @since 0.2
 */
public final class HealthPublisher implements AutoCloseable {
    /** The prefix of the {@code PluginErrors} lines this publisher owns. */
    public static final String ERROR_PREFIX = "health: ";
    private static final Logger LOG = LoggerFactory.getLogger(HealthPublisher.class);

    private final Function<Config, StatusReport> report;
    private final Duration interval;
    private final Duration checkEvery;
    private final Clock clock;
    private final Object lock = new Object();
    // guarded by lock
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> task;
    private Config config;
    private String lastKey;
    private Instant lastPublished;
    private Instant lastWarning;
    private boolean closed;

    private HealthPublisher(Builder b) {
        this.report = b.report;
        this.interval = b.interval;
        this.checkEvery = b.checkEvery != null ? b.checkEvery
                : interval.compareTo(Duration.ofSeconds(5)) < 0 ? interval : Duration.ofSeconds(5);
        this.clock = b.clock;
    }

    /** A publisher of what {@code report} says for the configuration in force. */
    public static Builder builder(Function<Config, StatusReport> report) {
        return new Builder(report);
    }

    /**
     * Reads an interval setting: Go-style durations ({@code 500ms}, {@code 30s}, {@code 1m30s},
     * {@code 2h}), or {@code 0} or {@code off} for none.
     *
     * @return empty if {@code text} is not in that syntax
     */
    public static Optional<Duration> parseInterval(String text) {
        String t = Objects.requireNonNull(text, "text == null").trim();
        if (t.equals("0") || t.equalsIgnoreCase("off")) {
            return Optional.of(Duration.ZERO);
        }
        return GoDurations.parse(t);
    }

    /** The heartbeat interval; zero when publishing is off. */
    public Duration interval() {
        return interval;
    }

    /**
     * Publishes for {@code config} from now on (its {@link Config#name()} is the Plugin object,
     * its {@link Config#api()} the session): checks {@code checkEvery} from now on the publisher's
     * thread (not at once, so a {@code /config} answers before the first check calls out), then
     * every {@code checkEvery}; the first check publishes. Does nothing when the interval is zero or after {@link #close()}.
     */
    public void start(Config config) {
        Objects.requireNonNull(config, "config == null");
        synchronized (lock) {
            if (closed || interval.isZero()) {
                return;
            }
            this.config = config;
            this.lastKey = null; // a new configuration publishes at once
            if (scheduler == null) {
                scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "drpkit-health");
                    t.setDaemon(true);
                    return t;
                });
            }
            if (task != null) {
                task.cancel(false);
            }
            task = scheduler.scheduleWithFixedDelay(this::checkQuietly, checkEvery.toMillis(), checkEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Makes the report now and publishes it if it changed or the interval passed since the last
     * publish; on the caller's thread.
     *
     * @return whether it was published
     * @throws PluginException if DRP refused or could not be reached
     */
    public boolean check() {
        Config c;
        synchronized (lock) {
            c = config;
        }
        if (c == null) {
            return false;
        }
        StatusReport r = report.apply(c);
        List<String> errors = errorLines(r);
        String key = r.health() + "\n" + r.healthMessage() + "\n" + String.join("\n", errors);
        Instant now = clock.instant();
        synchronized (lock) {
            if (key.equals(lastKey) && lastPublished != null
                    && Duration.between(lastPublished, now).compareTo(interval) < 0) {
                return false;
            }
        }
        publish(c, r, errors, now);
        synchronized (lock) {
            if (config == c) {
                lastKey = key;
                lastPublished = now;
            }
        }
        return true;
    }

    /** Stops publishing; idempotent. What was published stays on the Plugin object. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            boolean warn;
            synchronized (lock) {
                warn = lastWarning == null || Duration.between(lastWarning, now).compareTo(interval) >= 0;
                if (warn) {
                    lastWarning = now;
                }
            }
            if (warn) {
                String why = e instanceof PluginException p ? p.error().toString() : e.toString();
                LOG.warn("Cannot publish the provider's health onto its Plugin object: {}", why);
            }
        }
    }

    private static void publish(Config c, StatusReport r, List<String> errors, Instant now) {
        c.api().update("plugins/" + c.name(), plugin -> {
            ObjectNode p = (ObjectNode) plugin;
            ObjectNode meta = p.get("Meta") instanceof ObjectNode m ? m : p.putObject("Meta");
            meta.put("health", r.health().name());
            meta.put("health-message", r.healthMessage());
            meta.put("health-time", io.drpkit.sdk.internal.json.Rfc3339.format(now));
            ArrayNode kept = p.arrayNode();
            JsonNode old = p.get("PluginErrors");
            if (old != null && old.isArray()) {
                old.forEach(e -> {
                    if (!e.isTextual() || !e.textValue().startsWith(ERROR_PREFIX)) {
                        kept.add(e);
                    }
                });
            }
            errors.forEach(kept::add);
            p.set("PluginErrors", kept);
            return p;
        });
    }

    /** One {@value #ERROR_PREFIX} line per DOWN or MISSING entry, in the report's order. */
    static List<String> errorLines(StatusReport r) {
        List<String> out = new ArrayList<>();
        for (ResourceStatus s : r.resources()) {
            if (s.health() == Health.DOWN || s.health() == Health.MISSING) {
                out.add(ERROR_PREFIX + s.name() + " " + s.health() + (s.healthMessage().isEmpty() ? ""
                        : ": " + s.healthMessage()));
            }
        }
        return out;
    }

    /** Builds a {@link HealthPublisher}. Not thread-safe. @since 0.2 */
    public static final class Builder {
        private final Function<Config, StatusReport> report;
        private Duration interval = Duration.ofSeconds(60);
        private Duration checkEvery;
        private Clock clock = Clock.systemUTC();

        private Builder(Function<Config, StatusReport> report) {
            this.report = Objects.requireNonNull(report, "report == null");
        }

        /** The heartbeat: publish at least this often (default 60 s); zero turns publishing off. */
        public Builder interval(Duration interval) {
            this.interval = Objects.requireNonNull(interval, "interval == null");
            return this;
        }

        /** How often the report is made to see whether it changed (default min(interval, 5 s)). */
        public Builder checkEvery(Duration checkEvery) {
            this.checkEvery = Objects.requireNonNull(checkEvery, "checkEvery == null");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** @throws IllegalArgumentException if a duration is negative, or checkEvery is zero while publishing */
        public HealthPublisher build() {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("health interval is negative: " + interval);
            }
            if (checkEvery != null && (checkEvery.isNegative() || (checkEvery.isZero() && !interval.isZero()))) {
                throw new IllegalArgumentException("health checkEvery must be positive, got " + checkEvery);
            }
            return new HealthPublisher(this);
        }
    }
}
