package io.drpkit.sdk.internal.runtime;

import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.DrpError;
import java.util.List;

/**
 * The one mapping from failures to DRP {@code Error} answers (spec §3, Part A.7).
 */
public final class Errors {
    private Errors() {
    }

    /** A status DRP can carry: 100–599, anything else becomes 500 (the Go SDK panics instead). */
    public static int httpStatus(int code) {
        return code >= 100 && code <= 599 ? code : 500;
    }

    /**
     * The error for anything a handler threw: a {@link PluginException}'s own error, otherwise a
     * 500 whose message names the exception (its stack trace belongs in the log).
     */
    public static DrpError of(Throwable t, String method, String path) {
        if (t instanceof PluginException pe) {
            return pe.error();
        }
        String text = t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return DrpError.builder(500, method).key(path).message("Exception in provider: " + text).build();
    }

    /**
     * A raw error as an answer ({@code /action}): status from its code (invalid → 500), body
     * unchanged except an invalid code, which becomes 500 with the messages kept.
     */
    public static Reply raw(DrpError e) {
        int status = httpStatus(e.code());
        if (status == e.code()) {
            return new Reply(status, e);
        }
        return new Reply(status, DrpError.builder(status, e.type()).model(e.model()).key(e.key())
                .message("invalid error code " + e.code() + " from provider, answered as " + status)
                .messages(e.messages()).build());
    }

    /**
     * The wrapped form of {@code /config} and {@code /publish} (spec §3.4 step 4): the only
     * message is the JSON text of the provider's error.
     */
    public static Reply wrapped(DrpError e) {
        int status = httpStatus(e.code());
        return new Reply(status, DrpError.builder(status, "").messages(List.of(DrpJson.write(e))).build());
    }

    /** The 404 for unknown paths and non-POST methods (spec §3.1). */
    public static Reply notFound(String method, String path) {
        return new Reply(404, DrpError.builder(404, method).key(path).build());
    }

    /** A decoding failure (spec §3.2): Type is the method. */
    public static Reply badRequest(String method, String message) {
        return new Reply(400, DrpError.builder(400, method).message(message).build());
    }
}
