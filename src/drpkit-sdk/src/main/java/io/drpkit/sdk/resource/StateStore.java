package io.drpkit.sdk.resource;

import java.util.Optional;

/**
 * Where a {@link ResourceManager} keeps each target's {@link ManagerState}, keyed by the
 * target's key. The manager writes through the store before and after every create and destroy,
 * so what is stored never under-reports: a resource whose create was started is recorded before
 * its create function runs.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>{@code save} replaces the whole state of the target, atomically: a later {@code load},
 *       in this process or a fresh one, sees either the old or the new state, never a mix.</li>
 *   <li>Failures are thrown as unchecked exceptions whose message names the target and the
 *       place (file, object, param); the manager reports them as {@link ResourceException}s.</li>
 *   <li>Thread-safety: calls for different targets may come concurrently from several threads.
 *       A manager never calls the store concurrently for the same target, but two managers over
 *       one store would, so give each store to one manager.</li>
 * </ul>
 *
 * @see FileStateStore
 * @see ParamStateStore
 * @since 0.1
 */
public interface StateStore {
    /** The recorded state of target {@code targetKey}, or empty when there is none. */
    Optional<ManagerState> load(String targetKey);

    /** Records {@code state} as the whole state of target {@code targetKey}. */
    void save(String targetKey, ManagerState state);

    /** Forgets target {@code targetKey}; a target with no state is not an error. */
    void delete(String targetKey);
}
