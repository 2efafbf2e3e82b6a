package io.drpkit.sdk;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the provider's assets into {@code dir} for {@code unpack <dir>}; DRP serves them under
 * {@code files/plugin_providers/<name>/}. The directory exists when this is called. A second
 * unpack must produce the same tree. Called once, on the main thread of the {@code unpack}
 * process. See {@link io.drpkit.sdk.content.Assets#fromClasspath} for the default.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Unpacker {
    void unpack(Path dir) throws IOException;
}
