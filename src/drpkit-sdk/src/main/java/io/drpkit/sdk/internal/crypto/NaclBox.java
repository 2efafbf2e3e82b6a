package io.drpkit.sdk.internal.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.KeyAgreement;

/**
 * NaCl's public-key authenticated encryption, {@code crypto_box} (curve25519-xsalsa20-poly1305),
 * byte-compatible with {@code golang.org/x/crypto/nacl/box}, which DRP's {@code SecureData} uses
 * (models/secureData.go): {@link #seal} returns the 16-byte Poly1305 tag followed by the
 * ciphertext, {@link #open} checks the tag before decrypting.
 *
 * <p>X25519 is the JDK's ({@code KeyAgreement "X25519"}, Java 11+); Salsa20 and Poly1305 are not
 * in the JDK and are implemented here from their specifications (no third-party crypto library
 * is used), checked against NaCl's published test vectors. These are for small values (params),
 * not bulk data: Poly1305 uses {@link BigInteger}. Stateless and thread-safe.
 */
public final class NaclBox {
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 24;
    public static final int OVERHEAD = 16;

    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574}; // "expand 32-byte k"
    private static final BigInteger P1305 = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.valueOf(5));
    private static final BigInteger CLAMP = new BigInteger("0ffffffc0ffffffc0ffffffc0fffffff", 16);
    private static final BigInteger MOD128 = BigInteger.ONE.shiftLeft(128);
    private static final SecureRandom RANDOM = new SecureRandom();

    private NaclBox() {
    }

    /** A curve25519 key pair: 32-byte public and private keys, as NaCl and Go store them. */
    public record KeyPair(byte[] publicKey, byte[] privateKey) {
        public KeyPair {
            publicKey = publicKey.clone();
            privateKey = privateKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        @Override
        public byte[] privateKey() {
            return privateKey.clone();
        }

        @Override
        public String toString() {
            return "KeyPair[private key hidden]";
        }
    }

    /** A fresh key pair from the system's secure random source ({@code box.GenerateKey}). */
    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
            java.security.KeyPair kp = g.generateKeyPair();
            byte[] priv = ((XECPrivateKey) kp.getPrivate()).getScalar()
                    .orElseThrow(() -> new IllegalStateException("the JDK's X25519 key has no raw scalar"));
            byte[] pub = littleEndian(((XECPublicKey) kp.getPublic()).getU(), KEY_BYTES);
            return new KeyPair(pub, priv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is not available in this JDK", e);
        }
    }

    /** {@code count} bytes from the system's secure random source (nonces). */
    public static byte[] randomBytes(int count) {
        byte[] b = new byte[count];
        RANDOM.nextBytes(b);
        return b;
    }

    /** {@code crypto_box}: the tag, then {@code message} encrypted for {@code theirPublic} by {@code ourPrivate}. */
    public static byte[] seal(byte[] message, byte[] nonce, byte[] theirPublic, byte[] ourPrivate) {
        Objects.requireNonNull(message, "message == null");
        byte[] k = beforeNm(theirPublic, ourPrivate);
        byte[] stream = xsalsa20(k, checkLength("nonce", nonce, NONCE_BYTES), 32 + message.length);
        byte[] c = new byte[message.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (byte) (message[i] ^ stream[32 + i]);
        }
        byte[] tag = poly1305(c, Arrays.copyOf(stream, 32));
        byte[] out = new byte[OVERHEAD + c.length];
        System.arraycopy(tag, 0, out, 0, OVERHEAD);
        System.arraycopy(c, 0, out, OVERHEAD, c.length);
        return out;
    }

    /** {@code crypto_box_open}: the message, or empty when the box was not sealed for this key pair or was changed. */
    public static Optional<byte[]> open(byte[] box, byte[] nonce, byte[] theirPublic, byte[] ourPrivate) {
        Objects.requireNonNull(box, "box == null");
        if (box.length < OVERHEAD) {
            return Optional.empty();
        }
        byte[] k = beforeNm(theirPublic, ourPrivate);
        int n = box.length - OVERHEAD;
        byte[] stream = xsalsa20(k, checkLength("nonce", nonce, NONCE_BYTES), 32 + n);
        byte[] c = Arrays.copyOfRange(box, OVERHEAD, box.length);
        byte[] tag = poly1305(c, Arrays.copyOf(stream, 32));
        if (!MessageDigest.isEqual(tag, Arrays.copyOf(box, OVERHEAD))) {
            return Optional.empty();
        }
        byte[] m = new byte[n];
        for (int i = 0; i < n; i++) {
            m[i] = (byte) (c[i] ^ stream[32 + i]);
        }
        return Optional.of(m);
    }

    /** {@code crypto_box_beforenm}: HSalsa20 of the X25519 shared secret. */
    static byte[] beforeNm(byte[] theirPublic, byte[] ourPrivate) {
        return hsalsa20(x25519(ourPrivate, theirPublic), new byte[16]);
    }

    /** Raw X25519: {@code scalar · point}, 32 bytes little-endian. */
    static byte[] x25519(byte[] scalar, byte[] point) {
        checkLength("private key", scalar, KEY_BYTES);
        checkLength("public key", point, KEY_BYTES);
        try {
            KeyFactory f = KeyFactory.getInstance("X25519");
            byte[] u = point.clone();
            u[31] &= 0x7f; // RFC 7748: the top bit of u is ignored
            XECPublicKey pub = (XECPublicKey) f.generatePublic(
                    new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, reverse(u))));
            KeyAgreement ka = KeyAgreement.getInstance("X25519");
            ka.init(f.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar.clone())));
            ka.doPhase(pub, true);
            return ka.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("X25519 failed: " + e.getMessage(), e);
        }
    }

    /** The public key of {@code privateKey} ({@code scalar · 9}). */
    public static byte[] publicKey(byte[] privateKey) {
        byte[] nine = new byte[KEY_BYTES];
        nine[0] = 9;
        return x25519(privateKey, nine);
    }

    // ------------------------------------------------------------------ Salsa20 family

    static byte[] hsalsa20(byte[] key, byte[] in16) {
        int[] x = state(key, in16);
        rounds(x);
        byte[] out = new byte[32];
        int[] pick = {0, 5, 10, 15, 6, 7, 8, 9};
        for (int i = 0; i < 8; i++) {
            putInt(out, 4 * i, x[pick[i]]);
        }
        return out;
    }

    /** The first {@code length} bytes of XSalsa20's key stream for {@code key} and a 24-byte nonce. */
    static byte[] xsalsa20(byte[] key, byte[] nonce, int length) {
        byte[] subKey = hsalsa20(key, Arrays.copyOf(nonce, 16));
        byte[] n8 = Arrays.copyOfRange(nonce, 16, 24);
        byte[] out = new byte[length];
        long counter = 0;
        for (int off = 0; off < length; off += 64, counter++) {
            byte[] in16 = new byte[16];
            System.arraycopy(n8, 0, in16, 0, 8);
            for (int i = 0; i < 8; i++) {
                in16[8 + i] = (byte) (counter >>> (8 * i));
            }
            int[] input = state(subKey, in16);
            int[] x = input.clone();
            rounds(x);
            byte[] block = new byte[64];
            for (int i = 0; i < 16; i++) {
                putInt(block, 4 * i, x[i] + input[i]);
            }
            System.arraycopy(block, 0, out, off, Math.min(64, length - off));
        }
        return out;
    }

    private static int[] state(byte[] key, byte[] in16) {
        checkLength("key", key, 32);
        int[] x = new int[16];
        x[0] = SIGMA[0];
        x[5] = SIGMA[1];
        x[10] = SIGMA[2];
        x[15] = SIGMA[3];
        for (int i = 0; i < 4; i++) {
            x[1 + i] = getInt(key, 4 * i);
            x[11 + i] = getInt(key, 16 + 4 * i);
            x[6 + i] = getInt(in16, 4 * i);
        }
        return x;
    }

    private static void rounds(int[] x) {
        for (int i = 0; i < 20; i += 2) {
            quarter(x, 0, 4, 8, 12);
            quarter(x, 5, 9, 13, 1);
            quarter(x, 10, 14, 2, 6);
            quarter(x, 15, 3, 7, 11);
            quarter(x, 0, 1, 2, 3);
            quarter(x, 5, 6, 7, 4);
            quarter(x, 10, 11, 8, 9);
            quarter(x, 15, 12, 13, 14);
        }
    }

    private static void quarter(int[] x, int a, int b, int c, int d) {
        x[b] ^= Integer.rotateLeft(x[a] + x[d], 7);
        x[c] ^= Integer.rotateLeft(x[b] + x[a], 9);
        x[d] ^= Integer.rotateLeft(x[c] + x[b], 13);
        x[a] ^= Integer.rotateLeft(x[d] + x[c], 18);
    }

    // ------------------------------------------------------------------ Poly1305

    static byte[] poly1305(byte[] message, byte[] key32) {
        BigInteger r = new BigInteger(1, reverse(Arrays.copyOf(key32, 16))).and(CLAMP);
        BigInteger s = new BigInteger(1, reverse(Arrays.copyOfRange(key32, 16, 32)));
        BigInteger acc = BigInteger.ZERO;
        for (int off = 0; off < message.length; off += 16) {
            int len = Math.min(16, message.length - off);
            byte[] chunk = new byte[len + 1];
            System.arraycopy(message, off, chunk, 0, len);
            chunk[len] = 1;
            acc = acc.add(new BigInteger(1, reverse(chunk))).multiply(r).mod(P1305);
        }
        return littleEndian(acc.add(s).mod(MOD128), 16);
    }

    // ------------------------------------------------------------------ bytes

    private static int getInt(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    private static byte[] littleEndian(BigInteger v, int length) {
        byte[] big = v.toByteArray(); // big-endian, maybe with a sign byte
        byte[] out = new byte[length];
        for (int i = 0; i < length && i < big.length; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    private static byte[] checkLength(String what, byte[] b, int length) {
        Objects.requireNonNull(b, what + " == null");
        if (b.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + b.length);
        }
        return b;
    }
}
