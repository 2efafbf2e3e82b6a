package io.drpkit.sdk.internal.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code listen <to-plugin.sock> <from-plugin.sock>}: serves the first socket and dials the
 * second until stopped (spec §1.3, Part A.2–A.5).
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = "Serve the plugin API on the first socket and talk to dr-provision on the second.")
final class ListenCommand implements Callable<Integer> {
    private final CliContext ctx;

    @ParentCommand
    RootCommand root;

    @Parameters(index = "0", paramLabel = "TO_PLUGIN_SOCKET", description = "Socket the provider serves (host -> plugin).")
    Path servePath;

    @Parameters(index = "1", paramLabel = "FROM_PLUGIN_SOCKET", description = "Socket the provider dials (plugin -> host).")
    Path dialPath;

    ListenCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        return ctx.listenLauncher().listen(ctx, servePath, dialPath, root != null && root.debug);
    }
}
