package io.drpkit.sdk.internal.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code version}: prints {@code Version: <version>} (spec §1). */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the provider version.")
final class VersionCommand implements Callable<Integer> {
    private final CliContext ctx;

    VersionCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.out().print("Version: " + ctx.definition().version() + "\n");
        return 0;
    }
}
