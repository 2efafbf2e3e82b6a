package io.drpkit.sdk;

/**
 * What a provider author implements: the definition and what to do when the plugin instance
 * is configured. Run it with {@link ProviderApp#run(Provider, String[])}.
 *
 * <p>{@link #definition()} is called once per process, also for {@code define}; keep it cheap
 * and free of I/O. {@link #configure(Config)} is called on each {@code /config} whose params
 * passed validation; if it throws, the previous configuration stays in force.
 *
 * @since 0.1
 */
public interface Provider {
    ProviderDefinition definition();

    /**
     * Applies a new configuration. Called on a request thread, never concurrently with itself.
     * Throw {@link PluginException} to refuse it (DRP shows the error on the plugin).
     */
    default void configure(Config config) throws Exception {
    }
}
