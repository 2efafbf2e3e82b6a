package io.drpkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.api.SecureParams;
import io.drpkit.sdk.internal.crypto.NaclBox;
import io.drpkit.sdk.internal.json.DrpJson;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fake's side of DRP's secure params: one curve25519 key pair per object (made when first
 * needed), whose public half {@code GET <prefix>/<key>/pubkey} answers as base64 (Go's JSON of
 * {@code []byte}). A value written to a param whose Param definition says {@code Secure: true}
 * is stored as a {@code SecureData}: as given when it already is one, else sealed here ("the
 * secure parameter will be encrypted if not already presented as an encrypted object", DRP's
 * secure-param architecture). {@code ?decode=true} opens them. Not thread-safe: the store's lock
 * guards it.
 */
final class SecureParamKeys {
    private final Map<String, NaclBox.KeyPair> keys = new LinkedHashMap<>();

    /** The object's public key, as DRP's {@code pubkey} route answers it. */
    String publicKeyBase64(String prefix, String key) {
        return Base64.getEncoder().encodeToString(pair(prefix, key).publicKey());
    }

    /** {@code value} as DRP stores it for a secure param of {@code prefix/key}. */
    JsonNode stored(String prefix, String key, JsonNode value) {
        if (value == null || value.isNull() || SecureParams.isSecureData(value)) {
            return value;
        }
        return SecureParams.seal(prefix + "/" + key, DrpJson.toTree(publicKeyBase64(prefix, key)), DrpJson.writeBytes(value));
    }

    /** A stored value decrypted with the object's key; as stored when it is not a SecureData. */
    Optional<JsonNode> decoded(String prefix, String key, JsonNode value) {
        if (!SecureParams.isSecureData(value)) {
            return Optional.of(value);
        }
        Optional<byte[]> plain = SecureParams.open(value, pair(prefix, key).privateKey());
        if (plain.isEmpty()) {
            return Optional.empty(); // DRP: SecureData corrupted
        }
        try {
            return Optional.of(DrpJson.readTree(plain.get()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void forget(String prefix, String key) {
        keys.remove(prefix + "/" + key);
    }

    private NaclBox.KeyPair pair(String prefix, String key) {
        return keys.computeIfAbsent(prefix + "/" + key, k -> NaclBox.generateKeyPair());
    }
}
