package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.DrpApi;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One machine as the publish resources see it: its key, the Machine object (for the template),
 * how params are looked up, the DRP session and, when the environment has one, the file-server
 * layout. Destroy and status work from the recorded state, so they need only the key and the
 * session; a machine known only from its delete event has a JSON-null object and no params.
 * Immutable and thread-safe.
 */
record PublishTarget(String uuid, JsonNode machine, Function<String, Optional<JsonNode>> params,
                     DrpApi api, Optional<PublishLayout> layout) {
    PublishTarget {
        Objects.requireNonNull(uuid, "uuid == null");
        Objects.requireNonNull(machine, "machine == null");
        Objects.requireNonNull(params, "params == null");
        Objects.requireNonNull(api, "api == null");
        Objects.requireNonNull(layout, "layout == null");
    }

    /**
     * The layout, which creating needs.
     *
     * @throws IllegalStateException if the provider's environment has none
     */
    PublishLayout requireLayout() {
        return layout.orElseThrow(() -> new IllegalStateException(
                "RS_WEBROOT and RS_FILESERVER are needed to publish machine " + uuid));
    }

    @Override
    public String toString() {
        return "machine " + uuid;
    }
}
