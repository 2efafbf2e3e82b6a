/**
 * NaCl's {@code crypto_box} for DRP's secure params (curve25519, xsalsa20, poly1305).
 *
 * <p>Not API; may change without notice.
 */
package io.drpkit.sdk.internal.crypto;
