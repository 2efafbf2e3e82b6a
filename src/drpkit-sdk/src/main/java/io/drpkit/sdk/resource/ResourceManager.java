package io.drpkit.sdk.resource;

import io.drpkit.sdk.status.StatusReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Creates, destroys and checks a set of {@link Resource}s for targets (machines, or any object
 * with a key), recording each target's progress in a {@link StateStore}.
 *
 * <p><b>Order.</b> Resources are created in dependency order; among resources that do not depend
 * on each other, in declaration order ({@link #order()}). Destroy runs in reverse creation order.
 *
 * <p><b>Write-ahead state.</b> Before each create the manager records "creating X", and after it
 * returns, X's state; destroys are recorded the same way. A provider stopped at any point
 * therefore leaves a record from which {@link #destroyAll} (in a fresh process, with a fresh
 * store over the same place) finds everything whose create was started.
 *
 * <p><b>Failure.</b> If a create fails, {@link #createAll} rolls back: it destroys every resource
 * whose create was started, in reverse order, including the one that failed (whose destroy gets
 * the partial state it saved, or none), then throws {@link ResourceException}. A destroy that
 * fails, in a rollback or in {@link #destroyAll}, keeps that resource's record, and the records
 * of the resources it requires, so a later {@link #destroyAll} retries them; destroyed resources
 * are not destroyed again. A JVM error (out of memory, stack overflow) is not handled: it
 * propagates at once and the record is left as after a crash.
 *
 * <p><b>Threads.</b> Thread-safe. Operations on the same target run one at a time, in the order
 * they get the target's lock; operations on different targets run concurrently. The target's
 * lock is held while the resources' functions run (that is the point: DRP calls actions
 * concurrently), so a slow create delays a status check of the same target, and a callback must
 * not call the manager for its own target (that throws {@link IllegalStateException}). Callbacks
 * run on the calling thread. Locks are per manager: use one manager per store.
 *
 * <p><b>Interrupts.</b> An interrupt while waiting for the lock, or seen between two creates,
 * stops the operation (a createAll then rolls back); destroys are always carried through. The
 * interrupt status is restored before the method returns or throws.
 *
 * <pre>{@code
 * ResourceManager<String> rm = ResourceManager.builder()
 *     .resource(dir).resource(file)
 *     .store(new ParamStateStore(api, "machines", "runbook/resource-state"))
 *     .build();
 * rm.createAll(uuid);
 * StatusReport report = rm.statusAll(uuid);
 * rm.destroyAll(uuid);
 * }</pre>
 *
 * @param <T> the target type; its key names the target in the store
 * @since 0.1
 */
public final class ResourceManager<T> {
    private final Function<? super T, String> targetKey;
    private final Map<String, Resource<?>> resources;
    private final List<Resource<?>> order;
    private final List<String> orderNames;
    private final StateStore store;
    private final Clock clock;
    private final TargetLocks locks = new TargetLocks();

    private ResourceManager(Builder<T> b, List<Resource<?>> order) {
        this.targetKey = b.targetKey;
        Map<String, Resource<?>> byName = new LinkedHashMap<>();
        b.resources.forEach(r -> byName.put(r.name(), r));
        this.resources = Collections.unmodifiableMap(byName);
        this.order = order;
        this.orderNames = order.stream().map(Resource::name).toList();
        this.store = b.store;
        this.clock = b.clock;
    }

    /** A manager whose targets are their own keys (e.g. machine UUIDs). */
    public static Builder<String> builder() {
        return new Builder<>(key -> key);
    }

    /** A manager for targets of type {@code T}, stored under {@code targetKey.apply(target)}. */
    public static <T> Builder<T> builder(Function<? super T, String> targetKey) {
        return new Builder<>(Objects.requireNonNull(targetKey, "targetKey == null"));
    }

    /** The resource names in creation order. */
    public List<String> order() {
        return orderNames;
    }

    /**
     * Creates every resource for {@code target}, in {@link #order()}, and returns the recorded
     * state. On failure, rolls back as described above and throws.
     *
     * @throws ResourceException Code 409 if the target still has resources recorded (call
     *     {@link #destroyAll} first); Code 500 if a create, the store or the rollback failed, with
     *     messages naming the resource, the cause, any rollback failures and what was kept
     * @throws IllegalArgumentException if the target's key is blank
     * @throws IllegalStateException if called from a callback on the same target
     */
    public ManagerState createAll(T target) {
        return createAll(target, OperationContext.none());
    }

    /**
     * {@link #createAll(Object)}, handing {@code context} (the action's DRP session, params and
     * logger) to every create and, in a rollback, destroy function.
     *
     * @since 0.2
     */
    public ManagerState createAll(T target, OperationContext context) {
        Objects.requireNonNull(context, "context == null");
        return locked(target, "createAll", key -> {
            List<String> live = load(key).map(ManagerState::live).orElse(List.of());
            if (!live.isEmpty()) {
                throw new ResourceException(409, key, null, List.of("target \"" + key
                        + "\" still has resources recorded (" + String.join(", ", live)
                        + "); destroyAll first"), live, null);
            }
            Operation op = operation(key, target, List.of(), context);
            try {
                return Creation.run(op, order);
            } finally {
                op.restoreInterrupt();
            }
        });
    }

    /**
     * Destroys every live recorded resource of {@code target}, in reverse creation order, and
     * forgets the target when none is left. Returns the names destroyed by this call, in order;
     * nothing recorded is not an error (an empty list).
     *
     * @throws ResourceException Code 500 if a destroy or the store failed; the record keeps the
     *     resources not destroyed ({@link ResourceException#remaining()}) so a retry finishes
     * @throws IllegalArgumentException if the target's key is blank
     * @throws IllegalStateException if called from a callback on the same target
     */
    public List<String> destroyAll(T target) {
        return destroyAll(target, OperationContext.none());
    }

    /**
     * {@link #destroyAll(Object)}, handing {@code context} to every destroy function.
     *
     * @since 0.2
     */
    public List<String> destroyAll(T target, OperationContext context) {
        Objects.requireNonNull(context, "context == null");
        return locked(target, "destroyAll", key -> {
            Operation op = operation(key, target, records(key), context);
            try {
                return destroy(op);
            } finally {
                op.restoreInterrupt();
            }
        });
    }

    /**
     * Checks {@code target}'s resources and summarizes ({@link StatusReport#summarize}) with
     * {@code External=true}. For a target with anything recorded there is one entry per declared
     * resource, in {@link #order()}: a created resource reports what its status function returns
     * (ALIVE without one; UNKNOWN with the reason if it throws); a resource whose create or
     * destroy did not complete reports UNKNOWN saying so; a declared resource with nothing
     * recorded (never created, or destroyed) reports MISSING. Recorded resources this manager
     * does not declare follow, UNKNOWN. A target with nothing recorded reports UNKNOWN with no
     * entries ("No resources to report").
     *
     * @throws ResourceException if the store cannot be read
     */
    public StatusReport statusAll(T target) {
        return statusAll(target, OperationContext.none());
    }

    /**
     * {@link #statusAll(Object)}, handing {@code context} to every status function.
     *
     * @since 0.2
     */
    public StatusReport statusAll(T target, OperationContext context) {
        Objects.requireNonNull(context, "context == null");
        return locked(target, "statusAll", key -> {
            Operation op = operation(key, target, records(key), context);
            try {
                return StatusCheck.run(op, order);
            } finally {
                op.restoreInterrupt();
            }
        });
    }

    /**
     * Records a resource that already exists (made by hand, by an older provider, or found on
     * the target) as created, with {@code state} as if its create had returned it, so that
     * {@link #destroyAll} cleans it up and {@link #statusAll} checks it. Nothing is created.
     * Adopt resources in dependency order: a resource's required resources must be recorded as
     * created first (created or adopted). Records stay in creation order, so destroy order is
     * the usual one.
     *
     * @param state an instance of the resource's state class
     * @return the state recorded now
     * @throws ResourceException Code 409 if the resource is already recorded for the target, or a
     *     resource it requires is not recorded as created; 500 if the store cannot record it
     * @throws IllegalArgumentException if {@code resource} is not declared, or {@code state} is not
     *     of its state class
     * @since 0.2
     */
    public ManagerState adopt(T target, String resource, Object state) {
        Objects.requireNonNull(resource, "resource == null");
        Objects.requireNonNull(state, "state == null");
        Resource<?> declared = resources.get(resource);
        if (declared == null) {
            throw new IllegalArgumentException("adopt: resource \"" + resource + "\" is not declared (declared: "
                    + String.join(", ", orderNames) + ")");
        }
        if (!declared.stateClass().isInstance(state)) {
            throw new IllegalArgumentException("adopt: the state of resource \"" + resource + "\" must be a "
                    + declared.stateClass().getName() + ", got " + state.getClass().getName());
        }
        return locked(target, "adopt", key -> {
            Operation op = operation(key, target, records(key), OperationContext.none());
            try {
                return Adoption.run(op, declared, state, orderNames);
            } finally {
                op.restoreInterrupt();
            }
        });
    }

    /**
     * Re-creates what is broken for a target that has anything recorded: in {@link #order()}
     * (dependency order), every declared resource that is MISSING (nothing recorded, or its
     * status function reports MISSING), DOWN, or whose last create or destroy did not finish is
     * destroyed with its recorded state (when it has a record) and created again, each step
     * recorded as {@link #createAll} records it. Resources that are READY, ALIVE or UNKNOWN are
     * left alone, and so is a resource whose required resource could not be repaired. Nothing is
     * rolled back: a failed re-create stays recorded (FAILED) for {@link #destroyAll} or the next
     * repair. A target with nothing recorded has nothing to repair.
     *
     * @return the names of the resources re-created, in creation order (empty when all is well)
     * @throws ResourceException Code 500 naming each resource that could not be repaired and why,
     *     and what was repaired; or if the store failed
     * @since 0.2
     */
    public List<String> repair(T target, OperationContext context) {
        Objects.requireNonNull(context, "context == null");
        return locked(target, "repair", key -> {
            Operation op = operation(key, target, records(key), context);
            try {
                Repair.Result result = Repair.run(op, order);
                RuntimeException unpersisted = op.journal.persist();
                if (result.failures().isEmpty() && unpersisted == null) {
                    return result.repaired();
                }
                List<String> messages = new ArrayList<>(result.failures());
                if (unpersisted != null) {
                    messages.add("cannot record the outcome for target \"" + key + "\": "
                            + Failures.describe(unpersisted));
                }
                if (!result.repaired().isEmpty()) {
                    messages.add("repaired: " + String.join(", ", result.repaired()));
                }
                throw new ResourceException(500, key, result.firstFailed(), messages, op.journal.live(), unpersisted);
            } finally {
                op.restoreInterrupt();
            }
        });
    }

    /**
     * The state recorded for {@code target}, read under its lock.
     *
     * @throws ResourceException if the store cannot be read
     */
    public Optional<ManagerState> state(T target) {
        return locked(target, "state", this::load);
    }

    /** How many targets have a lock right now; for tests of lock clean-up. */
    int lockedTargets() {
        return locks.size();
    }

    @Override
    public String toString() {
        return "ResourceManager" + orderNames;
    }

    private List<String> destroy(Operation op) {
        Teardown.Result result = Teardown.run(op);
        RuntimeException unpersisted = op.journal.persist();
        if (result.failures().isEmpty() && unpersisted == null) {
            return result.destroyed();
        }
        List<String> messages = new ArrayList<>(result.failures());
        if (unpersisted != null) {
            messages.add("cannot record the outcome for target \"" + op.key + "\": "
                    + Failures.describe(unpersisted));
        }
        List<String> live = op.journal.live();
        if (!live.isEmpty()) {
            messages.add("kept for a later destroyAll: " + String.join(", ", live));
        }
        if (!result.destroyed().isEmpty()) {
            messages.add("destroyed: " + String.join(", ", result.destroyed()));
        }
        Throwable cause = result.firstCause() != null ? result.firstCause() : unpersisted;
        throw new ResourceException(500, op.key, result.firstFailed(), messages, live, cause);
    }

    private Operation operation(String key, T target, List<ResourceRecord> records, OperationContext context) {
        return new Operation(key, target, new Journal(key, store, clock, records), resources, clock, context);
    }

    private <R> R locked(T target, String operation, Function<String, R> body) {
        Objects.requireNonNull(target, "target == null");
        String key = targetKey.apply(target);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(operation + ": target \"" + target + "\" has a blank key");
        }
        try {
            return locks.call(key, operation, () -> body.apply(key));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResourceException(500, key, null, List.of(operation + " on target \"" + key
                    + "\" was interrupted while waiting for another operation on the same target"),
                    List.of(), e);
        }
    }

    private List<ResourceRecord> records(String key) {
        return load(key).map(ManagerState::resources).orElse(List.of());
    }

    private Optional<ManagerState> load(String key) {
        Optional<ManagerState> loaded;
        try {
            loaded = store.load(key);
        } catch (RuntimeException e) {
            throw new ResourceException(500, key, null, List.of("cannot load the resource state of"
                    + " target \"" + key + "\": " + Failures.describe(e)), List.of(), e);
        }
        if (loaded.isEmpty()) {
            return loaded;
        }
        ManagerState state = loaded.get();
        if (state.version() != ManagerState.VERSION) {
            throw new ResourceException(500, key, null, List.of("resource state of target \"" + key
                    + "\" has version " + state.version() + "; this SDK reads version "
                    + ManagerState.VERSION), List.of(), null);
        }
        if (!state.target().equals(key)) {
            throw new ResourceException(500, key, null, List.of("resource state stored for target \""
                    + key + "\" belongs to target \"" + state.target() + "\""), List.of(), null);
        }
        return loaded;
    }

    /** Builds a {@link ResourceManager}. Not thread-safe. */
    public static final class Builder<T> {
        private final Function<? super T, String> targetKey;
        private final List<Resource<?>> resources = new ArrayList<>();
        private StateStore store;
        private Clock clock = Clock.systemUTC();

        private Builder(Function<? super T, String> targetKey) {
            this.targetKey = targetKey;
        }

        /** Adds a resource; declaration order decides among independent resources. */
        public Builder<T> resource(Resource<?> resource) {
            resources.add(Objects.requireNonNull(resource, "resource == null"));
            return this;
        }

        /** Required: where each target's state is recorded. */
        public Builder<T> store(StateStore store) {
            this.store = Objects.requireNonNull(store, "store == null");
            return this;
        }

        /** The clock for created, updated and generated times; the system UTC clock by default. */
        public Builder<T> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /**
         * Checks the declarations and computes the creation order.
         *
         * @throws IllegalArgumentException if there are no resources or no store, two resources
         *     share a name, a resource requires an unknown one ({@code resource "file" requires
         *     unknown resource "dir"}), or requirements form a cycle
         *     ({@code dependency cycle: a -> b -> a}, an arrow reading "requires")
         */
        public ResourceManager<T> build() {
            if (resources.isEmpty()) {
                throw new IllegalArgumentException("resource manager has no resources");
            }
            if (store == null) {
                throw new IllegalArgumentException("resource manager has no state store");
            }
            return new ResourceManager<>(this, DependencyGraph.creationOrder(List.copyOf(resources)));
        }
    }
}
