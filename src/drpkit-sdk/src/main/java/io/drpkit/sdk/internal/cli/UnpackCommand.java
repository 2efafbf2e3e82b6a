package io.drpkit.sdk.internal.cli;

import io.drpkit.sdk.Unpacker;
import io.drpkit.sdk.content.Assets;
import io.drpkit.sdk.internal.assets.AssetIndex;
import io.drpkit.sdk.internal.assets.FileErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code unpack <dir>}: writes the provider's assets into {@code dir} (spec §1.2, Part A.10).
 * Without an unpacker of its own the provider unpacks {@link Assets#fromClasspath()}, the tree
 * drpkit:bundle made of {@code assets/} (its index is written even when there is no
 * {@code assets/}: then only {@code dir} is created). When nothing was bundled at all, nothing is
 * created and the command succeeds, as with the Go SDK, saying so on stderr.
 */
@Command(name = "unpack", mixinStandardHelpOptions = true,
        description = "Write the provider's embedded assets into DIR (created if missing).")
final class UnpackCommand implements Callable<Integer> {
    private static final String BUNDLED_INDEX = Assets.DEFAULT_ROOT + "/" + AssetIndex.INDEX;

    private final CliContext ctx;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Target directory; extra arguments are ignored.")
    List<String> args;

    UnpackCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        String location = args.get(0);
        if (location.isBlank()) {
            throw new IllegalArgumentException("Not a valid location: `" + location + "`");
        }
        Optional<Unpacker> own = ctx.definition().unpacker();
        if (own.isEmpty() && Assets.class.getClassLoader().getResource(BUNDLED_INDEX) == null) {
            ctx.err().println(ctx.definition().name() + ": no assets bundled (" + BUNDLED_INDEX
                    + " is not on the class path): nothing to unpack");
            return 0;
        }
        Unpacker unpacker = own.orElseGet(Assets::fromClasspath);
        Path dir = ctx.environment().scratchDir().resolve(location).normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Not a valid location: " + dir + " exists and is not a directory");
        }
        if (!Files.exists(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (IOException e) {
                throw FileErrors.wrap("cannot create directory", dir, e);
            }
        }
        unpacker.unpack(dir);
        return 0;
    }
}
