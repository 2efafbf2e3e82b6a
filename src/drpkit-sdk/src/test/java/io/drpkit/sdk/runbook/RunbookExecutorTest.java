package io.drpkit.sdk.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drpkit.sdk.PluginException;
import io.drpkit.sdk.model.DrpError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RunbookExecutorTest {
    private static final String UUID = "3f0bb7a0-0e36-4d1e-9a43-0123456789ab";

    @TempDir
    Path tmp;

    private RunbookExecutor executor(int parallelism) {
        return RunbookExecutor.builder(tmp.resolve("runs")).parallelism(parallelism).build();
    }

    private RunContext.Builder context() {
        ObjectNode machine = JsonNodeFactory.instance.objectNode()
                .put("Uuid", UUID).put("Name", "m1.example.com").put("Address", "192.0.2.10");
        machine.putObject("Params").put("machine/only", "from-machine").put("both", "machine-loses");
        return RunContext.builder().machine(machine).param("test/dir", tmp.toString());
    }

    /** Nanosecond wall-clock stamp a script wrote with {@code date +%s%N}. */
    private long stamp(String name) throws IOException {
        return Long.parseLong(Files.readString(tmp.resolve(name)).trim());
    }

    @Test
    void consumerStartsAfterItsProducerEnded() throws IOException {
        Runbook rb = Runbook.parse("""
                Id: order
                apiVersion: drpkit.io/v1
                create:
                  - name: consumer
                    inputs:
                      - {name: dir, valueFromParam: test/dir, as: {env: DIR}}
                      - {name: v, valueFromStep: {name: producer, output: v}, as: {env: V}}
                    outputs: [{name: got, valueFromPath: got}]
                    script: |
                      #!/bin/sh
                      date +%s%N > "$DIR/consumer.start"
                      echo "$V" > got
                  - name: producer
                    inputs: [{name: dir, valueFromParam: test/dir, as: {env: DIR}}]
                    outputs: [{name: v, valueFromPath: v}]
                    script: |
                      #!/bin/sh
                      sleep 0.2
                      echo produced > v
                      date +%s%N > "$DIR/producer.end"
                """);
        try (RunbookExecutor ex = executor(4)) {
            RunResult r = ex.run(rb, Phase.CREATE, context().build(), StepListener.NONE);

            assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(r.step("consumer").orElseThrow().outputs()).containsEntry("got", "produced");
            assertThat(stamp("consumer.start")).isGreaterThanOrEqualTo(stamp("producer.end"));
            Instant producerEnded = r.step("producer").orElseThrow().ended().orElseThrow();
            Instant consumerStarted = r.step("consumer").orElseThrow().started().orElseThrow();
            assertThat(consumerStarted).isAfterOrEqualTo(producerEnded);
            assertThat(r.steps()).extracting(StepResult::name).containsExactly("consumer", "producer");
        }
    }

    private static final Runbook TWO_SLEEPERS = Runbook.parse("""
            Id: sleepers
            apiVersion: drpkit.io/v1
            create:
              - name: a
                inputs: [{name: dir, valueFromParam: test/dir, as: {env: DIR}}]
                script: |
                  #!/bin/sh
                  date +%s%N > "$DIR/a.start"; sleep 0.5; date +%s%N > "$DIR/a.end"
              - name: b
                inputs: [{name: dir, valueFromParam: test/dir, as: {env: DIR}}]
                script: |
                  #!/bin/sh
                  date +%s%N > "$DIR/b.start"; sleep 0.5; date +%s%N > "$DIR/b.end"
            """);

    @Test
    void independentStepsOverlapInTime() throws IOException {
        try (RunbookExecutor ex = executor(2)) {
            RunResult r = ex.run(TWO_SLEEPERS, Phase.CREATE, context().build(), StepListener.NONE);

            assertThat(r.succeeded()).isTrue();
            // The intervals [start, end] intersect: each started before the other ended.
            assertThat(stamp("a.start")).isLessThan(stamp("b.end"));
            assertThat(stamp("b.start")).isLessThan(stamp("a.end"));
        }
    }

    @Test
    void boundOfOneSerializesIndependentStepsInDeclarationOrder() throws IOException {
        try (RunbookExecutor ex = executor(1)) {
            RunResult r = ex.run(TWO_SLEEPERS, Phase.CREATE, context().build(), StepListener.NONE);

            assertThat(r.succeeded()).isTrue();
            assertThat(stamp("b.start")).isGreaterThanOrEqualTo(stamp("a.end"));
        }
    }

    @Test
    void failingStepSkipsExactlyItsDependentsWhileAnIndependentBranchSucceeds() {
        Runbook rb = Runbook.parse("""
                Id: branches
                apiVersion: drpkit.io/v1
                create:
                  - name: bad
                    outputs: [{name: o, valueFromPath: o}]
                    script: |
                      #!/bin/sh
                      echo "about to fail"
                      for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do echo "noise $i" >&2; done
                      echo "mkdir: cannot create directory '/nope': Permission denied" >&2
                      exit 3
                  - name: child
                    inputs: [{name: i, valueFromStep: {name: bad, output: o}, as: {env: I}}]
                    outputs: [{name: o, valueFromPath: o}]
                    script: "#!/bin/sh\\necho > o\\n"
                  - name: grandchild
                    inputs: [{name: i, valueFromStep: {name: child, output: o}, as: {env: I}}]
                    script: "#!/bin/sh\\ntrue\\n"
                  - name: good
                    outputs: [{name: o, valueFromPath: o}]
                    script: "#!/bin/sh\\nsleep 0.2; echo fine > o\\n"
                  - name: after-good
                    inputs: [{name: i, valueFromStep: {name: good, output: o}, as: {env: I}}]
                    outputs: [{name: o, valueFromPath: o}]
                    script: "#!/bin/sh\\necho \\"$I too\\" > o\\n"
                """);
        try (RunbookExecutor ex = executor(4)) {
            RunResult r = ex.run(rb, Phase.CREATE, context().build(), StepListener.NONE);

            assertThat(r.status()).isEqualTo(RunStatus.FAILED);
            assertThat(r.steps()).extracting(StepResult::name, StepResult::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("bad", StepStatus.FAILED),
                    org.assertj.core.groups.Tuple.tuple("child", StepStatus.SKIPPED),
                    org.assertj.core.groups.Tuple.tuple("grandchild", StepStatus.SKIPPED),
                    org.assertj.core.groups.Tuple.tuple("good", StepStatus.SUCCEEDED),
                    org.assertj.core.groups.Tuple.tuple("after-good", StepStatus.SUCCEEDED));
            StepResult bad = r.step("bad").orElseThrow();
            assertThat(bad.exitCode()).hasValue(3);
            assertThat(bad.stderrTail()).hasSize(20)
                    .endsWith("mkdir: cannot create directory '/nope': Permission denied");
            assertThat(r.step("child").orElseThrow().message()).isEqualTo("skipped: step \"bad\" did not succeed");
            assertThat(r.step("grandchild").orElseThrow().started()).isEmpty();
            assertThat(r.outputs()).isEqualTo(Map.of("good", Map.of("o", "fine"), "after-good", Map.of("o", "fine too")));

            DrpError e = r.toError();
            assertThat(e.code()).isEqualTo(500);
            assertThat(e.key()).isEqualTo("branches");
            assertThat(e.messages()).hasSize(2);
            assertThat(e.messages().get(0))
                    .startsWith("runbook \"branches\" create step \"bad\" failed: exited with code 3; last stderr lines:\n")
                    .endsWith("noise 25\nmkdir: cannot create directory '/nope': Permission denied");
            assertThat(e.messages().get(1)).isEqualTo("runbook \"branches\" create: skipped child, grandchild");
            RunbookFailedException thrown = catchThrowableOfType(RunbookFailedException.class, r::throwIfFailed);
            assertThat(thrown.error()).isEqualTo(e);
            assertThat(thrown.result()).isSameAs(r);
        }
    }

    @Test
    void timeoutKillsTheStepsWholeProcessTree() throws Exception {
        Runbook rb = Runbook.parse("""
                Id: hang
                apiVersion: drpkit.io/v1
                create:
                  - name: hang
                    timeout: 1s
                    script: |
                      #!/bin/sh
                      sleep 1000 &
                      echo $! > child.pid
                      echo "started child $!" >&2
                      sleep 1000
                """);
        try (RunbookExecutor ex = executor(2)) {
            long t0 = System.nanoTime();
            RunResult r = ex.run(rb, Phase.CREATE, context().build(), StepListener.NONE);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            StepResult hang = r.step("hang").orElseThrow();
            assertThat(hang.status()).isEqualTo(StepStatus.TIMED_OUT);
            assertThat(hang.message()).isEqualTo("timed out after 1s; its process tree was killed");
            assertThat(hang.stderrTail()).singleElement().asString().startsWith("started child ");
            long pid = Long.parseLong(Files.readString(r.runDirectory().resolve("hang/child.pid")).trim());
            assertThat(awaitDead(pid)).as("background child %d still alive", pid).isTrue();
            assertThat(ms).isBetween(900L, 5000L);
            assertThat(r.toError().messages().get(0))
                    .startsWith("runbook \"hang\" create step \"hang\" timed-out: timed out after 1s; its process tree was killed");
        }
    }

    /** Test-side wait for the kernel to finish off a killed process (it may be reaped late). */
    private static boolean awaitDead(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true) || isZombie(pid)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** A killed orphan that nobody reaped yet (no init in a container) is dead, just not buried. */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void envAndPathInputsAreDeliveredFromParamsMachineAndSteps() throws IOException {
        Runbook rb = Runbook.parse("""
                Id: inputs
                apiVersion: drpkit.io/v1
                create:
                  - name: first
                    outputs: [{name: word, valueFromPath: out/word}]
                    script: "#!/bin/sh\\nmkdir out; printf 'hello\\\\n' > out/word\\n"
                  - name: second
                    inputs:
                      - {name: action, valueFromParam: action/param, as: {env: ACTION, path: in/deep/action}}
                      - {name: machine-param, valueFromParam: machine/only, as: {env: MACHINE_PARAM}}
                      - {name: both, valueFromParam: both, as: {env: BOTH}}
                      - {name: count, valueFromParam: action/count, as: {env: COUNT}}
                      - {name: obj, valueFromParam: action/obj, as: {path: obj.json}}
                      - {name: address, valueFromMachine: Address, as: {env: ADDRESS}}
                      - {name: word, valueFromStep: {name: first, output: word}, as: {path: word.txt}}
                    outputs: [{name: all, valueFromPath: all}]
                    script: |
                      #!/bin/sh
                      set -eu
                      {
                        echo "$ACTION|$(cat in/deep/action)|$MACHINE_PARAM|$BOTH|$COUNT|$(cat obj.json)|$ADDRESS|$(cat word.txt)"
                        echo "$RUNBOOK_NAME|$RUNBOOK_PHASE|$RUNBOOK_STEP|$RUNBOOK_MACHINE_UUID|$RUNBOOK_MACHINE_NAME"
                        echo "$RS_ENDPOINT|$RS_FILESERVER|${RS_TOKEN:-no token}|$(pwd)"
                      } > all
                """);
        RunContext ctx = context()
                .param("action/param", "a b  c")
                .param("both", "action-wins")
                .param("action/count", IntNode.valueOf(3))
                .param("action/obj", JsonNodeFactory.instance.objectNode().put("k", "v"))
                .endpoint("https://drp:8092").fileServer("http://drp:8091").token("secret")
                .build();
        try (RunbookExecutor ex = executor(4)) {
            RunResult r = ex.run(rb, Phase.CREATE, ctx, StepListener.NONE);

            assertThat(r.succeeded()).as(r.toString()).isTrue();
            assertThat(r.step("second").orElseThrow().outputs().get("all").split("\n")).containsExactly(
                    "a b  c|a b  c|from-machine|action-wins|3|{\"k\":\"v\"}|192.0.2.10|hello",
                    "inputs|create|second|" + UUID + "|m1.example.com",
                    "https://drp:8092|http://drp:8091|no token|" + r.runDirectory().resolve("second").toRealPath());
        }
    }

    @Test
    void stepsStartFromAMinimalEnvironmentNotTheProvidersOwn() throws IOException {
        Runbook rb = Runbook.parse("""
                Id: env
                apiVersion: drpkit.io/v1
                create:
                  - name: dump
                    inputs: [{name: x, valueFromParam: test/dir, as: {env: MY_INPUT}}]
                    outputs: [{name: names, valueFromPath: names}]
                    script: |
                      #!/bin/sh
                      env | cut -d= -f1 | sort > names
                """);
        try (RunbookExecutor ex = RunbookExecutor.builder(tmp.resolve("runs"))
                .baseEnvironment(Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.toString())).build()) {
            RunResult r = ex.run(rb, Phase.CREATE, context().endpoint("https://drp:8092").token("t").build(),
                    StepListener.NONE);

            Set<String> names = new TreeSet<>(Arrays.asList(r.step("dump").orElseThrow().outputs().get("names").split("\n")));
            names.removeAll(Set.of("PWD", "SHLVL", "OLDPWD", "_")); // the shell's own
            assertThat(names).containsExactly("HOME", "MY_INPUT", "PATH", "RS_ENDPOINT", "RUNBOOK_MACHINE_NAME",
                    "RUNBOOK_MACHINE_UUID", "RUNBOOK_NAME", "RUNBOOK_PHASE", "RUNBOOK_STEP");
        }
        try (RunbookExecutor ex = executor(1)) {
            assertThat(RunbookExecutor.BASE_VARIABLES).containsAll(ex.baseEnvironment().keySet());
            assertThat(ex.baseEnvironment()).containsKey("PATH");
        }
    }

    @Test
    void rsTokenIsGivenOnlyToStepsThatNeedIt() {
        Runbook rb = Runbook.parse("""
                Id: token
                apiVersion: drpkit.io/v1
                create:
                  - name: with
                    needsToken: true
                    outputs: [{name: t, valueFromPath: t}]
                    script: "#!/bin/sh\\necho \\"${RS_TOKEN:-unset} $RS_ENDPOINT\\" > t\\n"
                  - name: without
                    outputs: [{name: t, valueFromPath: t}]
                    script: "#!/bin/sh\\necho \\"${RS_TOKEN:-unset} $RS_ENDPOINT\\" > t\\n"
                """);
        try (RunbookExecutor ex = executor(2)) {
            RunResult r = ex.run(rb, Phase.CREATE, context().endpoint("https://e").token("s3cret").build(),
                    StepListener.NONE);

            assertThat(r.outputs()).isEqualTo(Map.of(
                    "with", Map.of("t", "s3cret https://e"),
                    "without", Map.of("t", "unset https://e")));
        }
    }

    @Test
    void missingParamsMachineFieldsAndTokenAreRejectedBeforeAnythingRuns() throws IOException {
        Runbook rb = Runbook.parse("""
                Id: needs
                apiVersion: drpkit.io/v1
                create:
                  - name: a
                    needsToken: true
                    inputs:
                      - {name: p, valueFromParam: not/set, as: {env: P}}
                      - {name: f, valueFromMachine: Serial, as: {env: F}}
                    script: "#!/bin/sh\\ntouch ran\\n"
                """);
        try (RunbookExecutor ex = executor(2)) {
            PluginException e = catchThrowableOfType(PluginException.class,
                    () -> ex.run(rb, Phase.CREATE, context().build(), StepListener.NONE));

            assertThat(e.error().code()).isEqualTo(400);
            assertThat(e.error().messages()).containsExactly(
                    "runbook \"needs\" step \"a\": input \"p\" reads param \"not/set\", which is set neither "
                            + "in the action's params nor in the machine's Params",
                    "runbook \"needs\" step \"a\": input \"f\" reads machine field \"Serial\", which the machine "
                            + "does not have",
                    "runbook \"needs\" step \"a\": needsToken is true but no token (RS_TOKEN) was given");
            assertThat(tmp.resolve("runs")).doesNotExist();
        }
    }

    private static final Runbook PAIR = Runbook.parse("""
            Id: pair
            apiVersion: drpkit.io/v1
            create:
              - name: make
                outputs:
                  - {name: id, valueFromPath: id}
                  - {name: other, valueFromPath: other}
                script: "#!/bin/sh\\necho 42 > id; echo x > other\\n"
            delete:
              - name: unmake
                inputs: [{name: id, valueFromStep: {name: make, output: id}, as: {env: ID, path: id.in}}]
                outputs: [{name: done, valueFromPath: done}]
                script: "#!/bin/sh\\necho \\"unmade $ID $(cat id.in)\\" > done\\n"
              - name: report
                inputs: [{name: d, valueFromStep: {name: unmake, output: done}, as: {env: D}}]
                outputs: [{name: r, valueFromPath: r}]
                script: "#!/bin/sh\\necho \\"after: $D\\" > r\\n"
            """);

    @Test
    void deleteStepsReadCreateOutputsFromTheStoredMap() {
        try (RunbookExecutor ex = executor(2)) {
            RunResult created = ex.run(PAIR, Phase.CREATE, context().build(), StepListener.NONE);
            assertThat(created.outputs()).isEqualTo(Map.of("make", Map.of("id", "42", "other", "x")));

            RunResult deleted = ex.run(PAIR, Phase.DELETE, context().storedOutputs(created.outputs()).build(),
                    StepListener.NONE);

            assertThat(deleted.succeeded()).isTrue();
            assertThat(deleted.outputs()).isEqualTo(Map.of(
                    "unmake", Map.of("done", "unmade 42 42"),
                    "report", Map.of("r", "after: unmade 42 42")));
            assertThat(deleted.runDirectory()).isNotEqualTo(created.runDirectory());
            assertThat(deleted.runDirectory().getFileName().toString()).startsWith("pair-delete-");
        }
    }

    @Test
    void deleteStepWhoseStoredCreateOutputIsMissingIsSkippedWithoutFailingTheRun() {
        try (RunbookExecutor ex = executor(2)) {
            RunResult deleted = ex.run(PAIR, Phase.DELETE, context().storedOutput("make", "other", "x").build(),
                    StepListener.NONE);

            assertThat(deleted.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(deleted.steps()).extracting(StepResult::status)
                    .containsExactly(StepStatus.SKIPPED, StepStatus.SKIPPED);
            assertThat(deleted.step("unmake").orElseThrow().message()).isEqualTo(
                    "skipped: input \"id\" reads create output make.id, which is not stored (did that create step succeed?)");
            assertThat(deleted.step("report").orElseThrow().message()).isEqualTo("skipped: step \"unmake\" did not succeed");
        }
    }

    @Test
    void missingOutputFileFailsTheStepNamingOutputAndPath() {
        Runbook rb = Runbook.parse("""
                Id: out
                apiVersion: drpkit.io/v1
                create:
                  - name: forgetful
                    outputs: [{name: dir, valueFromPath: out/dir}]
                    script: "#!/bin/sh\\necho 'forgot to write it' >&2\\n"
                """);
        try (RunbookExecutor ex = executor(1)) {
            RunResult r = ex.run(rb, Phase.CREATE, context().build(), StepListener.NONE);

            StepResult s = r.step("forgetful").orElseThrow();
            assertThat(s.status()).isEqualTo(StepStatus.FAILED);
            assertThat(s.exitCode()).hasValue(0);
            assertThat(s.message()).startsWith("output \"dir\": file \"out/dir\" was not written (looked for ");
            assertThat(r.toError().messages().get(0))
                    .contains("step \"forgetful\" failed: output \"dir\"")
                    .contains("(exit code 0)")
                    .endsWith("last stderr lines:\nforgot to write it");
        }
    }

    @Test
    void outputsLoseExactlyOneTrailingNewlineAndMayBeAbsolutePaths() {
        Path abs = tmp.resolve("abs-output");
        Runbook rb = Runbook.parse("""
                Id: trim
                apiVersion: drpkit.io/v1
                create:
                  - name: s
                    inputs: [{name: abs, valueFromParam: abs, as: {env: ABS}}]
                    outputs:
                      - {name: two, valueFromPath: two}
                      - {name: none, valueFromPath: none}
                      - {name: crlf, valueFromPath: crlf}
                      - {name: abs, valueFromPath: %s}
                    script: |
                      #!/bin/sh
                      printf 'a\\n\\n' > two; printf 'b' > none; printf 'c\\r\\n' > crlf; printf 'd\\n' > "$ABS"
                """.formatted(abs));
        try (RunbookExecutor ex = executor(1)) {
            RunResult r = ex.run(rb, Phase.CREATE, context().param("abs", abs.toString()).build(), StepListener.NONE);

            assertThat(r.step("s").orElseThrow().outputs())
                    .containsExactly(Map.entry("two", "a\n"), Map.entry("none", "b"), Map.entry("crlf", "c"),
                            Map.entry("abs", "d"));
        }
    }

    @Test
    void chattyStepStreamsEveryLineOfBothStreamsWithoutBlocking() {
        Runbook rb = Runbook.parse("""
                Id: chatty
                apiVersion: drpkit.io/v1
                create:
                  - name: talk
                    timeout: 20s
                    script: |
                      #!/bin/sh
                      i=0
                      while [ $i -lt 20000 ]; do
                        echo "out $i"; echo "err $i" >&2
                        i=$((i+1))
                      done
                      printf 'no newline at end'
                """);
        ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> out = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> err = new ConcurrentLinkedQueue<>();
        StepListener listener = new StepListener() {
            @Override
            public void stepStarted(String step, Path directory) {
                events.add("started " + step + " in " + directory.getFileName());
            }

            @Override
            public void line(String step, Channel channel, String line) {
                (channel == Channel.STDOUT ? out : err).add(line);
            }

            @Override
            public void stepFinished(StepResult result) {
                events.add("finished " + result.name() + " " + result.status() + " after "
                        + out.size() + "/" + err.size() + " lines");
            }
        };
        try (RunbookExecutor ex = executor(1)) {
            RunResult r = ex.run(rb, Phase.CREATE, context().build(), listener);

            assertThat(r.succeeded()).isTrue();
            assertThat(out).hasSize(20001).startsWith("out 0").endsWith("no newline at end");
            assertThat(err).hasSize(20000).endsWith("err 19999");
            assertThat(r.step("talk").orElseThrow().stderrTail()).hasSize(20).endsWith("err 19999")
                    .startsWith("err 19980");
            assertThat(events).containsExactly("started talk in talk", "finished talk succeeded after 20001/20000 lines");
        }
    }

    @Test
    void listenerExceptionsDoNotDisturbTheRun() {
        StepListener throwing = new StepListener() {
            @Override
            public void line(String step, Channel channel, String line) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void stepFinished(StepResult result) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (RunbookExecutor ex = executor(2)) {
            RunResult r = ex.run(PAIR, Phase.CREATE, context().build(), throwing);

            assertThat(r.succeeded()).isTrue();
        }
    }

    @Test
    void interpreterThatCannotStartFailsTheStep() {
        Runbook rb = Runbook.parse("""
                Id: noshell
                apiVersion: drpkit.io/v1
                create:
                  - {name: a, script: "#!/nonexistent/shell\\necho\\n"}
                """);
        try (RunbookExecutor ex = executor(1)) {
            StepResult a = ex.run(rb, Phase.CREATE, context().build(), StepListener.NONE).step("a").orElseThrow();

            assertThat(a.status()).isEqualTo(StepStatus.FAILED);
            assertThat(a.exitCode()).isEmpty();
            assertThat(a.message()).startsWith("could not start /nonexistent/shell: ");
        }
    }

    @Test
    void shebangArgumentIsPassedToTheInterpreter() {
        Runbook rb = Runbook.parse("""
                Id: flags
                apiVersion: drpkit.io/v1
                create:
                  - name: a
                    outputs: [{name: o, valueFromPath: o}]
                    script: "#!/bin/sh -e\\nfalse\\necho reached > o\\n"
                """);
        try (RunbookExecutor ex = executor(1)) {
            StepResult a = ex.run(rb, Phase.CREATE, context().build(), StepListener.NONE).step("a").orElseThrow();

            assertThat(a.status()).isEqualTo(StepStatus.FAILED);
            assertThat(a.exitCode()).hasValue(1);
        }
    }

    @Test
    void oneExecutorRunsSeveralRunbooksConcurrently() throws IOException {
        try (RunbookExecutor ex = executor(2)) {
            CompletableFuture<RunResult> first = ex.start(TWO_SLEEPERS, Phase.CREATE,
                    context().param("test/dir", Files.createDirectory(tmp.resolve("one")).toString()).build(),
                    StepListener.NONE);
            CompletableFuture<RunResult> second = ex.start(TWO_SLEEPERS, Phase.CREATE,
                    context().param("test/dir", Files.createDirectory(tmp.resolve("two")).toString()).build(),
                    StepListener.NONE);

            List<RunResult> both = List.of(first.join(), second.join());

            assertThat(both).allMatch(RunResult::succeeded);
            assertThat(both.get(0).runDirectory()).isNotEqualTo(both.get(1).runDirectory());
            // Each run has its own bound of 2, so the second run's steps overlap the first's.
            assertThat(Long.parseLong(Files.readString(tmp.resolve("two/a.start")).trim()))
                    .isLessThan(Long.parseLong(Files.readString(tmp.resolve("one/a.end")).trim()));
        }
    }

    @Test
    void closeKillsRunningStepsAndTheRunCompletes() throws Exception {
        Runbook rb = Runbook.parse("""
                Id: long
                apiVersion: drpkit.io/v1
                create:
                  - name: wait
                    outputs: [{name: o, valueFromPath: o}]
                    script: "#!/bin/sh\\necho $$ > pid\\nsleep 1000\\necho > o\\n"
                  - name: next
                    inputs: [{name: i, valueFromStep: {name: wait, output: o}, as: {env: I}}]
                    script: "#!/bin/sh\\ntrue\\n"
                """);
        RunbookExecutor ex = executor(2);
        CompletableFuture<Path> started = new CompletableFuture<>();
        CompletableFuture<RunResult> run = ex.start(rb, Phase.CREATE, context().build(), new StepListener() {
            @Override
            public void stepStarted(String step, Path directory) {
                started.complete(directory);
            }
        });
        Path pid = started.get(5, TimeUnit.SECONDS).resolve("pid");
        // the shell is running its script once it has written its pid (then it sleeps)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(pid) && Files.size(pid) > 0)) {
            assertThat(System.nanoTime()).as("the step's shell wrote its pid").isLessThan(deadline);
            Thread.onSpinWait();
            Thread.sleep(5);
        }

        ex.close();
        RunResult r = run.get(5, TimeUnit.SECONDS);

        assertThat(r.steps()).extracting(StepResult::status).containsExactly(StepStatus.FAILED, StepStatus.SKIPPED);
        assertThat(r.step("wait").orElseThrow().message()).startsWith("killed: the executor was closed");
        assertThat(catchThrowableOfType(IllegalStateException.class,
                () -> ex.start(rb, Phase.CREATE, context().build(), StepListener.NONE)))
                .hasMessage("runbook executor is closed");
    }

    @Test
    void eachRunGetsAFreshDirectoryWithOneDirectoryPerStep() throws IOException {
        try (RunbookExecutor ex = executor(2)) {
            RunResult a = ex.run(PAIR, Phase.CREATE, context().build(), StepListener.NONE);
            RunResult b = ex.run(PAIR, Phase.CREATE, context().build(), StepListener.NONE);

            assertThat(a.runDirectory()).isNotEqualTo(b.runDirectory());
            assertThat(a.runDirectory().getParent()).isEqualTo(tmp.resolve("runs").toAbsolutePath());
            assertThat(a.runDirectory().getFileName().toString()).matches("pair-create-\\d{8}T\\d{6}Z-[0-9a-f]{8}");
            try (var files = Files.list(a.runDirectory())) {
                assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                        .containsExactlyInAnyOrder("make", "make.script");
            }
            assertThat(Files.readString(a.runDirectory().resolve("make/id"))).isEqualTo("42\n");
        }
    }

    @Test
    void emptyPhaseSucceedsAtOnce() {
        Runbook createOnly = Runbook.parse("""
                Id: lonely
                apiVersion: drpkit.io/v1
                create: [{name: a, script: "#!/bin/sh\\ntrue\\n"}]
                """);
        try (RunbookExecutor ex = executor(1)) {
            RunResult r = ex.run(createOnly, Phase.DELETE, RunContext.empty(), StepListener.NONE);

            assertThat(r.succeeded()).isTrue();
            assertThat(r.steps()).isEmpty();
        }
    }

    @Test
    void builderRejectsNonsenseSettings() {
        RunbookExecutor.Builder b = RunbookExecutor.builder(tmp);

        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> b.parallelism(0)))
                .hasMessage("parallelism must be at least 1, got 0");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> b.defaultStepTimeout(Duration.ZERO)))
                .hasMessageContaining("defaultStepTimeout must be positive");
        assertThat(catchThrowableOfType(NullPointerException.class, () -> RunbookExecutor.builder(null)))
                .hasMessage("baseDirectory == null");
    }
}
