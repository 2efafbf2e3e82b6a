package io.drpkit.sdk.internal.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root: prints help when run without a subcommand, as the Go SDK's root does. */
@Command(mixinStandardHelpOptions = true,
        description = "A dr-provision plugin provider. dr-provision runs it as 'define', 'unpack <dir>' and "
                + "'listen <to-plugin.sock> <from-plugin.sock>'.",
        subcommands = {DefineCommand.class, UnpackCommand.class, ListenCommand.class,
                VersionCommand.class, AutocompleteCommand.class})
final class RootCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-d", "--debug"}, scope = ScopeType.INHERIT,
            description = "Log at trace level (default: debug).")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
