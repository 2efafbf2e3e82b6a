/**
 * Jackson mapping of DRP's wire names. Not API; may change without notice.
 */
package io.drpkit.sdk.internal.json;
