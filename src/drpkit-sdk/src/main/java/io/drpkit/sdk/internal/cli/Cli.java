package io.drpkit.sdk.internal.cli;

import io.drpkit.sdk.PluginException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Builds and runs the picocli command line. Exit codes: 0 success, 1 any error (usage errors
 * included; 2 is what the Go SDK exits with on a panic, which we never do). Errors are one
 * {@code Error: <message>} line on stderr, with the stack trace only under {@code --debug}.
 */
public final class Cli {
    private Cli() {
    }

    public static int execute(CliContext ctx, String... args) {
        PrintWriter err = ctx.err();
        CommandLine cl = new CommandLine(new RootCommand(), factory(ctx));
        cl.setCommandName(ctx.definition().name());
        // -V/--version on every command prints what the version command prints
        String version = "Version: " + ctx.definition().version();
        cl.getCommandSpec().version(version);
        cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().version(version));
        cl.setOut(ctx.out().writer());
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("Error: " + usageMessage(ex, ctx.definition().name()));
            ex.getCommandLine().usage(err);
            err.flush();
            return 1;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parsed) -> {
            err.println("Error: " + message(ex));
            if (java.util.Arrays.asList(args).contains("-d") || java.util.Arrays.asList(args).contains("--debug")) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        int code = cl.execute(args);
        err.flush();
        return code;
    }

    /** Cobra's wording for an unknown subcommand, which people and scripts know from Go providers. */
    private static String usageMessage(CommandLine.ParameterException ex, String root) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && ex.getCommandLine().getParent() == null
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            return "unknown command \"" + u.getUnmatched().get(0) + "\" for \"" + root + "\"";
        }
        return ex.getMessage();
    }

    private static String message(Throwable ex) {
        if (ex instanceof PluginException pe) {
            return pe.error().messages().isEmpty() ? pe.error().toString()
                    : String.join("; ", pe.error().messages());
        }
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getName() : m;
    }

    private static IFactory factory(CliContext ctx) {
        IFactory fallback = CommandLine.defaultFactory();
        return new IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == DefineCommand.class) {
                    return cls.cast(new DefineCommand(ctx));
                }
                if (cls == UnpackCommand.class) {
                    return cls.cast(new UnpackCommand(ctx));
                }
                if (cls == ListenCommand.class) {
                    return cls.cast(new ListenCommand(ctx));
                }
                if (cls == VersionCommand.class) {
                    return cls.cast(new VersionCommand(ctx));
                }
                return fallback.create(cls);
            }
        };
    }
}
