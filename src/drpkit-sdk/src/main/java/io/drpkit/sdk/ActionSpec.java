package io.drpkit.sdk;

import io.drpkit.sdk.model.AvailableAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The declaration of one action (DRP's {@code AvailableAction}): the model it applies to
 * ({@code machines}, {@code plugins}, ... or empty for a system-level action), its command and
 * its params. Immutable and thread-safe.
 *
 * <pre>{@code
 * ActionSpec spec = ActionSpec.builder("machines", "increment")
 *     .optionalParams("incrementer/step", "incrementer/parameter")
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class ActionSpec {
    private final String model;
    private final String command;
    private final List<String> requiredParams;
    private final List<String> optionalParams;

    private ActionSpec(Builder b) {
        this.model = b.model;
        this.command = b.command;
        this.requiredParams = List.copyOf(b.required);
        this.optionalParams = List.copyOf(b.optional);
    }

    /** Starts an action on objects of {@code model}; use {@code ""} for a system-level action. */
    public static Builder builder(String model, String command) {
        return new Builder(model, command);
    }

    /** Starts a system-level action. */
    public static Builder system(String command) {
        return new Builder("", command);
    }

    public String model() {
        return model;
    }

    public String command() {
        return command;
    }

    public List<String> requiredParams() {
        return requiredParams;
    }

    public List<String> optionalParams() {
        return optionalParams;
    }

    public boolean isSystemLevel() {
        return model.isEmpty();
    }

    /** The wire form, with {@code Provider} left empty as the Go SDK prints it. */
    public AvailableAction toAvailableAction() {
        return new AvailableAction("", model, command, requiredParams, optionalParams);
    }

    @Override
    public String toString() {
        return (model.isEmpty() ? "system" : model) + ":" + command;
    }

    /** Builds an {@link ActionSpec}. Not thread-safe. */
    public static final class Builder {
        private final String model;
        private final String command;
        private final List<String> required = new ArrayList<>();
        private final List<String> optional = new ArrayList<>();

        private Builder(String model, String command) {
            this.model = Objects.requireNonNull(model, "model == null");
            this.command = Objects.requireNonNull(command, "command == null");
        }

        public Builder requiredParams(String... names) {
            required.addAll(Arrays.asList(names));
            return this;
        }

        public Builder optionalParams(String... names) {
            optional.addAll(Arrays.asList(names));
            return this;
        }

        /**
         * @throws IllegalArgumentException if the command is blank or has white space, a param
         *     name is blank, or a param is listed twice
         */
        public ActionSpec build() {
            if (command.isBlank()) {
                throw new IllegalArgumentException("action command is blank");
            }
            if (!command.equals(command.strip()) || command.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("action command \"" + command + "\" contains white space");
            }
            if (!model.equals(model.strip())) {
                throw new IllegalArgumentException("action " + command + ": model \"" + model + "\" has surrounding white space");
            }
            List<String> problems = ParamLists.problems("action " + command + ": ", "param", required, optional);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(problems.get(0));
            }
            return new ActionSpec(this);
        }
    }
}
