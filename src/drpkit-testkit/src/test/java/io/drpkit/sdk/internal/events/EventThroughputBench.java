package io.drpkit.sdk.internal.events;

import io.drpkit.sdk.Config;
import io.drpkit.sdk.EventSelection;
import io.drpkit.sdk.EventStreamStats;
import io.drpkit.sdk.EventSubscriber;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.internal.api.DrpApiOptions;
import io.drpkit.sdk.internal.api.HttpDrpApi;
import io.drpkit.sdk.model.Event;
import io.drpkit.testkit.FakeDrp;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Event throughput, without JMH: the test kit's DRP emits events as fast as it can over the
 * websocket to one {@link EventStream} whose subscriber does nothing; the figure is events
 * delivered per second, from the first emission until every event was delivered or dropped.
 * One warm-up round runs first.
 *
 * <pre>
 * mvn -q -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.drpkit.sdk.internal.events.EventThroughputBench \
 *     [-Ddrpkit.bench.events=200000] [-Ddrpkit.bench.buffer=1000]
 * </pre>
 *
 * ({@code -Dexec.args} would also replace the arguments of the build's own {@code exec:java}
 * step, so the figures are system properties; plain arguments work when it is run with
 * {@code java}.) Events per round default to 200,000, the buffer to 1,000. Prints one line:
 * {@code events/s=<delivered per second> sent=<n> delivered=<n> dropped=<n> seconds=<s> emit_seconds=<s>
 * buffer=<n>}; {@code emit_seconds} is how long the fake took to queue every frame, a floor for
 * {@code seconds} set by the sending side, not by the stream.
 */
public final class EventThroughputBench {
    private EventThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(args.length > 0 ? args[0] : System.getProperty("drpkit.bench.events", "200000"));
        int buffer = Integer.parseInt(args.length > 1 ? args[1]
                : System.getProperty("drpkit.bench.buffer", Integer.toString(EventStreamOptions.DEFAULT_BUFFER)));
        // the bench's own fake host and stream log only problems; the figure line is the output
        io.drpkit.sdk.internal.logging.Logging.setLevel(io.drpkit.sdk.internal.logging.Logging.context(),
                ch.qos.logback.classic.Level.WARN);
        PrintStream out = System.out;
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
        try (FakeDrp drp = FakeDrp.start();
             HttpDrpApi api = HttpDrpApi.connect(ProviderEnvironment.from(drp.providerEnvironment(), scratch),
                     DrpApiOptions.defaults())) {
            EventStream stream = new EventStream(Dialer.of(api, Duration.ofSeconds(30)),
                    List.of(EventSelection.parse("machines.*.*")), new NoOp(), new ReentrantLock(),
                    EventStreamOptions.defaults().withBufferSize(buffer));
            stream.open();
            try {
                round(drp, stream, Math.max(1, events / 10), 0, new long[1]);
                EventStreamStats before = stream.stats();
                long start = System.nanoTime();
                long[] emitted = new long[1];
                int sent = round(drp, stream, events, before.delivered() + before.dropped(), emitted);
                double seconds = (System.nanoTime() - start) / 1e9;
                EventStreamStats after = stream.stats();
                long delivered = after.delivered() - before.delivered();
                long dropped = after.dropped() - before.dropped();
                out.printf(Locale.ROOT, "events/s=%.0f sent=%d delivered=%d dropped=%d seconds=%.3f emit_seconds=%.3f"
                        + " buffer=%d%n", delivered / seconds, sent, delivered, dropped, seconds, emitted[0] / 1e9, buffer);
            } finally {
                stream.close(Duration.ofSeconds(5));
            }
        }
    }

    /** Emits {@code n} events and waits until the stream has accounted for all of them. */
    private static int round(FakeDrp drp, EventStream stream, int n, long accountedBefore, long[] emitNanos)
            throws InterruptedException {
        Instant now = Instant.now();
        long start = System.nanoTime();
        int sent = drp.emitMany(n, i -> new Event(now, "machines", "update", Integer.toString(i), "bench", null, null));
        emitNanos[0] = System.nanoTime() - start;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            EventStreamStats s = stream.stats();
            if (s.delivered() + s.dropped() - accountedBefore >= sent) {
                return sent;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("events not accounted for after 5 minutes: " + s);
            }
            Thread.sleep(1);
        }
    }

    /** Receives and forgets. */
    private static final class NoOp implements EventSubscriber {
        @Override
        public List<String> selections(Config config) {
            return List.of("machines.*.*");
        }

        @Override
        public void onEvent(Event event) {
        }
    }
}
