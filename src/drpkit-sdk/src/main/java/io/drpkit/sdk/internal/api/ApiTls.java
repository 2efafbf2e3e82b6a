package io.drpkit.sdk.internal.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * TLS for the DRP session. DRP serves its API with a self-signed certificate it generates, and
 * the Go SDK never verifies it (spec §2.2); that stays the default. Given a CA file, verification
 * (chain and host name) is done against exactly the certificates in that file.
 */
final class ApiTls {
    private ApiTls() {
    }

    /** Configures {@code builder} for {@code caFile}, or for no verification when empty. */
    static void configure(OkHttpClient.Builder builder, Optional<Path> caFile) {
        X509TrustManager trust = caFile.map(ApiTls::trustingOnly).orElseGet(TrustAll::new);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, new SecureRandom());
            builder.sslSocketFactory(context.getSocketFactory(), trust);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e, e);
        }
        if (caFile.isEmpty()) {
            // The certificate is not checked, so its name cannot be either.
            builder.hostnameVerifier((host, session) -> true);
        }
    }

    /**
     * A trust manager for the PEM certificates in {@code pemFile}.
     *
     * @throws IllegalArgumentException naming the file if it cannot be read or holds no
     *                                  certificate
     */
    static X509TrustManager trustingOnly(Path pemFile) {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("CA file " + pemFile + ": cannot read certificates: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("CA file " + pemFile + ": expected PEM certificates, found none");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X509TrustManager from " + factory.getAlgorithm());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("CA file " + pemFile + ": " + e.getMessage(), e);
        }
    }

    /** Accepts any server certificate: what DRP's own clients do with its self-signed one. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // never used: we are the client
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // deliberately accepts everything (spec §2.2)
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
