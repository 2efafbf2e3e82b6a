package io.drpkit.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A throw-away self-signed EC certificate for {@code 127.0.0.1} and {@code localhost}, made with
 * the JDK's {@code keytool} (the JDK has no public API to issue certificates). Immutable and
 * thread-safe.
 *
 * <p>Generating one costs a JVM start (about a second), so {@link #shared()} makes it once per
 * JVM and every fake in that JVM serves the same certificate; it is never written anywhere but a
 * temporary directory that is deleted right after loading.
 */
final class TlsMaterial {
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private final SSLContext serverContext;
    private final X509Certificate certificate;

    private TlsMaterial(SSLContext serverContext, X509Certificate certificate) {
        this.serverContext = serverContext;
        this.certificate = certificate;
    }

    static TlsMaterial shared() {
        return Holder.INSTANCE;
    }

    /** The server side: key and certificate, for the HTTPS listener. */
    SSLContext serverContext() {
        return serverContext;
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** A trust manager that trusts exactly this certificate. */
    X509TrustManager trustManager() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("fake-drp", certificate);
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X509TrustManager from " + tmf.getAlgorithm());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust manager for the fake DRP certificate", e);
        }
    }

    /** The certificate in PEM form. */
    String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the fake DRP certificate", e);
        }
    }

    static TlsMaterial generate() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("drpkit-tls");
            Path store = dir.resolve("fake-drp.p12");
            char[] password = randomPassword();
            runKeytool(store, new String(password), dir);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password);
            }
            KeyManagerFactory kmf =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
            X509Certificate cert = (X509Certificate) ks.getCertificate("fake-drp");
            return new TlsMaterial(ctx, cert);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the fake DRP's TLS certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the fake DRP's TLS certificate", e);
        } finally {
            if (dir != null) {
                TempDirs.deleteQuietly(dir);
            }
        }
    }

    private static void runKeytool(Path store, String password, Path dir) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair",
                "-alias", "fake-drp", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost, O=drpkit test kit",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "7",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", password, "-keypass", password, "-noprompt");
        Path log = dir.resolve("keytool.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(keytool + " did not finish within "
                        + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + keytool, e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(keytool + " exited with " + p.exitValue() + ": "
                    + Files.readString(log).strip());
        }
    }

    private static char[] randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
    }

    private static final class Holder {
        static final TlsMaterial INSTANCE = generate();
    }
}
