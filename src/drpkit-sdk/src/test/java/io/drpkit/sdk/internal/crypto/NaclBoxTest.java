package io.drpkit.sdk.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@link NaclBox} against the test vectors of NaCl's {@code tests/box.c} and {@code tests/onetimeauth.c}. */
class NaclBoxTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ALICE_SK = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] ALICE_PK = HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] BOB_SK = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    private static final byte[] BOB_PK = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final byte[] NONCE = HEX.parseHex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    private static final byte[] MESSAGE = HEX.parseHex(
            "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c6129"
            + "6cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
            + "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937763848645e0705");
    private static final byte[] CIPHERTEXT = HEX.parseHex(
            "8e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c972"
            + "71d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae90224368517acfeabd6bb3732bc0e9da"
            + "99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74e355a5");
    private static final byte[] TAG = HEX.parseHex("f3ffc7703f9400e52a7dfb4b3d3305d9");

    @Test
    void publicKeysAndTheSharedKeyMatchNacl() {
        assertThat(NaclBox.publicKey(ALICE_SK)).isEqualTo(ALICE_PK);
        assertThat(NaclBox.publicKey(BOB_SK)).isEqualTo(BOB_PK);
        byte[] k = HEX.parseHex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
        assertThat(NaclBox.beforeNm(BOB_PK, ALICE_SK)).isEqualTo(k);
        assertThat(NaclBox.beforeNm(ALICE_PK, BOB_SK)).isEqualTo(k);
    }

    @Test
    void poly1305MatchesNaclsOnetimeauthVector() {
        byte[] key = HEX.parseHex("eea6a7251c1e72916d11c2cb214d3c252539121d8e234e652d651fa4c8cff880");
        assertThat(NaclBox.poly1305(CIPHERTEXT, key)).isEqualTo(TAG);
    }

    @Test
    void sealMatchesNaclsBoxVectorAndOpenReversesIt() {
        byte[] box = NaclBox.seal(MESSAGE, NONCE, BOB_PK, ALICE_SK);
        assertThat(box).hasSize(16 + 131);
        assertThat(java.util.Arrays.copyOf(box, 16)).isEqualTo(TAG);
        assertThat(java.util.Arrays.copyOfRange(box, 16, box.length)).isEqualTo(CIPHERTEXT);
        assertThat(NaclBox.open(box, NONCE, ALICE_PK, BOB_SK)).hasValueSatisfying(m -> assertThat(m).isEqualTo(MESSAGE));
    }

    @Test
    void aChangedBoxNonceOrKeyDoesNotOpen() {
        NaclBox.KeyPair bob = NaclBox.generateKeyPair();
        NaclBox.KeyPair eph = NaclBox.generateKeyPair();
        byte[] nonce = NaclBox.randomBytes(24);
        byte[] box = NaclBox.seal("\"s3cret\"".getBytes(StandardCharsets.UTF_8), nonce, bob.publicKey(), eph.privateKey());
        assertThat(NaclBox.open(box, nonce, eph.publicKey(), bob.privateKey()))
                .hasValueSatisfying(m -> assertThat(new String(m, StandardCharsets.UTF_8)).isEqualTo("\"s3cret\""));
        byte[] flipped = box.clone();
        flipped[20] ^= 1;
        assertThat(NaclBox.open(flipped, nonce, eph.publicKey(), bob.privateKey())).isEmpty();
        byte[] otherNonce = nonce.clone();
        otherNonce[0] ^= (byte) 0xff;
        assertThat(NaclBox.open(box, otherNonce, eph.publicKey(), bob.privateKey())).isEmpty();
        assertThat(NaclBox.open(box, nonce, NaclBox.generateKeyPair().publicKey(), bob.privateKey())).isEmpty();
        assertThat(NaclBox.open(new byte[10], nonce, eph.publicKey(), bob.privateKey())).isEmpty();
    }

    @Test
    void longMessagesSpanSeveralStreamBlocks() {
        NaclBox.KeyPair a = NaclBox.generateKeyPair();
        NaclBox.KeyPair b = NaclBox.generateKeyPair();
        byte[] m = NaclBox.randomBytes(1000);
        byte[] nonce = NaclBox.randomBytes(24);
        byte[] box = NaclBox.seal(m, nonce, b.publicKey(), a.privateKey());
        assertThat(NaclBox.open(box, nonce, a.publicKey(), b.privateKey())).hasValueSatisfying(x -> assertThat(x).isEqualTo(m));
    }
}
