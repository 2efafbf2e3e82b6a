package io.drpkit.provider;

import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.ProviderEnvironment;
import io.drpkit.sdk.model.DrpError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where {@code publish} puts a machine's files in dr-provision's file-server space: the directory
 * {@code <RS_WEBROOT>/runbook/machines/<uuid>/} holding {@value #FILE_NAME}, served at
 * {@code <RS_FILESERVER>/runbook/machines/<uuid>/machine.txt}. Also the one check that a path
 * read back from a recorded state really is such a directory or file before anything is deleted
 * (the state is a machine param, which anyone allowed to edit the machine can change).
 * Immutable and thread-safe.
 *
 * @param webRoot absolute, normalized {@code RS_WEBROOT}
 * @param fileServer {@code RS_FILESERVER} without a trailing slash
 */
record PublishLayout(Path webRoot, String fileServer) {
    /** The directory under the web root holding one directory per published machine. */
    static final String MACHINES = "runbook/machines";
    static final String FILE_NAME = "machine.txt";
    /** What a machine key must look like to become a path segment (DRP UUIDs do). */
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    PublishLayout {
        Objects.requireNonNull(webRoot, "webRoot == null");
        Objects.requireNonNull(fileServer, "fileServer == null");
        webRoot = webRoot.toAbsolutePath().normalize();
        while (fileServer.endsWith("/")) {
            fileServer = fileServer.substring(0, fileServer.length() - 1);
        }
    }

    /**
     * The layout for the environment dr-provision gave the provider.
     *
     * @throws PluginException Code 500 naming the variables that are not set
     */
    static PublishLayout of(ProviderEnvironment env, String provider) {
        List<String> missing = new ArrayList<>();
        if (env.webRoot().isEmpty()) {
            missing.add("RS_WEBROOT");
        }
        if (env.fileServer().isEmpty()) {
            missing.add("RS_FILESERVER");
        }
        if (!missing.isEmpty()) {
            throw new PluginException(DrpError.builder(500, "plugin").model("plugin").key(provider)
                    .message("publish needs the file server's directory and URL, which dr-provision"
                            + " gives providers as RS_WEBROOT and RS_FILESERVER; not set: "
                            + String.join(", ", missing))
                    .build());
        }
        return new PublishLayout(env.webRoot().get(), env.fileServer().get());
    }

    /** Whether {@code key} can name a machine's directory (one path segment, no dots-only names). */
    static boolean isSafeKey(String key) {
        return key != null && SAFE_KEY.matcher(key).matches() && !key.equals("..") && !key.equals(".");
    }

    Path dir(String uuid) {
        return webRoot.resolve(MACHINES).resolve(checked(uuid));
    }

    Path file(String uuid) {
        return dir(uuid).resolve(FILE_NAME);
    }

    String url(String uuid) {
        return fileServer + "/" + MACHINES + "/" + checked(uuid) + "/" + FILE_NAME;
    }

    /**
     * Checks that {@code dir} is a machine directory for {@code uuid}
     * ({@code .../runbook/machines/<uuid>}), whatever the web root was when it was recorded.
     *
     * @throws IllegalStateException if it is not
     */
    static Path checkMachineDir(Path dir, String uuid) {
        Path d = dir.toAbsolutePath().normalize();
        Path parent = d.getParent();
        if (d.getFileName() == null || !d.getFileName().toString().equals(uuid) || parent == null
                || !parent.endsWith(MACHINES)) {
            throw new IllegalStateException("refusing to delete " + dir + ": not a machine directory"
                    + " .../" + MACHINES + "/" + uuid + " (was the recorded state edited?)");
        }
        return d;
    }

    /**
     * Checks that {@code file} is the published file of {@code uuid}.
     *
     * @throws IllegalStateException if it is not
     */
    static Path checkMachineFile(Path file, String uuid) {
        Path f = file.toAbsolutePath().normalize();
        if (f.getFileName() == null || !f.getFileName().toString().equals(FILE_NAME) || f.getParent() == null) {
            throw new IllegalStateException("refusing to delete " + file + ": not a published "
                    + FILE_NAME + " (was the recorded state edited?)");
        }
        checkMachineDir(f.getParent(), uuid);
        return f;
    }

    private static String checked(String uuid) {
        if (!isSafeKey(uuid)) {
            throw new IllegalArgumentException("machine key \"" + uuid + "\" cannot name a directory");
        }
        return uuid;
    }
}
