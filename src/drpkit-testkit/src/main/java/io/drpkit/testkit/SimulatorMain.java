package io.drpkit.testkit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The simulator as a program: {@code java -jar drpkit-testkit-<version>-simulator.jar simulate
 * <provider executable>} runs a {@link Simulator} session and exits with its result (0 passed,
 * 1 something failed, 2 usage). It is not a provider: its stdout is the transcript.
 */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    public static void main(String[] args) {
        // `simulate <exe>`; a lone `<exe>` is accepted too
        String exe = args.length == 2 && args[0].equals("simulate") ? args[1]
                : args.length == 1 && !args[0].equals("simulate") && !args[0].startsWith("-") ? args[0] : null;
        if (exe == null) {
            System.err.println("usage: java -jar drpkit-testkit-simulator.jar simulate <provider executable>");
            System.exit(2);
        }
        if (!Files.isExecutable(Path.of(exe))) {
            System.err.println("simulate: " + exe + " is not an executable file");
            System.exit(2);
        }
        // the simulator's own fake host logs only problems; the transcript is the output
        io.drpkit.sdk.internal.logging.Logging.setLevel(io.drpkit.sdk.internal.logging.Logging.context(),
                ch.qos.logback.classic.Level.WARN);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(Simulator.builder(Path.of(exe)).out(out).build().run());
    }
}
