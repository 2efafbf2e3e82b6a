package io.drpkit.sdk.content;

import io.drpkit.sdk.Unpacker;
import io.drpkit.sdk.internal.assets.AssetIndex;
import io.drpkit.sdk.internal.assets.AssetTreeWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The provider's assets: the files {@code unpack <dir>} writes, which DRP then serves under
 * {@code files/plugin_providers/<provider>/}. The build copies the project's {@code assets/}
 * directory onto the class path under {@value #DEFAULT_ROOT}: an {@code index} listing every
 * file and directory with its permission bits, and the bytes under {@code files/}.
 *
 * <p>The {@link Unpacker} returned here, for each call of {@link Unpacker#unpack(Path)}:
 * <ol>
 *   <li>reads and checks the whole index first, so a bad entry (an absolute path, a {@code ..}
 *       segment, a mode with more than permission bits) or a missing file fails before
 *       anything is written;</li>
 *   <li>creates the target directory and its parents (0755) if missing;</li>
 *   <li>creates the listed directories, refusing to go through a symbolic link or to replace a
 *       non-directory;</li>
 *   <li>writes each file under a temporary name in its own directory, applies the recorded
 *       mode (so scripts stay executable), and renames it over the final name atomically;</li>
 *   <li>applies the directory modes.</li>
 * </ol>
 * Existing files are overwritten and files not in the index are left alone, so unpacking twice
 * gives the same tree. On failure it throws {@link IOException} naming the entry (or the missing
 * index resource); files written before the failure stay.
 *
 * <p>Not instantiable. The unpackers are immutable and thread-safe, but two unpacks into the
 * same directory at the same time are not coordinated.
 *
 * @since 0.1
 */
public final class Assets {
    /** Where the build puts the assets on the class path. */
    public static final String DEFAULT_ROOT = "META-INF/drpkit/assets";

    private Assets() {
    }

    /** The assets the build bundled under {@value #DEFAULT_ROOT}, loaded by this SDK's class loader. */
    public static Unpacker fromClasspath() {
        return fromClasspath(DEFAULT_ROOT, Assets.class.getClassLoader());
    }

    /**
     * The assets under class path folder {@code root} (holding {@code index} and {@code files/}),
     * loaded by {@code loader}. Nothing is read until {@link Unpacker#unpack(Path)}.
     *
     * @throws IllegalArgumentException if {@code root} is blank or starts with {@code /}
     */
    public static Unpacker fromClasspath(String root, ClassLoader loader) {
        Objects.requireNonNull(root, "root == null");
        Objects.requireNonNull(loader, "loader == null");
        String trimmed = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        if (trimmed.isBlank() || trimmed.startsWith("/")) {
            throw new IllegalArgumentException("assets root must be a relative resource folder, got '" + root + "'");
        }
        return new ClasspathAssets(trimmed, loader);
    }

    private static final class ClasspathAssets implements Unpacker, AssetTreeWriter.Source {
        private final String root;
        private final ClassLoader loader;

        ClasspathAssets(String root, ClassLoader loader) {
            this.root = root;
            this.loader = loader;
        }

        @Override
        public void unpack(Path dir) throws IOException {
            Objects.requireNonNull(dir, "dir == null");
            String indexName = root + "/" + AssetIndex.INDEX;
            String text;
            try (InputStream in = loader.getResourceAsStream(indexName)) {
                if (in == null) {
                    throw new FileNotFoundException("assets index " + indexName
                            + " is not on the class path (did the build bundle assets/?)");
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            AssetTreeWriter.write(AssetIndex.parse(indexName, text), this, dir);
        }

        @Override
        public boolean exists(String path) {
            return loader.getResource(resource(path)) != null;
        }

        @Override
        public InputStream open(String path) throws IOException {
            InputStream in = loader.getResourceAsStream(resource(path));
            if (in == null) {
                throw new FileNotFoundException(describe(path) + " is missing");
            }
            return in;
        }

        @Override
        public String describe(String path) {
            return "class path resource " + resource(path);
        }

        private String resource(String path) {
            return root + "/" + AssetIndex.FILES + "/" + path;
        }

        @Override
        public String toString() {
            return "assets from class path " + root;
        }
    }
}
