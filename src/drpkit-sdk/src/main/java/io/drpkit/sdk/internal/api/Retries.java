package io.drpkit.sdk.internal.api;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** What the retry loop of {@link HttpDrpApi} needs besides the loop itself. */
final class Retries {
    private Retries() {
    }

    /**
     * Whether {@code failure} may go away by itself (refused, reset, timed out, name lookup).
     * A certificate the session does not trust will be the same certificate next time.
     */
    static boolean retryable(IOException failure) {
        if (failure instanceof SSLPeerUnverifiedException) {
            return false;
        }
        if (failure instanceof SSLHandshakeException) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof CertificateException) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Sleeps; false (interrupt flag kept) when interrupted. */
    static boolean sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The reason phrase for answers that carry none (HTTP/2 has no reason phrase). */
    static String reasonPhrase(int code) {
        return switch (code) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 422 -> "Unprocessable Entity";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + code;
        };
    }
}
