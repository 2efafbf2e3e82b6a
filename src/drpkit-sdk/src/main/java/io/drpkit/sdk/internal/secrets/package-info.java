/**
 * The secret values a provider process knows (its {@code /config}'s and actions' secure params,
 * values it decoded or sealed through the DRP API) and the masking of them in every line and
 * error the SDK writes.
 *
 * <p>Not API; may change without notice.
 */
package io.drpkit.sdk.internal.secrets;
