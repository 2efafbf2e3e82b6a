/**
 * Params as declared (a DRP {@code Param} with a JSON Schema, draft 4), validated and defaulted
 * before any provider code runs: {@link io.drpkit.sdk.config.ParamSpec},
 * {@link io.drpkit.sdk.config.ParamValidator}, {@link io.drpkit.sdk.config.InvalidParamsException}.
 *
 * @since 0.1
 */
package io.drpkit.sdk.config;
