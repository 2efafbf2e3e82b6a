package io.drpkit.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.ActionRequest;
import io.drpkit.sdk.DrpApi;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.model.DrpError;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The Go SDK's classic example, ported with the same params and answers so the two can be
 * compared side by side: {@code increment} adds {@code incrementer/step} to the machine param
 * named by {@code incrementer/parameter} and counts the call in {@code incrementer/touched};
 * {@code reset_count} removes {@code incrementer/touched}; {@code incrstatus} answers
 * {@code "Running"}. Stateless apart from DRP; thread-safe.
 */
final class Incrementer {
    static final String STEP = "incrementer/step";
    static final String PARAMETER = "incrementer/parameter";
    static final String TOUCHED = "incrementer/touched";
    /** What the Go example increments when {@code incrementer/parameter} is absent. */
    static final String DEFAULT_PARAMETER = "incrementer/default";

    private final String provider;

    Incrementer(String provider) {
        this.provider = provider;
    }

    /** Returns the parameter's new value. */
    Object increment(ActionRequest request) {
        String uuid = machineUuid(request);
        String parameter = request.params().optionalString(PARAMETER).orElse(DEFAULT_PARAMETER);
        long step = request.params().optionalInteger(STEP).orElse(1L);
        LoggerFactory.getLogger(Incrementer.class).info("Action: increment {} on machine {} by {}",
                parameter, uuid, step);
        long value = add(request.api(), uuid, parameter, step);
        add(request.api(), uuid, TOUCHED, 1);
        return value;
    }

    Object resetCount(ActionRequest request) {
        String uuid = machineUuid(request);
        try {
            request.api().deleteParam("machines", uuid, TOUCHED);
        } catch (PluginException e) {
            throw failure(400, e.error().messages());
        }
        return "Success";
    }

    Object status(ActionRequest request) {
        return "Running";
    }

    private long add(DrpApi api, String uuid, String parameter, long step) {
        try {
            Optional<JsonNode> current = api.param("machines", uuid, parameter, false);
            long value = step;
            if (current.isPresent()) {
                JsonNode v = current.get();
                if (!v.isNumber() || (!v.isIntegralNumber() && v.doubleValue() != Math.rint(v.doubleValue()))) {
                    throw failure(409, java.util.List.of("machine " + uuid + " param " + parameter
                            + ": expected an integer to increment, found " + v));
                }
                value += v.longValue();
            }
            api.setParam("machines", uuid, parameter, value);
            return value;
        } catch (PluginException e) {
            if (e.error().type().equals("plugin") && e.error().key().equals(provider)) {
                throw e;
            }
            throw failure(400, e.error().messages());
        }
    }

    /** The Go example answers 409 when the target does not decode as a machine. */
    private String machineUuid(ActionRequest request) {
        JsonNode model = request.model();
        JsonNode uuid = model.get("Uuid");
        if (!model.isObject() || uuid == null || !uuid.isTextual() || uuid.textValue().isBlank()) {
            throw failure(409, java.util.List.of("action " + request.command()
                    + ": the target is not a machine (expected an object with a Uuid), got "
                    + abbreviate(model.toString())));
        }
        return uuid.textValue();
    }

    private PluginException failure(int code, java.util.List<String> messages) {
        return new PluginException(DrpError.builder(code, "plugin").model("plugin").key(provider)
                .messages(messages).build());
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
