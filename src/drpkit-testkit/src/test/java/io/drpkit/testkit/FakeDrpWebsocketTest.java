package io.drpkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drpkit.sdk.internal.json.DrpJson;
import io.drpkit.sdk.model.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeDrpWebsocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeDrp drp;
    private HttpsClient client;
    private final List<Ws> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        drp = FakeDrp.builder().storeObjects("runbooks").start();
        client = HttpsClient.trustingAll(drp, drp.token());
    }

    @AfterEach
    void stop() {
        sockets.forEach(s -> s.socket.cancel());
        client.close();
        drp.close();
    }

    @Test
    void registerIsAcknowledgedWithAWebsocketEvent() throws Exception {
        Ws ws = connect(true);
        ws.send("register machines.create.*");
        JsonNode ack = ws.next();
        assertThat(ack.get("Type").asText()).isEqualTo("websocket");
        assertThat(ack.get("Action").asText()).isEqualTo("register");
        assertThat(ack.get("Key").asText()).isEqualTo("machines.create.*");
        assertThat(ack.fieldNames()).toIterable().containsExactly(
                "Time", "Type", "Action", "Key", "Principal", "Object", "Original");
        assertThat(drp.websocketRegistrations()).containsExactly(List.of("machines.create.*"));
        assertThat(drp.websocketMessages()).containsExactly("register machines.create.*");
    }

    @Test
    void restChangesReachMatchingRegistrationsOnly() throws Exception {
        Ws creates = connect(true);
        creates.registerAndAwaitAck("machines.create.*");
        Ws everything = connect(true);
        everything.registerAndAwaitAck("*.*.*");

        HttpsClient.Reply made = client.post("/api/v3/machines", "{\"Name\":\"m1\"}");
        String uuid = made.json().get("Uuid").asText();
        client.post("/api/v3/machines/" + uuid + "/params/incrementer/touched", "1");
        client.delete("/api/v3/machines/" + uuid);

        JsonNode created = creates.next();
        assertThat(created.get("Type").asText()).isEqualTo("machines");
        assertThat(created.get("Action").asText()).isEqualTo("create");
        assertThat(created.get("Key").asText()).isEqualTo(uuid);
        assertThat(created.get("Object").get("Name").asText()).isEqualTo("m1");
        assertThat(created.get("Original").isNull()).isTrue();

        assertThat(everything.nextSubject()).isEqualTo("machines.create." + uuid);
        JsonNode update = everything.next();
        assertThat(update.get("Action").asText()).isEqualTo("update");
        assertThat(update.get("Object").get("Params").get("incrementer/touched").asInt()).isEqualTo(1);
        assertThat(update.get("Original").get("Params").has("incrementer/touched")).isFalse();
        assertThat(everything.nextSubject()).isEqualTo("machines.delete." + uuid);

        assertThat(creates.poll(Duration.ofMillis(300))).as("no update/delete for creates only").isNull();
    }

    @Test
    void putIsSaveAndPatchIsUpdate() throws Exception {
        Ws ws = connect(true);
        ws.registerAndAwaitAck("runbooks.*.*");
        client.post("/api/v3/runbooks", "{\"Id\":\"r1\"}");
        client.put("/api/v3/runbooks/r1", "{\"Id\":\"r1\",\"a\":1}");
        client.patch("/api/v3/runbooks/r1", "[{\"op\":\"add\",\"path\":\"/b\",\"value\":2}]");
        assertThat(ws.nextSubject()).isEqualTo("runbooks.create.r1");
        assertThat(ws.nextSubject()).isEqualTo("runbooks.save.r1");
        JsonNode patched = ws.next();
        assertThat(patched.get("Action").asText()).isEqualTo("update");
        assertThat(patched.get("Original").get("a").asInt()).isEqualTo(1);
        assertThat(patched.get("Object").get("b").asInt()).isEqualTo(2);
    }

    @Test
    void escapedKeysAndCommaListsMatchServerSide() throws Exception {
        Ws ws = connect(true);
        ws.registerAndAwaitAck("profiles,plugins.save.a\\1b");
        drp.emit(Event.of("profiles", "save", "axb", null));
        drp.emit(Event.of("plugins", "save", "a.b", null));
        drp.emit(Event.of("machines", "save", "a.b", null));
        drp.emit(Event.of("profiles", "save", "a.b", null));
        assertThat(ws.nextSubject()).isEqualTo("plugins.save.a.b");
        assertThat(ws.nextSubject()).isEqualTo("profiles.save.a.b");
        assertThat(ws.poll(Duration.ofMillis(200))).isNull();
    }

    @Test
    void deregisterIsAcknowledgedAndStopsDelivery() throws Exception {
        Ws ws = connect(true);
        ws.registerAndAwaitAck("machines.*.*");
        ws.send("deregister machines.*.*");
        JsonNode ack = ws.next();
        assertThat(ack.get("Type").asText()).isEqualTo("websocket");
        assertThat(ack.get("Action").asText()).isEqualTo("deregister");
        assertThat(drp.websocketRegistrations()).containsExactly(List.of());
        assertThat(drp.emit(Event.of("machines", "create", "x", null))).isZero();
        assertThat(ws.poll(Duration.ofMillis(200))).isNull();
    }

    @Test
    void theTokenMayComeAsAQueryParameter() throws Exception {
        Ws ws = connect(false, "?token=" + drp.token());
        ws.registerAndAwaitAck("*.*.*");
        assertThat(drp.websocketConnectCount()).isEqualTo(1);
    }

    @Test
    void aRightQueryTokenIsAcceptedBesideAWrongBearerHeader() throws Exception {
        try (HttpsClient wrong = HttpsClient.trustingAll(drp, "wrong")) {
            Ws ws = connect(wrong, true, "?token=" + drp.token());
            ws.registerAndAwaitAck("*.*.*");
        }
        assertThat(drp.websocketConnectCount()).isEqualTo(1);
    }

    @Test
    void aWrongTokenIsRefusedBeforeTheUpgrade() throws Exception {
        try (HttpsClient wrong = HttpsClient.trustingAll(drp, "wrong")) {
            Ws ws = connect(wrong, true, "");
            assertThat(ws.failure.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(ws.failedStatus).isEqualTo(401);
        }
        assertThat(drp.websocketConnectCount()).isZero();
    }

    @Test
    void dropClosesConnectionsAbruptlyAndClientsMayReconnect() throws Exception {
        Ws first = connect(true);
        first.registerAndAwaitAck("*.*.*");
        drp.dropWebsockets();
        assertThat(first.failure.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(first.closeCode).as("no close frame").isZero();
        assertThat(drp.websocketRegistrations()).isEmpty();

        Ws second = connect(true);
        second.registerAndAwaitAck("*.*.*");
        assertThat(drp.websocketConnectCount()).isEqualTo(2);
        assertThat(drp.websocketRegistrations()).hasSize(1);
    }

    @Test
    void emitManyDeliversEveryEventInOrder() throws Exception {
        Ws ws = connect(true);
        ws.registerAndAwaitAck("machines.update.*");
        int n = 2000;
        int sent = drp.emitMany(n, i -> Event.of("machines", "update", "m" + i, null));
        assertThat(sent).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(ws.nextSubject()).isEqualTo("machines.update.m" + i);
        }
    }

    @Test
    void javaApiChangesEmitEventsToo() throws Exception {
        Ws ws = connect(true);
        ws.registerAndAwaitAck("machines.create,delete.*");
        String uuid = drp.createMachine("java");
        drp.deleteMachine(uuid);
        assertThat(ws.nextSubject()).isEqualTo("machines.create." + uuid);
        assertThat(ws.nextSubject()).isEqualTo("machines.delete." + uuid);
    }

    private Ws connect(boolean bearer) {
        return connect(bearer, "");
    }

    private Ws connect(boolean bearer, String query) {
        return connect(client, bearer, query);
    }

    private Ws connect(HttpsClient via, boolean bearer, String query) {
        String url = drp.endpoint().toString().replace("https:", "wss:") + "/api/v3/ws" + query;
        Request.Builder r = bearer ? via.request("/api/v3/ws").url(url) : new Request.Builder().url(url);
        Ws ws = new Ws();
        ws.socket = via.http.newWebSocket(r.build(), ws);
        sockets.add(ws);
        return ws;
    }

    /** Collects frames in a queue; waits are bounded. */
    static final class Ws extends WebSocketListener {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CountDownLatch failure = new CountDownLatch(1);
        volatile int failedStatus;
        volatile int closeCode;
        WebSocket socket;

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            frames.add(text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closeCode = code;
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            failedStatus = response == null ? 0 : response.code();
            failure.countDown();
        }

        void send(String text) {
            assertThat(socket.send(text)).isTrue();
        }

        void registerAndAwaitAck(String pattern) throws InterruptedException {
            send("register " + pattern);
            JsonNode ack = next();
            assertThat(ack.get("Type").asText()).isEqualTo("websocket");
            assertThat(ack.get("Key").asText()).isEqualTo(pattern);
        }

        JsonNode next() throws InterruptedException {
            String frame = poll(WAIT);
            assertThat(frame).as("a frame within " + WAIT).isNotNull();
            try {
                return DrpJson.readTree(frame);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String nextSubject() throws InterruptedException {
            JsonNode e = next();
            return e.get("Type").asText() + "." + e.get("Action").asText() + "." + e.get("Key").asText();
        }

        String poll(Duration timeout) throws InterruptedException {
            return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
