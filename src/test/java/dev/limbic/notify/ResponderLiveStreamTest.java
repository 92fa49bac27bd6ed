package dev.limbic.notify;

import dev.limbic.alert.Severity;
import dev.limbic.delivery.ActionKind;
import dev.limbic.delivery.BreathingPattern;
import dev.limbic.delivery.DeliveryResult;
import dev.limbic.delivery.Notification;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.limbic.notify.Receiver.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The responder live stream over a real WebSocket: authentication, pushed notifications, actions back. */
@ExtendWith(VertxExtension.class)
class ResponderLiveStreamTest {
    private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

    private Vertx vertx;
    private HttpServer server;
    private WebSocketClient sockets;
    private ResponderLiveStream stream;
    private LiveChannel channel;
    private final BlockingQueue<ResponderAction> actions = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        this.vertx = vertx;
        LiveTokens tokens = LiveTokens.ofPlainTokens(Map.of("alice", "alice-token", "bob", "bob-token"));
        stream = new ResponderLiveStream(vertx, tokens, action -> {
            actions.add(action);
            return action.incidentId().equals("inc-gone")
                    ? Future.failedFuture("incident inc-gone is already resolved")
                    : Future.succeededFuture();
        }, Clock.fixed(NOW, ZoneOffset.UTC));
        channel = new LiveChannel("live", stream, Duration.ofSeconds(10));
        Router router = Router.router(vertx);
        stream.mount(router);
        server = await(vertx.createHttpServer().requestHandler(router).listen(0));
        sockets = vertx.createWebSocketClient();
    }

    @AfterEach
    void tearDown() throws Exception {
        await(stream.closeAll());
        await(sockets.close());
        await(server.close());
    }

    /** A connected client and the text messages it receives. */
    private record Client(WebSocket socket, BlockingQueue<JsonObject> inbox) {
        JsonObject next() throws InterruptedException {
            JsonObject message = inbox.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message from the live stream").isNotNull();
            return message;
        }

        void send(JsonObject message) throws Exception {
            await(socket.writeTextMessage(message.encode()));
        }
    }

    private Future<WebSocket> connectRaw(String uri, String bearer) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost")
                .setPort(server.actualPort()).setURI(uri);
        if (bearer != null) {
            options.addHeader("Authorization", "Bearer " + bearer);
        }
        return sockets.connect(options);
    }

    private Client connect(String uri, String bearer) throws Exception {
        BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost")
                .setPort(server.actualPort()).setURI(uri);
        if (bearer != null) {
            options.addHeader("Authorization", "Bearer " + bearer);
        }
        var socket = sockets.webSocket().textMessageHandler(text -> inbox.add(new JsonObject(text)));
        await(socket.connect(options));
        Client client = new Client(socket, inbox);
        assertThat(client.next()).isEqualTo(new JsonObject().put("type", "hello")
                .put("responder", uri.split("[/?]")[3]));
        return client;
    }

    private int rejectionStatus(String uri, String bearer) {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> await(connectRaw(uri, bearer)));
        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(UpgradeRejectedException.class);
        return ((UpgradeRejectedException) failure.getCause()).getStatus();
    }

    @Test
    void connectionsWithoutTheRightTokenAreRefusedWith401() {
        assertThat(rejectionStatus("/v1/responders/alice/live", null)).isEqualTo(401);
        assertThat(rejectionStatus("/v1/responders/alice/live?access_token=wrong", null)).isEqualTo(401);
        assertThat(rejectionStatus("/v1/responders/alice/live", "bob-token")).isEqualTo(401);
        assertThat(rejectionStatus("/v1/responders/mallory/live", "alice-token")).isEqualTo(401);
        assertThat(stream.connectionCount("alice")).isZero();
    }

    @Test
    void aPlainRequestWithAValidTokenGets400NamingTheProblem() throws Exception {
        HttpClient http = vertx.createHttpClient();
        try {
            // The body is asked for inside the request's callback, on the event loop, so the answer cannot end
            // before it is read (attached one step further out, by this thread, it can: see HttpProbe.send).
            Map.Entry<Integer, JsonObject> response = await(http.request(HttpMethod.GET, server.actualPort(),
                            "localhost", "/v1/responders/alice/live?access_token=alice-token")
                    .compose(request -> request.send()
                            .compose(reply -> reply.body().map(body -> Map.entry(reply.statusCode(), body.toJsonObject())))));
            assertThat(response.getKey()).isEqualTo(400);
            assertThat(response.getValue().getString("error")).isEqualTo("expected a WebSocket upgrade request");
        } finally {
            await(http.close());
        }
    }

    @Test
    void aBreathingPromptIsPushedToEveryOpenConnectionOfItsResponderOnly() throws Exception {
        Client phone = connect("/v1/responders/alice/live?access_token=alice-token", null);
        Client laptop = connect("/v1/responders/alice/live", "alice-token");
        Client bob = connect("/v1/responders/bob/live", "bob-token");
        assertThat(stream.connectionCount("alice")).isEqualTo(2);

        Notification prompt = Notification.breathingPrompt("b-1", "alice", "inc-1", BreathingPattern.DEFAULT,
                "You have time for this.", NOW);
        assertThat(await(channel.deliver(prompt))).isEqualTo(DeliveryResult.delivered());

        for (Client client : List.of(phone, laptop)) {
            JsonObject message = client.next();
            assertThat(message.getString("type")).isEqualTo("notification");
            JsonObject notification = message.getJsonObject("notification");
            assertThat(notification.getString("kind")).isEqualTo("breathing_prompt");
            assertThat(notification.getString("incident_id")).isEqualTo("inc-1");
            assertThat(notification.getJsonObject("breathing")).isEqualTo(new JsonObject()
                    .put("inhale_seconds", 2).put("hold_seconds", 2).put("exhale_seconds", 2).put("cycles", 1)
                    .put("total_seconds", 6));
        }
        assertThat(bob.inbox().poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aClientThatSendsReceiptsConfirmsDelivery() throws Exception {
        Client phone = connect("/v1/responders/alice/live?receipts=1", "alice-token");
        Notification page = Notification.page("p-1", "alice", "inc-1", Severity.CRITICAL, "Down", "", NOW);

        Future<DeliveryResult> result = channel.deliver(page);
        assertThat(phone.next().getJsonObject("notification").getString("id")).isEqualTo("p-1");
        assertThat(result.isComplete()).isFalse();
        phone.send(new JsonObject().put("type", "received").put("notification_id", "p-1"));
        assertThat(await(result)).isEqualTo(DeliveryResult.delivered());
    }

    @Test
    void withoutAReceiptInTimeTheLiveChannelFailsPermanently() throws Exception {
        Client phone = connect("/v1/responders/alice/live?receipts=1", "alice-token");
        LiveChannel impatient = new LiveChannel("live", stream, Duration.ofMillis(200));
        Notification page = Notification.page("p-2", "alice", "inc-1", Severity.CRITICAL, "Down", "", NOW);

        assertThat(await(impatient.deliver(page)))
                .isEqualTo(DeliveryResult.permanent("no receipt within 200 ms from 1 live connection(s)"));
        assertThat(phone.next().getJsonObject("notification").getString("id")).isEqualTo("p-2");
    }

    @Test
    void withNobodyConnectedTheLiveChannelFailsPermanentlySoThePageMovesOn() throws Exception {
        Notification page = Notification.page("p-1", "alice", "inc-1", Severity.CRITICAL, "Down", "", NOW);
        assertThat(await(channel.deliver(page))).isEqualTo(DeliveryResult.permanent("no open live connection"));

        Client phone = connect("/v1/responders/alice/live", "alice-token");
        await(phone.socket().close());
        for (int i = 0; i < 500 && stream.connectionCount("alice") > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(await(channel.deliver(page))).isEqualTo(DeliveryResult.permanent("no open live connection"));
    }

    @Test
    void actionsReachTheHandlerAsTheAuthenticatedResponder() throws Exception {
        Client phone = connect("/v1/responders/alice/live", "alice-token");

        phone.send(new JsonObject().put("type", "action").put("request_id", "r1").put("action", "snooze")
                .put("incident_id", "inc-1").put("notification_id", "p-1").put("minutes", 30)
                .put("responder", "bob"));
        assertThat(phone.next()).isEqualTo(new JsonObject().put("type", "action_result").put("request_id", "r1")
                .put("ok", true));
        ResponderAction snooze = actions.poll(10, TimeUnit.SECONDS);
        assertThat(snooze).isEqualTo(new ResponderAction("alice", ActionKind.SNOOZE, "inc-1",
                java.util.Optional.of("p-1"), 30, java.util.Optional.empty(), java.util.Optional.empty(), NOW));

        phone.send(new JsonObject().put("request_id", "r2").put("action", "hand_over").put("incident_id", "inc-1")
                .put("to", "bob"));
        assertThat(phone.next().getBoolean("ok")).isTrue();
        assertThat(actions.poll(10, TimeUnit.SECONDS).handOverTo()).contains("bob");

        phone.send(new JsonObject().put("request_id", "r3").put("action", "note").put("incident_id", "inc-1")
                .put("text", "I see the dashboard, hear the fan; the database is out of disk."));
        assertThat(phone.next().getBoolean("ok")).isTrue();
        assertThat(actions.poll(10, TimeUnit.SECONDS).note()).isPresent();

        phone.send(new JsonObject().put("request_id", "r4").put("action", "resolve").put("incident_id", "inc-gone"));
        assertThat(phone.next()).isEqualTo(new JsonObject().put("type", "action_result").put("request_id", "r4")
                .put("ok", false).put("error", "incident inc-gone is already resolved"));
        assertThat(actions.poll(10, TimeUnit.SECONDS).kind()).isEqualTo(ActionKind.RESOLVE);
    }

    @Test
    void malformedActionsGetAnErrorNamingTheField() throws Exception {
        Client phone = connect("/v1/responders/alice/live", "alice-token");

        phone.send(new JsonObject().put("request_id", "r1").put("action", "snooze").put("incident_id", "inc-1"));
        assertThat(phone.next()).isEqualTo(new JsonObject().put("type", "error")
                .put("error", "field 'minutes' must be a whole number from 1 to 1440").put("request_id", "r1"));

        phone.send(new JsonObject().put("request_id", "r2").put("action", "dance").put("incident_id", "inc-1"));
        assertThat(phone.next().getString("error")).startsWith("field 'action' must be one of");

        phone.send(new JsonObject().put("request_id", "r3").put("action", "acknowledge"));
        assertThat(phone.next().getString("error")).isEqualTo("field 'incident_id' is required");

        await(phone.socket().writeTextMessage("not json"));
        assertThat(phone.next().getString("error")).isEqualTo("message is not a JSON object");

        phone.send(new JsonObject().put("type", "subscribe"));
        assertThat(phone.next().getString("error")).isEqualTo("field 'type' must be 'action', 'received' or 'ping'");

        phone.send(new JsonObject().put("type", "ping"));
        assertThat(phone.next()).isEqualTo(new JsonObject().put("type", "pong"));
        assertThat(actions).isEmpty();
    }

    @Test
    void tokensAreKeptOnlyAsHashes() {
        assertThat(LiveTokens.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        LiveTokens tokens = LiveTokens.ofPlainTokens(Map.of("alice", "abc"));
        assertThat(tokens.liveTokenHash("alice")).contains(LiveTokens.sha256Hex("abc"));
        assertThat(tokens.matches("alice", "abc")).isTrue();
        assertThat(tokens.matches("alice", "")).isFalse();
        assertThat(tokens.matches("alice", null)).isFalse();
        assertThat(tokens.matches("bob", "abc")).isFalse();
    }
}
