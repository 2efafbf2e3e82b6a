package io.drpkit.testkit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code make demo}: {@code java -cp <jar> io.drpkit.testkit.SimulatorMain <provider executable>}.
 * The simulator is its own program, not a provider: its stdout is the transcript.
 */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: SimulatorMain <provider executable>");
            System.exit(2);
        }
        // the simulator's own fake host logs only problems; the transcript is the output
        io.drpkit.sdk.internal.logging.Logging.setLevel(io.drpkit.sdk.internal.logging.Logging.context(),
                ch.qos.logback.classic.Level.WARN);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(new Simulator(Path.of(args[0]), out).run());
    }
}
