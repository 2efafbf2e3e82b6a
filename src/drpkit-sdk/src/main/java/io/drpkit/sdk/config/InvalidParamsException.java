package io.drpkit.sdk.config;

import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.model.DrpError;
import java.util.List;
import java.util.Objects;

/**
 * Params failed validation: one message per problem, all problems at once. The DRP error has
 * Type {@code ValidationError}; its Code is 400 for a configuration and 422 for an action.
 * Immutable once thrown; safe to share between threads.
 *
 * @since 0.1
 */
public final class InvalidParamsException extends PluginException {
    private static final long serialVersionUID = 1L;
    private final transient List<ValidationError> errors;

    public InvalidParamsException(int code, String model, String key, List<ValidationError> errors) {
        super(DrpError.builder(code, "ValidationError").model(model).key(key)
                .messages(Objects.requireNonNull(errors, "errors == null").stream()
                        .map(ValidationError::message).toList())
                .build());
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an InvalidParamsException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
