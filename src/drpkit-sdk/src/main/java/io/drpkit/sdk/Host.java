package io.drpkit.sdk;

import io.drpkit.sdk.model.DrpError;
import io.drpkit.sdk.model.RawModel;
import java.util.List;

/**
 * Calls from the provider to the dr-provision host over the {@code listen} dial socket
 * (spec §4). Every call has a timeout; failures throw {@link PluginException} carrying the
 * host's error (or a 502 naming the transport failure). Thread-safe.
 *
 * @since 0.1
 */
public interface Host {
    /** Publishes an event ({@code POST .../publish}); {@code object} is serialized as JSON. */
    void publish(String type, String action, String key, Object object);

    /** Asks the host to shut this plugin down cleanly ({@code POST .../leaving}). */
    void leaving(DrpError reason);

    /** Objects of one of this provider's {@code StoreObjects} types ({@code GET .../objects/<prefix>}). */
    List<RawModel> listObjects(String prefix);
}
