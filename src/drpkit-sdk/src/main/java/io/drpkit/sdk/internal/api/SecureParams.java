package io.drpkit.sdk.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.internal.crypto.NaclBox;
import io.drpkit.sdk.model.DrpError;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * DRP's {@code SecureData} (models/secureData.go): {@code {"Key": <32-byte ephemeral public key>,
 * "Nonce": <24 bytes>, "Payload": <box>}}, each base64 as Go encodes {@code []byte}. The payload
 * is the NaCl box of the value's JSON for the object's public key. Stateless.
 */
public final class SecureParams {
    /** The claim DRP requires for a {@code decode=true} read (its {@code getSecure} action). */
    public static final String GET_SECURE = "getSecure";

    private SecureParams() {
    }

    /**
     * What {@code SecureData.Marshal(pubkey, value)} makes: a fresh ephemeral key pair and nonce,
     * {@code json} sealed for {@code pubkeyJson} (the answer of {@code GET <object>/pubkey}).
     *
     * @throws PluginException 502 naming {@code object} when the key is not 32 bytes of base64
     */
    public static ObjectNode seal(String object, JsonNode pubkeyJson, byte[] json) {
        byte[] peer = publicKey(object, pubkeyJson);
        NaclBox.KeyPair ephemeral = NaclBox.generateKeyPair();
        byte[] nonce = NaclBox.randomBytes(NaclBox.NONCE_BYTES);
        byte[] payload = NaclBox.seal(json, nonce, peer, ephemeral.privateKey());
        return secureData(ephemeral.publicKey(), nonce, payload);
    }

    /** A {@code SecureData} object with the given parts. */
    public static ObjectNode secureData(byte[] key, byte[] nonce, byte[] payload) {
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode sd = JsonNodeFactory.instance.objectNode();
        sd.put("Key", b64.encodeToString(key));
        sd.put("Nonce", b64.encodeToString(nonce));
        sd.put("Payload", b64.encodeToString(payload));
        return sd;
    }

    /**
     * Whether {@code value} is a well-formed {@code SecureData} ({@code Validate()}: a 32-byte
     * {@code Key}, a 24-byte {@code Nonce}, a {@code Payload} of at least the box overhead).
     */
    public static boolean isSecureData(JsonNode value) {
        return parts(value).isPresent();
    }

    /**
     * {@code SecureData.Open(privateKey)}: the JSON text sealed in {@code value}, or empty when
     * {@code value} is not a SecureData or was not sealed for {@code privateKey} (DRP's
     * {@code Corrupt}).
     */
    public static Optional<byte[]> open(JsonNode value, byte[] privateKey) {
        return parts(value).flatMap(p -> NaclBox.open(p[2], p[1], p[0], privateKey));
    }

    /**
     * What a {@code decode=true} read of {@code what} throws for {@code e}: a 403 (DRP refuses to
     * decrypt for a token without the {@value #GET_SECURE} claim) becomes a 403 whose first message
     * names the read and the missing claim, DRP's own messages following; anything else is
     * {@code e} itself. DRP's answer carries no param value, so neither does this.
     */
    public static PluginException decodeFailure(PluginException e, String what) {
        if (e.error().code() != 403) {
            return e;
        }
        DrpError drp = e.error();
        return new PluginException(DrpError.builder(403, drp.type()).model(drp.model()).key(drp.key())
                .message("GET " + what + " with decode=true: DRP answered 403 Forbidden; reading secure params"
                        + " decrypted needs the " + GET_SECURE + " claim, which this token (RS_TOKEN) lacks")
                .messages(drp.messages()).build(), e);
    }

    private static Optional<byte[][]> parts(JsonNode value) {
        if (value == null || !value.isObject() || value.size() != 3) {
            return Optional.empty();
        }
        try {
            byte[] key = bytes(value, "Key");
            byte[] nonce = bytes(value, "Nonce");
            byte[] payload = bytes(value, "Payload");
            if (key.length != NaclBox.KEY_BYTES || nonce.length != NaclBox.NONCE_BYTES || payload.length < NaclBox.OVERHEAD) {
                return Optional.empty();
            }
            return Optional.of(new byte[][] {key, nonce, payload});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(JsonNode value, String member) {
        JsonNode v = value.get(member);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(member + " missing");
        }
        return Base64.getDecoder().decode(v.textValue());
    }

    private static byte[] publicKey(String object, JsonNode pubkeyJson) {
        Objects.requireNonNull(pubkeyJson, "pubkeyJson == null");
        try {
            if (pubkeyJson.isTextual()) {
                byte[] key = Base64.getDecoder().decode(pubkeyJson.textValue());
                if (key.length == NaclBox.KEY_BYTES) {
                    return key;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new PluginException(DrpError.of(502, "CLIENT_ERROR",
                "GET " + object + "/pubkey: expected 32 bytes of base64 (a curve25519 public key), got a "
                        + pubkeyJson.getNodeType().name().toLowerCase() + " of " + pubkeyJson.toString().length() + " characters"));
    }
}
