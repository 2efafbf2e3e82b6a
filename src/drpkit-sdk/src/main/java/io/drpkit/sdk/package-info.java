/**
 * The drpkit SDK: everything a provider author uses. Start with {@link io.drpkit.sdk.Provider},
 * {@link io.drpkit.sdk.ProviderDefinition} and {@link io.drpkit.sdk.ProviderApp}.
 *
 * @since 0.1
 */
package io.drpkit.sdk;
