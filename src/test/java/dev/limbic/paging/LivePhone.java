package dev.limbic.paging;

import dev.limbic.testing.Await;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A responder's phone on their live stream: keeps every notification it is sent, in order. */
final class LivePhone {
    private final BlockingQueue<JsonObject> notifications = new LinkedBlockingQueue<>();
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JsonObject> results = new LinkedBlockingQueue<>();
    private WebSocket socket;

    static LivePhone connect(WebSocketClient sockets, int port, String responder, String liveToken) throws Exception {
        LivePhone phone = new LivePhone();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI("/v1/responders/" + responder + "/live").addHeader("Authorization", "Bearer " + liveToken);
        phone.socket = Await.result(sockets.connect(options));
        phone.socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            if ("notification".equals(message.getString("type"))) {
                phone.received.add(message.getJsonObject("notification"));
                phone.notifications.add(message.getJsonObject("notification"));
            } else if ("action_result".equals(message.getString("type"))) {
                phone.results.add(message);
            }
        });
        return phone;
    }

    /** The next notification, waiting up to 15 seconds. */
    JsonObject next() throws InterruptedException {
        JsonObject next = notifications.poll(15, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no notification arrived");
        }
        return next;
    }

    /** The next notification if one arrives within {@code millis}. */
    JsonObject poll(long millis) throws InterruptedException {
        return notifications.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The first notification received so far (whether taken with {@link #next} or not) that is {@code wanted}. */
    Optional<JsonObject> find(Predicate<JsonObject> wanted) {
        return received.stream().filter(wanted).findFirst();
    }

    /** Every notification received so far. */
    List<JsonObject> received() {
        return List.copyOf(received);
    }

    /** Takes an action as the responder's app would; the gateway's {@code action_result}. */
    JsonObject act(JsonObject action) throws Exception {
        Await.result(socket.writeTextMessage(action.put("type", "action").encode()));
        JsonObject result = results.poll(15, TimeUnit.SECONDS);
        if (result == null) {
            throw new AssertionError("no action_result arrived");
        }
        return result;
    }
}
