/**
 * The test kit: a faithful fake of the dr-provision host and a launcher that runs a provider
 * executable exactly as dr-provision does.
 *
 * <ul>
 *   <li>{@link io.drpkit.testkit.FakeDrp} plays the host: the Unix socket a provider dials
 *       (spec §4), DRP's REST API over HTTPS (spec §2.2), the event websocket (spec §7) and a
 *       static file server. It follows the protocol specification, not drpkit's own provider
 *       code, and records everything it is sent.</li>
 *   <li>{@link io.drpkit.testkit.ProviderProcess} runs {@code define}, {@code unpack} and
 *       {@code listen} with the host's environment, scratch directory and socket arguments
 *       (spec §1, §2, Appendix A) and speaks to the provider's socket as the host does (spec §3).</li>
 * </ul>
 *
 * @since 0.1
 */
package io.drpkit.testkit;
