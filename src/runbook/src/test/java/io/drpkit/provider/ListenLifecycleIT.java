package io.drpkit.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import io.drpkit.sdk.internal.lifecycle.SocketFiles;
import io.drpkit.sdk.internal.server.Curl;
import io.drpkit.testkit.FakeDrp;
import io.drpkit.testkit.ProviderProcess;
import io.drpkit.testkit.ProviderProcessException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code runbook listen} starts and ends (spec §1.3, §3.7, Part A.2, A.3, A.5, A.12): which
 * socket it serves, what it refuses to delete, and that every way of stopping it — {@code /stop},
 * SIGTERM, the launching process dying — runs the stop sequence and removes the socket.
 */
class ListenLifecycleIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String API = ProviderProcess.API;

    @TempDir
    Path tmp;

    private FakeDrp drp;

    @BeforeEach
    void startHost() {
        drp = FakeDrp.start();
    }

    @AfterEach
    void stopHost() {
        drp.close();
    }

    // ------------------------------------------------------------------ stopping (Part A.5)

    @Test
    void stopAnswers200ThenTheProviderExits0AndRemovesItsSocket() {
        try (ProviderProcess p = ProviderProcess.of(Built.executable()).listen(drp)) {
            assertThat(p.config(Map.of("Name", "runbook")).status()).isEqualTo(200);

            long start = System.nanoTime();
            ProviderProcess.Response stop = p.post(API + "/stop", "application/json", new byte[0]);
            long answered = System.nanoTime();

            assertThat(stop.status()).isEqualTo(200);
            assertThat(stop.text()).isEqualTo(ListenIT.OK);
            assertThat(p.waitForExit(Duration.ofSeconds(10))).as("exited within 10 s").isTrue();
            long exited = System.nanoTime();
            assertThat(p.exitCode()).hasValue(0);
            assertThat(p.servePath()).doesNotExist();
            assertThat(drp.logLines()).as("the stop is logged to the host before the exit")
                    .anyMatch(l -> l.message().contains("STOPPING"));
            assertThat(p.stdout()).isEqualTo("READY!\n");
            // a clean start and stop: JVM and logging diagnostics would go to stderr (Part A.4)
            assertThat(p.stderr().lines()).as("stderr of a clean run").noneMatch(l -> l.contains("Exception")
                    || l.contains("Failed to") || l.startsWith("\tat ") || l.contains("ERROR"));
            System.out.printf("stop: answered in %d ms, exited %d ms after the answer%n",
                    ms(answered - start), ms(exited - answered));
        }
    }

    @Test
    void stopLetsAnInFlightActionFinishFirst() throws Exception {
        try (ProviderProcess p = ProviderProcess.of(Built.executable()).listen(drp)) {
            assertThat(p.config(Map.of("Name", "runbook")).status()).isEqualTo(200);
            String uuid = drp.createMachine("inflight-" + UUID.randomUUID());
            drp.restLatency(Duration.ofMillis(400)); // increment: 4 REST calls, about 1.6 s
            CompletableFuture<ProviderProcess.Response> slow = CompletableFuture.supplyAsync(() -> p.action(
                    ListenIT.action("increment", drp.machine(uuid).orElseThrow(), Map.of())));
            drp.awaitRequest(r -> r.path().contains(uuid), WAIT);

            assertThat(p.stop()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(200));

            ProviderProcess.Response done = slow.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(done.status()).as(done.text()).isEqualTo(200);
            assertThat(p.waitForExit(Duration.ofSeconds(10))).isTrue();
            assertThat(p.exitCode()).hasValue(0);
            assertThat(drp.machineParam(uuid, "incrementer/touched").orElseThrow().asLong()).isEqualTo(1);
            assertThat(p.servePath()).doesNotExist();
        }
    }

    @Test
    void sigtermRunsTheSameStopSequence() {
        try (ProviderProcess p = ProviderProcess.of(Built.executable()).listen(drp)) {
            assertThat(p.config(Map.of("Name", "runbook")).status()).isEqualTo(200);

            long start = System.nanoTime();
            assertThat(ProcessHandle.of(p.pid()).orElseThrow().destroy()).isTrue(); // SIGTERM

            assertThat(p.waitForExit(Duration.ofSeconds(10))).as("exited within 10 s of SIGTERM").isTrue();
            System.out.printf("SIGTERM: exited in %d ms with status %d%n", ms(System.nanoTime() - start),
                    p.exitCode().orElseThrow());
            // 143 = 128 + SIGTERM: the JVM's status after its shutdown hooks ran (README, "Stopping")
            assertThat(p.exitCode()).hasValue(143);
            assertThat(p.servePath()).doesNotExist();
            assertThat(drp.logLines()).anyMatch(l -> l.message().contains("STOPPING"));
            assertThat(p.stdout()).isEqualTo("READY!\n");
        }
    }

    @Test
    void sigtermMidRequestLetsTheRequestFinishThenExits() throws Exception {
        try (ProviderProcess p = ProviderProcess.of(Built.executable()).listen(drp)) {
            assertThat(p.config(Map.of("Name", "runbook")).status()).isEqualTo(200);
            String uuid = drp.createMachine("sigterm-" + UUID.randomUUID());
            drp.restLatency(Duration.ofMillis(400)); // increment: 4 REST calls, about 1.6 s
            CompletableFuture<ProviderProcess.Response> slow = CompletableFuture.supplyAsync(() -> p.action(
                    ListenIT.action("increment", drp.machine(uuid).orElseThrow(), Map.of())));
            drp.awaitRequest(r -> r.path().contains(uuid), WAIT);

            long start = System.nanoTime();
            assertThat(ProcessHandle.of(p.pid()).orElseThrow().destroy()).isTrue(); // SIGTERM mid-request

            ProviderProcess.Response done = slow.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(done.status()).as("the request in flight is answered: %s", done.text()).isEqualTo(200);
            assertThat(p.waitForExit(Duration.ofSeconds(15))).isTrue();
            System.out.printf("SIGTERM mid-request: the request finished and the provider exited %d ms after the"
                    + " signal%n", ms(System.nanoTime() - start));
            assertThat(p.exitCode()).hasValue(143);
            assertThat(drp.machineParam(uuid, "incrementer/touched").orElseThrow().asLong()).isEqualTo(1);
            assertThat(p.servePath()).doesNotExist();
            assertThat(p.stdout()).isEqualTo("READY!\n");
        }
    }

    @Test
    void whenTheLaunchingProcessIsKilledTheProviderStopsAndRemovesItsSocket() throws Exception {
        // the host's stand-in: a shell that starts the provider in the background and waits
        Path launcher = script("launcher", "\"" + Built.executable() + "\" \"$@\" &\nwait\n");
        try (ProviderProcess p = ProviderProcess.of(launcher).listen(drp)) {
            ProcessHandle shell = ProcessHandle.of(p.pid()).orElseThrow();
            List<ProcessHandle> children = shell.children().toList();
            assertThat(children).as("the provider under the launching shell").hasSize(1);
            ProcessHandle provider = children.get(0);
            try {
                assertThat(p.config(Map.of("Name", "runbook")).status()).isEqualTo(200);

                long start = System.nanoTime();
                assertThat(shell.destroyForcibly()).isTrue(); // kill -9: no chance to pass anything on
                provider.onExit().get(15, TimeUnit.SECONDS);
                System.out.printf("parent death: provider exited %d ms after its parent was killed%n",
                        ms(System.nanoTime() - start));

                assertThat(p.servePath()).doesNotExist();
                drp.awaitLogLine(l -> l.message().contains("STOPPING"), WAIT);
            } finally {
                provider.destroyForcibly();
            }
        }
    }

    // ------------------------------------------------------------------ starting (§1.3)

    @Test
    void listenStartsWithoutTheHostSocketAndLogsOnceItAppears() {
        drp.dialSocketDown(); // the host socket is not checked before READY (§1.3 step 1)
        try (ProviderProcess p = ProviderProcess.of(Built.executable()).listen(drp)) {
            assertThat(p.config(Map.of("Name", "early")).text()).isEqualTo(ListenIT.OK);
            drp.dialSocketUp();
            awaitLogsResume(p, drp);
            assertThat(p.stdout()).isEqualTo("READY!\n");
        }
    }

    @Test
    void listenWithOneSocketPathIsAnErrorExit1() {
        ProviderProcess.Result r = ProviderProcess.of(Built.executable()).run(Map.of(), "listen",
                tmp.resolve("only.sock").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("Error: ");
        assertThat(tmp.resolve("only.sock")).doesNotExist();
    }

    // ------------------------------------------------------------------ socket roles (Part A.2, A.3)

    @Test
    void aHostListeningOnTheFirstPathIsTheReversedOrderAndIsDialled() throws Exception {
        // `listen <host socket> <free path>`: what a host following the Go SDK's doc comment does
        Path swap = script("reversed", "[ \"$1\" = listen ] || exit 64\nexec \"" + Built.executable()
                + "\" listen \"$3\" \"$2\"\n");
        try (ProviderProcess p = ProviderProcess.of(swap).listen(drp)) {
            // ProviderProcess talks to its 1st argument, which the wrapper passed 2nd
            assertThat(p.config(Map.of("Name", "reversed")).text()).isEqualTo(ListenIT.OK);
            assertThat(p.action(ListenIT.action("incrstatus", NullNode.getInstance(), Map.of())).text())
                    .isEqualTo("\"Running\"\n");
            assertThat(Files.getPosixFilePermissions(p.servePath()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            drp.awaitLogLine(l -> l.message().contains("reversed"), WAIT); // logs reach the host socket
            assertThat(drp.isDialSocketUp()).isTrue();
            assertThat(drp.dialPath()).as("the host's live socket is never deleted").exists();
            assertThat(p.stdout()).isEqualTo("READY!\n");
        }
    }

    @Test
    void aRegularFileAtTheServePathIsAnErrorAndIsLeftAlone() throws IOException {
        Path file = Files.writeString(tmp.resolve("to.sock"), "precious");
        ProviderProcess p = ProviderProcess.of(Built.executable());
        try {
            assertThatThrownBy(() -> p.listen(drp, file)).isInstanceOfSatisfying(ProviderProcessException.class, e -> {
                assertThat(e.exitCode()).isPresent();
                assertThat(e.exitCode().getAsInt()).isNotZero();
                assertThat(e.stderr()).contains(file.toString()).contains("not a socket");
            });
        } finally {
            p.close();
        }
        assertThat(file).hasContent("precious");
    }

    @Test
    void aDirectoryAtTheServePathIsAnErrorAndIsLeftAlone() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("to.sock"));
        Files.writeString(dir.resolve("keep"), "x");
        ProviderProcess p = ProviderProcess.of(Built.executable());
        try {
            assertThatThrownBy(() -> p.listen(drp, dir)).isInstanceOfSatisfying(ProviderProcessException.class, e -> {
                assertThat(e.exitCode().orElse(0)).isNotZero();
                assertThat(e.stderr()).contains(dir.toString()).contains("directory");
            });
        } finally {
            p.close();
        }
        assertThat(dir.resolve("keep")).hasContent("x");
    }

    @Test
    void aLiveSocketOfAnotherProcessAtTheServePathIsNeverReplaced() throws IOException {
        Path sock = tmp.resolve("live.sock");
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(sock));
            ProviderProcess p = ProviderProcess.of(Built.executable());
            try {
                assertThatThrownBy(() -> p.listen(drp, sock)).isInstanceOfSatisfying(ProviderProcessException.class,
                        e -> {
                            assertThat(e.exitCode().orElse(0)).isNotZero();
                            assertThat(e.stderr()).contains(sock.toString());
                        });
            } finally {
                p.close();
            }
            assertThat(sock).as("the other process's socket").exists();
        }
    }

    @Test
    void aSecondListenOnTheSocketOfALiveProviderFailsAndTouchesNothing() throws Exception {
        // issue 11 item 4: with nothing at the 2nd path, a live provider at the 1st looked like a
        // host using the reversed order; the second process served the 2nd path and dialled the first
        try (ProviderProcess first = ProviderProcess.of(Built.executable()).listen(drp)) {
            assertThat(first.config(Map.of("Name", "first")).text()).isEqualTo(ListenIT.OK);
            ProviderProcess second = ProviderProcess.builder(Built.executable()).commandTimeout(Duration.ofSeconds(30))
                    .build();
            Path absent = tmp.resolve("absent.sock");
            for (Path dial : List.of(absent, drp.dialPath())) {
                long start = System.nanoTime();
                ProviderProcess.Result r = second.run(drp.providerEnvironment(), "listen",
                        first.servePath().toString(), dial.toString());
                System.out.printf("second listen (dial %s): exit %d after %d ms: %s%n", dial.getFileName(),
                        r.exitCode(), ms(System.nanoTime() - start), r.stderr().strip());
                assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
                assertThat(r.stdout()).as("no READY!").isEmpty();
                assertThat(r.stderr()).contains("Error: cannot serve on " + first.servePath())
                        .contains("another process is serving that socket");
                assertThat(absent).as("nothing served at the 2nd path").doesNotExist();
                assertThat(first.servePath()).exists();
                assertThat(SocketFiles.probe(first.servePath())).isEqualTo(SocketFiles.Kind.LIVE_SOCKET);
            }
            assertThat(first.action(ListenIT.action("incrstatus", NullNode.getInstance(), Map.of())).text())
                    .isEqualTo("\"Running\"\n");
            if (Curl.isAvailable()) {
                Curl.Result c = new Curl(first.servePath(), tmp).run("-s", "-X", "POST", "-H",
                        "Content-Type: application/json", "--data-binary",
                        "{\"Model\":null,\"Plugin\":\"first\",\"Command\":\"incrstatus\",\"Params\":{}}",
                        "-w", "\n%{http_code}", "http://unix" + API + "/action");
                assertThat(c.stdout()).as(c.stderr()).isEqualTo("\"Running\"\n\n200");
            }
            assertThat(first.isAlive()).isTrue();
            assertThat(drp.logLines()).noneMatch(l -> l.message().contains("reversed argument order"));
        }
    }

    @Test
    void aStaleSocketFileAtTheServePathIsReplaced() throws IOException {
        Path sock = tmp.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(sock)); // closing leaves the file: a stale socket
        }
        assertThat(sock).exists();
        try (ProviderProcess p = ProviderProcess.of(Built.executable()).listen(drp, sock)) {
            assertThat(p.config(Map.of("Name", "runbook")).text()).isEqualTo(ListenIT.OK);
            assertThat(Files.getPosixFilePermissions(sock)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(p.stop()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(200));
            assertThat(p.waitForExit(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(sock).doesNotExist();
    }

    /**
     * Makes requests until one of their log lines reaches the host (bounded): a provider may keep
     * writing lines to stderr for a moment after the host socket is back before it tries again.
     */
    static void awaitLogsResume(ProviderProcess p, FakeDrp host) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String token = "resumed-" + UUID.randomUUID() + "-"; // lines of an earlier call do not count
        for (int i = 0; ; i++) {
            String name = token + i;
            assertThat(p.config(Map.of("Name", name)).text()).isEqualTo(ListenIT.OK);
            try {
                host.awaitLogLine(l -> l.message().contains(token), Duration.ofMillis(500));
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no log line reached the host within " + WAIT
                            + " of its socket coming back", notYet);
                }
            }
        }
    }

    private Path script(String name, String body) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static long ms(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
