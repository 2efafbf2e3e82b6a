package io.drpkit.sdk.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.internal.runtime.Errors;
import io.drpkit.sdk.internal.runtime.Reply;
import io.drpkit.sdk.model.Action;
import io.drpkit.sdk.model.Event;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Body decoding (spec §3.2): {@code null} bytes mean an empty body (the handler gets the zero
 * value); JSON {@code null} also gives the zero value; anything undecodable is a 400 whose message
 * says why.
 */
final class Decoding {
    private static final Set<String> ACTION_FIELDS = Set.of("Model", "Plugin", "Command", "CommandSet", "Params");

    private Decoding() {
    }

    /** Either a decoded value or the 400 to answer. */
    record Result<T>(T value, Reply error) {
        Reply map(Function<T, Reply> ok, Function<Reply, Reply> failed) {
            return error != null ? failed.apply(error) : ok.apply(value);
        }
    }

    static Result<Map<String, JsonNode>> configBody(byte[] body) {
        if (body == null) {
            return new Result<>(null, null);
        }
        try {
            JsonNode tree = DrpJson.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                return fail("unexpected end of JSON input");
            }
            if (tree.isNull()) {
                return new Result<>(null, null);
            }
            if (!tree.isObject()) {
                return fail("expected a JSON object of params, got " + tree.getNodeType().toString().toLowerCase());
            }
            Map<String, JsonNode> params = new LinkedHashMap<>();
            tree.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue()));
            return new Result<>(params, null);
        } catch (IOException e) {
            return fail(shortMessage(e));
        }
    }

    static Result<Action> actionBody(byte[] body) {
        return decode(body, Action.class, new Action(null, null, null, null, null), Decoding::plainAction);
    }

    /**
     * The {@link Action} that the mapper's conversion would make, built directly when the object
     * has only the members under their exact names with plain types (what DRP sends); null for
     * anything else (other letter cases, unknown members, other types), which the mapper converts
     * as before. Saves the conversion's token buffer and bean machinery on every action.
     */
    private static Action plainAction(JsonNode tree) {
        var fields = tree.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!ACTION_FIELDS.contains(e.getKey())) {
                return null;
            }
            JsonNode v = e.getValue();
            boolean plain = switch (e.getKey()) {
                case "Model" -> true;
                case "Params" -> v.isObject() || v.isNull();
                default -> v.isTextual() || v.isNull();
            };
            if (!plain) {
                return null;
            }
        }
        Map<String, JsonNode> params = null;
        JsonNode p = tree.get("Params");
        if (p != null && p.isObject()) {
            params = new LinkedHashMap<>();
            var it = p.fields();
            while (it.hasNext()) {
                var e = it.next();
                params.put(e.getKey(), e.getValue());
            }
        }
        return new Action(tree.get("Model"), text(tree.get("Plugin")), text(tree.get("Command")),
                text(tree.get("CommandSet")), params);
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.textValue();
    }

    static Result<Event> eventBody(byte[] body) {
        return decode(body, Event.class, new Event(null, null, null, null, null, null, null), tree -> null);
    }

    private static <T> Result<T> decode(byte[] body, Class<T> type, T zero, Function<JsonNode, T> plain) {
        if (body == null) {
            return new Result<>(zero, null);
        }
        try {
            JsonNode tree = DrpJson.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                return fail("unexpected end of JSON input");
            }
            if (tree.isNull()) {
                return new Result<>(zero, null);
            }
            if (!tree.isObject()) {
                return fail("expected a JSON object, got " + tree.getNodeType().toString().toLowerCase());
            }
            T direct = plain.apply(tree);
            return new Result<>(direct != null ? direct : DrpJson.convert(tree, type), null);
        } catch (IOException | IllegalArgumentException e) {
            return fail(shortMessage(e));
        }
    }

    private static <T> Result<T> fail(String message) {
        return new Result<>(null, Errors.badRequest("POST", message));
    }

    private static String shortMessage(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int cut = m.indexOf("\n at [Source");
        return (cut > 0 ? m.substring(0, cut) : m).strip();
    }
}
