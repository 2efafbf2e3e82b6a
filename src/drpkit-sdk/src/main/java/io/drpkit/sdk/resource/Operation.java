package io.drpkit.sdk.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.json.DrpJson;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What one manager operation on one target works with: the target, its journal and the
 * declared resources. States always pass through their recorded JSON, so a callback sees exactly
 * what a fresh process would see after reloading the store.
 */
final class Operation {
    final String key;
    final Object target;
    final Journal journal;
    final Map<String, Resource<?>> resources;
    final Clock clock;
    final OperationContext context;
    /** Set when an interrupt was seen (and cleared, so our own I/O works); restored at the end. */
    private boolean interrupted;

    Operation(String key, Object target, Journal journal, Map<String, Resource<?>> resources,
              Clock clock, OperationContext context) {
        this.key = key;
        this.context = context;
        this.target = target;
        this.journal = journal;
        this.resources = resources;
        this.clock = clock;
    }

    /**
     * Clears and remembers a pending interrupt, or one a callback reported by throwing
     * {@link InterruptedException}. Returns whether the operation has been interrupted so far.
     */
    boolean noteInterrupt(Throwable thrown) {
        if (Thread.interrupted() || thrown instanceof InterruptedException) {
            interrupted = true;
        }
        return interrupted;
    }

    /** Hands a remembered interrupt back to the caller's thread. */
    void restoreInterrupt() {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The recorded state of {@code name}, read by {@code reader}, which must require it. */
    <R> Optional<R> dependency(Resource<?> reader, String name, Class<R> type) {
        if (!reader.requires().contains(name)) {
            throw new IllegalStateException("resource \"" + reader.name() + "\" reads the state of \""
                    + name + "\" but does not declare requires(\"" + name + "\")");
        }
        Resource<?> dependency = resources.get(name);
        if (!type.isAssignableFrom(dependency.stateClass())) {
            throw new IllegalStateException("resource \"" + reader.name() + "\" reads the state of \""
                    + name + "\" as " + type.getName() + ", but its state class is "
                    + dependency.stateClass().getName());
        }
        ResourceRecord record = journal.find(name);
        if (record == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(type.cast(read(record.state(), dependency)));
    }

    /** The state of {@code resource} from its JSON; {@code null} for JSON null. */
    static <S> S read(JsonNode json, Resource<S> resource) {
        try {
            return DrpJson.convert(json, resource.stateClass());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("recorded state of resource \"" + resource.name()
                    + "\" cannot be read as " + resource.stateClass().getName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The JSON form of a state of {@code resource}. */
    static JsonNode write(Object state, Resource<?> resource) {
        try {
            return DrpJson.toTree(state);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state of resource \"" + resource.name()
                    + "\" cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    <X> X target(Class<X> type) {
        if (!type.isInstance(target)) {
            throw new IllegalStateException("target \"" + key + "\" is a " + target.getClass().getName()
                    + ", not a " + type.getName());
        }
        return type.cast(target);
    }
}
