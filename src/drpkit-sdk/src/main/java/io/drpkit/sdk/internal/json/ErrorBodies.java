package io.drpkit.sdk.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.model.DrpError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reading the body of an HTTP error answer (status ≥ 400) from DRP or the host. Stateless;
 * thread-safe.
 */
public final class ErrorBodies {
    /** How much of a body that is not a DRP {@code Error} an error message quotes. */
    public static final int SNIPPET_CHARS = 2048;

    private static final Set<String> ERROR_MEMBERS = Set.of("model", "key", "type", "messages", "code");

    private ErrorBodies() {
    }

    /**
     * The DRP {@code Error} in {@code body}, if it is one: a JSON object with at least one of the
     * members {@code Model, Key, Type, Messages, Code} (any letter case) that decodes as an
     * {@code Error}. A missing or zero {@code Code} is replaced by {@code status}, so the error
     * always carries a usable HTTP status.
     */
    public static Optional<DrpError> decode(byte[] body, int status) {
        JsonNode tree;
        try {
            tree = DrpJson.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (tree == null || !tree.isObject() || !hasErrorMember(tree)) {
            return Optional.empty();
        }
        DrpError error;
        try {
            error = DrpJson.convert(tree, DrpError.class);
        } catch (IllegalArgumentException e) {
            return Optional.empty();  // e.g. "Messages": 5 — not an Error after all
        }
        if (error.code() == 0) {
            error = withCode(error, status);
        }
        return Optional.of(error);
    }

    /**
     * The body as text for an error message: UTF-8 (malformed bytes replaced), at most
     * {@link #SNIPPET_CHARS} characters, with a note of the full size when cut.
     */
    public static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.length() <= SNIPPET_CHARS) {
            return text;
        }
        return text.substring(0, SNIPPET_CHARS) + "... (truncated, " + body.length + " bytes)";
    }

    private static boolean hasErrorMember(JsonNode object) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (ERROR_MEMBERS.contains(names.next().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static DrpError withCode(DrpError e, int code) {
        return DrpError.builder(code, e.type()).model(e.model()).key(e.key())
                .messages(e.messages()).build();
    }
}
