package io.drpkit.sdk.internal.cli;

import io.drpkit.sdk.internal.assets.FileErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code autocomplete <file>}: writes a bash completion script, as the Go SDK's command of the
 * same name; unlike it, a failed write is an error that names the file and the system's reason.
 */
@Command(name = "autocomplete", mixinStandardHelpOptions = true,
        description = "Write a bash completion script to FILE (then: source FILE).")
final class AutocompleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1", paramLabel = "FILE", description = "Where to write the script.")
    Path file;

    @Override
    public Integer call() throws Exception {
        var root = spec.commandLine().getParent();
        String script = AutoComplete.bash(root.getCommandName(), root);
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IOException("cannot write " + target + ": Is a directory");
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), ".complete", ".tmp");
            Files.writeString(tmp, script, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw FileErrors.wrap("cannot write", target, e);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
        return 0;
    }
}
