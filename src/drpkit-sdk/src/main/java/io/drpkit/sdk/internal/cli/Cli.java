package io.drpkit.sdk.internal.cli;

import io.drpkit.sdk.PluginException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
        Callable<Integer> direct = direct(ctx, args);
        if (direct != null) {
            return runDirect(direct, ctx.err());
        }
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

    /**
     * The two command lines dr-provision runs, exactly {@code define} and
     * {@code listen <a> <b>}, run without picocli: building its model from the annotations
     * is a large part of a {@code define}. Anything else (options, help, {@code @file}
     * arguments, other arity) returns null and goes through picocli as before.
     */
    private static Callable<Integer> direct(CliContext ctx, String[] args) {
        if (args.length == 1 && args[0].equals("define")) {
            return new DefineCommand(ctx);
        }
        if (args.length == 3 && args[0].equals("listen") && plainArgument(args[1]) && plainArgument(args[2])) {
            ListenCommand listen = new ListenCommand(ctx);
            try {
                listen.servePath = Path.of(args[1]); // picocli's Path converter
                listen.dialPath = Path.of(args[2]);
            } catch (InvalidPathException e) {
                return null; // picocli reports it as a usage error
            }
            return listen;
        }
        return null;
    }

    private static boolean plainArgument(String arg) {
        return !arg.isEmpty() && !arg.startsWith("-") && !arg.startsWith("@");
    }

    /** What picocli's execute does for a command that returns its exit code, with our handler. */
    private static int runDirect(Callable<Integer> command, PrintWriter err) {
        int code;
        try {
            code = command.call();
        } catch (Exception ex) {
            err.println("Error: " + message(ex));
            code = 1;
        }
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
        if (ex instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            // NIO's message is only the path: say what the system said too
            return f.getFile() + ": " + io.drpkit.sdk.internal.assets.FileErrors.reason(f);
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
