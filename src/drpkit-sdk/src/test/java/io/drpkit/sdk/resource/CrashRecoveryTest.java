package io.drpkit.sdk.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.drpkit.sdk.resource.ResourceRecord.Phase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider killed in the middle of createAll, and a fresh process (new manager, new
 * FileStateStore over the same directory) cleaning up with destroyAll.
 *
 * <p>How the kill is modelled: the first "process" is a manager, its resources and its store,
 * all sharing one {@code dead} flag. At the kill point the flag is set, and from then on
 * nothing that process does has any effect: its store writes nothing and its resource functions
 * change nothing, they only throw. That is what {@code kill -9} guarantees, minus the JVM
 * actually stopping: the manager still runs its rollback, but the rollback can touch neither the
 * machine nor the state file, exactly as if it had never run. The "machine" (the set of things
 * that exist) and the state directory outlive the process; the second process shares only those.
 */
class CrashRecoveryTest {
    @TempDir
    Path stateDir;

    record Dir(String path) {
    }

    record File(String path, boolean rendered) {
    }

    /** What exists on the machine, whatever process made it. */
    private final Set<String> machine = ConcurrentHashMap.newKeySet();
    private final List<String> destroyCalls = Collections.synchronizedList(new ArrayList<>());

    /** One provider process: everything it does goes through {@link #alive()}. */
    private final class Process {
        final AtomicBoolean dead = new AtomicBoolean();
        final AtomicInteger saves = new AtomicInteger();
        final int killAtSave;
        final boolean killInsideFileCreate;

        Process(int killAtSave, boolean killInsideFileCreate) {
            this.killAtSave = killAtSave;
            this.killInsideFileCreate = killInsideFileCreate;
        }

        void alive() {
            if (dead.get()) {
                throw new IllegalStateException("process was killed");
            }
        }

        void kill() {
            dead.set(true);
            throw new IllegalStateException("killed");
        }

        StateStore store() {
            FileStateStore files = new FileStateStore(stateDir);
            return new StateStore() {
                @Override
                public Optional<ManagerState> load(String targetKey) {
                    alive();
                    return files.load(targetKey);
                }

                @Override
                public void save(String targetKey, ManagerState state) {
                    alive();
                    if (saves.incrementAndGet() == killAtSave) {
                        kill();
                    }
                    files.save(targetKey, state);
                }

                @Override
                public void delete(String targetKey) {
                    alive();
                    files.delete(targetKey);
                }
            };
        }

        ResourceManager<String> manager(StateStore store) {
            Resource<Dir> dir = Resource.builder("dir", Dir.class).type("directory")
                    .create(ctx -> {
                        alive();
                        machine.add("/srv/m1");
                        return new Dir("/srv/m1");
                    })
                    .destroy(ctx -> {
                        alive();
                        destroyCalls.add("dir " + ctx.state().map(Dir::path).orElse("(none)"));
                        ctx.state().ifPresent(d -> machine.remove(d.path()));
                    })
                    .build();
            Resource<File> file = Resource.builder("file", File.class).type("file").requires("dir")
                    .create(ctx -> {
                        alive();
                        String tmp = ctx.dependency("dir", Dir.class).path() + "/boot.ipxe.tmp";
                        machine.add(tmp);
                        ctx.save(new File(tmp, false));
                        if (killInsideFileCreate) {
                            kill();
                        }
                        machine.remove(tmp);
                        machine.add("/srv/m1/boot.ipxe");
                        return new File("/srv/m1/boot.ipxe", true);
                    })
                    .destroy(ctx -> {
                        alive();
                        destroyCalls.add("file " + ctx.state().map(File::path).orElse("(none)")
                                + " complete=" + ctx.createCompleted());
                        ctx.state().ifPresent(f -> machine.remove(f.path()));
                    })
                    .build();
            return ResourceManager.builder().resource(file).resource(dir).store(store).build();
        }
    }

    @Test
    void aFreshProcessDestroysWhatAKillInsideACreateLeftIncludingThePartialState() {
        Process first = new Process(0, true);
        assertThatThrownBy(() -> first.manager(first.store()).createAll("m1"));

        assertThat(machine).containsExactlyInAnyOrder("/srv/m1", "/srv/m1/boot.ipxe.tmp");
        ManagerState left = new FileStateStore(stateDir).load("m1").orElseThrow();
        assertThat(left.resources()).extracting(ResourceRecord::name, ResourceRecord::phase)
                .containsExactly(tuple("dir", Phase.CREATED),
                        tuple("file", Phase.CREATING));

        Process second = new Process(0, false);
        List<String> destroyed = second.manager(new FileStateStore(stateDir)).destroyAll("m1");

        assertThat(destroyed).containsExactly("file", "dir");
        assertThat(destroyCalls).containsExactly("file /srv/m1/boot.ipxe.tmp complete=false", "dir /srv/m1");
        assertThat(machine).isEmpty();
        assertThat(new FileStateStore(stateDir).load("m1")).isEmpty();
    }

    @Test
    void aFreshProcessDestroysWhatAKillBetweenTwoResourcesLeft() {
        // Saves: 1 dir creating, 2 dir created, 3 file creating <- killed while writing this one.
        Process first = new Process(3, false);
        assertThatThrownBy(() -> first.manager(first.store()).createAll("m1"));

        assertThat(machine).containsExactly("/srv/m1");
        assertThat(new FileStateStore(stateDir).load("m1").orElseThrow().live()).containsExactly("dir");

        Process second = new Process(0, false);
        assertThat(second.manager(new FileStateStore(stateDir)).destroyAll("m1")).containsExactly("dir");

        assertThat(destroyCalls).containsExactly("dir /srv/m1");
        assertThat(machine).isEmpty();
        assertThat(new FileStateStore(stateDir).load("m1")).isEmpty();
    }

    @Test
    void anUninterruptedRunCleansUpAfterItselfForComparison() {
        Process only = new Process(0, false);
        ResourceManager<String> m = only.manager(only.store());

        m.createAll("m1");
        assertThat(machine).containsExactlyInAnyOrder("/srv/m1", "/srv/m1/boot.ipxe");
        m.destroyAll("m1");

        assertThat(machine).isEmpty();
        assertThat(destroyCalls).containsExactly("file /srv/m1/boot.ipxe complete=true", "dir /srv/m1");
    }
}
