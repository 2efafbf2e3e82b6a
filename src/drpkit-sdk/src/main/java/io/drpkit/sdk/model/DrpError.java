package io.drpkit.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.drpkit.sdk.internal.json.EmptyAsNull;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * DRP's {@code models.Error} (spec §5.2): the one error shape on the wire. {@code Messages}
 * is written as {@code null} when empty, as DRP does. Immutable and thread-safe.
 *
 * <pre>{@code
 * DrpError e = DrpError.builder(404, "plugin").model("plugin").key("runbook")
 *     .message("Unknown command: explode").build();
 * }</pre>
 *
 * @since 0.1
 */
@JsonPropertyOrder({"Model", "Key", "Type", "Messages", "Code"})
public final class DrpError {
    private final String model;
    private final String key;
    private final String type;
    private final List<String> messages;
    private final int code;

    @JsonCreator
    DrpError(@JsonProperty("Model") String model, @JsonProperty("Key") String key,
             @JsonProperty("Type") String type, @JsonProperty("Messages") List<String> messages,
             @JsonProperty("Code") int code) {
        this.model = model == null ? "" : model;
        this.key = key == null ? "" : key;
        this.type = type == null ? "" : type;
        this.messages = messages == null ? List.of() : messages.stream()
                .map(m -> m == null ? "" : m).toList();
        this.code = code;
    }

    /** An error with {@code code}, {@code type} and the given messages (Model and Key empty). */
    public static DrpError of(int code, String type, String... messages) {
        return builder(code, type).messages(Arrays.asList(messages)).build();
    }

    public static Builder builder(int code, String type) {
        return new Builder(code, type);
    }

    /** The success body every route answers with: Code 200 and nothing else. */
    public static DrpError ok() {
        return new DrpError("", "", "", List.of(), 200);
    }

    @JsonProperty("Model")
    public String model() {
        return model;
    }

    @JsonProperty("Key")
    public String key() {
        return key;
    }

    @JsonProperty("Type")
    public String type() {
        return type;
    }

    @JsonProperty("Messages")
    @JsonSerialize(using = EmptyAsNull.class)
    public List<String> messages() {
        return messages;
    }

    /** The HTTP status to use; may be anything a provider set, including invalid values. */
    @JsonProperty("Code")
    public int code() {
        return code;
    }

    public Builder toBuilder() {
        return new Builder(code, type).model(model).key(key).messages(messages);
    }

    /**
     * DRP's string form (spec §5.2): {@code Type: Model/Key: message}, or the messages on
     * indented lines when there are several.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(type);
        if (!key.isEmpty()) {
            s.append(": ").append(model.isEmpty() ? key : model + "/" + key);
        } else if (!model.isEmpty()) {
            s.append(": ").append(model);
        }
        if (messages.size() == 1) {
            s.append(": ").append(messages.get(0));
        } else if (messages.size() > 1) {
            s.append("\n  ").append(String.join("\n  ", messages));
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DrpError e && code == e.code && model.equals(e.model)
                && key.equals(e.key) && type.equals(e.type) && messages.equals(e.messages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, key, type, messages, code);
    }

    /** Builds a {@link DrpError}. Not thread-safe. */
    public static final class Builder {
        private final int code;
        private final String type;
        private String model = "";
        private String key = "";
        private final List<String> messages = new ArrayList<>();

        private Builder(int code, String type) {
            this.code = code;
            this.type = Objects.requireNonNull(type, "type == null");
        }

        public Builder model(String model) {
            this.model = Objects.requireNonNull(model, "model == null");
            return this;
        }

        public Builder key(String key) {
            this.key = Objects.requireNonNull(key, "key == null");
            return this;
        }

        public Builder message(String message) {
            messages.add(Objects.requireNonNull(message, "message == null"));
            return this;
        }

        public Builder messages(List<String> messages) {
            messages.forEach(this::message);
            return this;
        }

        public DrpError build() {
            return new DrpError(model, key, type, List.copyOf(messages), code);
        }
    }
}
