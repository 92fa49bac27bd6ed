package dev.limbic.notify;

import dev.limbic.delivery.ActionKind;
import dev.limbic.delivery.Notification;
import dev.limbic.web.JsonText;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The responder live stream: a WebSocket at {@value #PATH} that a responder's app or page keeps open.
 *
 * <p><b>Authentication</b>: the responder's live token as {@code Authorization: Bearer <token>} or, for
 * browsers (which cannot set headers on a WebSocket), as {@code ?access_token=<token>}. A missing or wrong
 * token, or an unknown responder, gets 401 before the upgrade; more than {@value #MAX_CONNECTIONS_PER_RESPONDER}
 * open connections for one responder get 429.
 *
 * <p><b>Receipts</b>: a client that connects with {@code ?receipts=1} promises to answer every notification with
 * {@code {"type":"received","notification_id":"..."}} once it has shown it. A notification pushed only to such
 * clients counts as delivered when the first receipt arrives; without one within the channel's timeout, the
 * page moves on to the responder's next channel (a laptop asleep in a bag still holds its TCP connection open).
 * On a connection without receipts a successful write counts as delivered.
 *
 * <p><b>Server to client</b> (text frames, JSON): {@code {"type":"hello","responder":"alice"}} once;
 * {@code {"type":"notification","notification":{...NotificationJson...}}} for every notification;
 * {@code {"type":"action_result","request_id":"r1","ok":true}} (or {@code "ok":false,"error":"..."}) for
 * every action; {@code {"type":"error","error":"..."}} for a message that could not be read;
 * {@code {"type":"pong"}} for a ping.
 *
 * <p><b>Client to server</b>: {@code {"type":"action","request_id":"r1","action":"acknowledge|resolve|snooze|
 * escalate|hand_over|note","incident_id":"inc-1","notification_id":"n1","minutes":30,"to":"bob","text":"..."}}
 * ({@code minutes} for snooze, optional {@code to} for hand_over, {@code text} for note); or
 * {@code {"type":"ping"}}; or a receipt (above). Actions go to the {@link ResponderActionHandler} as the
 * authenticated responder.
 */
public final class ResponderLiveStream {
    /** Where the stream is mounted. */
    public static final String PATH = "/v1/responders/:id/live";
    /** Most open connections one responder may have (phone, laptop, a few tabs). */
    public static final int MAX_CONNECTIONS_PER_RESPONDER = 8;
    /** Longest client message, in characters. */
    static final int MAX_MESSAGE_CHARS = 8192;

    private static final Logger LOG = LoggerFactory.getLogger(ResponderLiveStream.class);

    private final Vertx vertx;
    private final LiveTokens tokens;
    private final ResponderActionHandler actions;
    private final Clock clock;
    private final Map<String, Set<Connection>> connections = new ConcurrentHashMap<>();
    /** Pushed notifications waiting for a receipt, by responder and notification id. */
    private final Map<String, Promise<Boolean>> awaitingReceipt = new ConcurrentHashMap<>();

    /** One open WebSocket of a responder, and whether its client sends receipts. */
    private record Connection(ServerWebSocket socket, boolean sendsReceipts) {
    }

    /**
     * What became of one push.
     *
     * @param written   on how many connections it was written
     * @param confirmed whether a client confirmed it: a receipt arrived, or it was written to a connection that
     *                  does not send receipts
     */
    public record PushOutcome(int written, boolean confirmed) {
    }

    /**
     * @param vertx   runs receipt timers
     * @param tokens  each responder's live token (hashed)
     * @param actions where responders' actions go
     * @param clock   stamps received actions
     */
    public ResponderLiveStream(Vertx vertx, LiveTokens tokens, ResponderActionHandler actions, Clock clock) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.actions = actions;
        this.clock = clock;
    }

    /** Adds the stream's route ({@value #PATH}) to {@code router}. */
    public void mount(Router router) {
        router.get(PATH).handler(handler());
    }

    /** The handler for a route with an {@code :id} path parameter, for routers that mount it elsewhere. */
    public Handler<RoutingContext> handler() {
        return this::upgrade;
    }

    /**
     * Pushes {@code notification} to every open connection of its responder and, if every connection written
     * to sends receipts, waits up to {@code receiptTimeout} for the first receipt.
     */
    public Future<PushOutcome> push(Notification notification, Duration receiptTimeout) {
        String frame = JsonText.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", "notification");
            json.writeFieldName("notification");
            NotificationJson.write(json, notification);
            json.writeEndObject();
        });
        List<Connection> targets = connections.getOrDefault(notification.responder(), Set.of()).stream()
                .filter(c -> !c.socket().isClosed() && !c.socket().writeQueueFull()).toList();
        if (targets.isEmpty()) {
            return Future.succeededFuture(new PushOutcome(0, false));
        }
        String key = notification.responder() + "\n" + notification.id();
        boolean needReceipt = targets.stream().allMatch(Connection::sendsReceipts);
        Promise<Boolean> receipt = needReceipt ? awaitingReceipt.computeIfAbsent(key, k -> Promise.promise()) : null;
        List<Future<Void>> writes = targets.stream().map(c -> c.socket().writeTextMessage(frame)).toList();
        return Future.join(writes).transform(done -> {
            int written = (int) writes.stream().filter(Future::succeeded).count();
            if (receipt == null || written == 0) {
                if (receipt != null) {
                    awaitingReceipt.remove(key, receipt);
                }
                return Future.succeededFuture(new PushOutcome(written, written > 0));
            }
            long timer = vertx.setTimer(Math.max(1, receiptTimeout.toMillis()), id -> {
                awaitingReceipt.remove(key, receipt);
                receipt.tryComplete(false);
            });
            return receipt.future().map(confirmed -> {
                vertx.cancelTimer(timer);
                return new PushOutcome(written, confirmed);
            });
        });
    }

    /** How many connections {@code responderId} has open now. */
    public int connectionCount(String responderId) {
        return connections.getOrDefault(responderId, Set.of()).size();
    }

    /** Closes every open connection (on shutdown). */
    public Future<Void> closeAll() {
        List<Future<Void>> closing = new ArrayList<>();
        connections.values().forEach(open -> open.stream().filter(c -> !c.socket().isClosed())
                .forEach(c -> closing.add(c.socket().close())));
        return Future.join(closing).mapEmpty();
    }

    private void upgrade(RoutingContext ctx) {
        String responder = ctx.pathParam("id");
        HttpServerRequest request = ctx.request();
        Optional<String> token = presentedToken(ctx);
        if (responder == null || token.isEmpty() || !tokens.matches(responder, token.get())) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"limbic-live\"");
            reject(ctx, 401, token.isEmpty()
                    ? "a live token is required (Authorization: Bearer or access_token)"
                    : "the live token does not match responder " + responder);
            return;
        }
        if (!request.canUpgradeToWebSocket()) {
            reject(ctx, 400, "expected a WebSocket upgrade request");
            return;
        }
        if (connectionCount(responder) >= MAX_CONNECTIONS_PER_RESPONDER) {
            reject(ctx, 429, "too many live connections for responder " + responder);
            return;
        }
        boolean receipts = "1".equals(request.getParam("receipts")) || "true".equals(request.getParam("receipts"));
        request.toWebSocket().onSuccess(socket -> accept(responder, new Connection(socket, receipts)))
                .onFailure(failure -> LOG.debug("live stream upgrade for {} failed: {}", responder, failure.toString()));
    }

    private static void reject(RoutingContext ctx, int status, String reason) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", reason).encode());
    }

    private static Optional<String> presentedToken(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        return Optional.ofNullable(ctx.request().getParam("access_token")).filter(t -> !t.isBlank());
    }

    private void accept(String responder, Connection connection) {
        ServerWebSocket socket = connection.socket();
        connections.computeIfAbsent(responder, r -> new CopyOnWriteArraySet<>()).add(connection);
        socket.closeHandler(closed -> connections.computeIfPresent(responder, (r, open) -> {
            open.remove(connection);
            return open.isEmpty() ? null : open;
        }));
        socket.exceptionHandler(failure -> LOG.debug("live stream of {}: {}", responder, failure.toString()));
        socket.textMessageHandler(text -> onMessage(responder, socket, text));
        socket.writeTextMessage(new JsonObject().put("type", "hello").put("responder", responder).encode());
    }

    private void onMessage(String responder, ServerWebSocket socket, String text) {
        if (text.length() > MAX_MESSAGE_CHARS) {
            sendError(socket, null, "message longer than " + MAX_MESSAGE_CHARS + " characters");
            return;
        }
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (DecodeException | ClassCastException notJson) {
            sendError(socket, null, "message is not a JSON object");
            return;
        }
        String type = message.getValue("type") instanceof String t ? t : "action";
        if (type.equals("ping")) {
            socket.writeTextMessage(new JsonObject().put("type", "pong").encode());
            return;
        }
        Object requestId = message.getValue("request_id");
        if (type.equals("received")) {
            if (message.getValue("notification_id") instanceof String id) {
                Promise<Boolean> receipt = awaitingReceipt.remove(responder + "\n" + id);
                if (receipt != null) {
                    receipt.tryComplete(true);
                }
            } else {
                sendError(socket, requestId, "field 'notification_id' must be a string");
            }
            return;
        }
        if (!type.equals("action")) {
            sendError(socket, requestId, "field 'type' must be 'action', 'received' or 'ping'");
            return;
        }
        ResponderAction action;
        try {
            action = parseAction(responder, message);
        } catch (IllegalArgumentException invalid) {
            sendError(socket, requestId, invalid.getMessage());
            return;
        }
        Future<Void> handled;
        try {
            handled = actions.handle(action);
        } catch (RuntimeException failure) {
            handled = Future.failedFuture(failure);
        }
        handled.onComplete(done -> {
            JsonObject result = new JsonObject().put("type", "action_result").put("request_id", requestId)
                    .put("ok", done.succeeded());
            if (done.failed()) {
                result.put("error", String.valueOf(done.cause().getMessage()));
            }
            if (!socket.isClosed()) {
                socket.writeTextMessage(result.encode());
            }
        });
    }

    private ResponderAction parseAction(String responder, JsonObject message) {
        String actionName = string(message, "action")
                .orElseThrow(() -> new IllegalArgumentException("field 'action' is required"));
        ActionKind kind = ActionKind.parse(actionName).orElseThrow(() -> new IllegalArgumentException(
                "field 'action' must be one of acknowledge, resolve, snooze, escalate, hand_over, note"));
        String incidentId = string(message, "incident_id")
                .orElseThrow(() -> new IllegalArgumentException("field 'incident_id' is required"));
        int minutes = 0;
        if (kind == ActionKind.SNOOZE) {
            Object value = message.getValue("minutes");
            if (!(value instanceof Number number) || number.doubleValue() != number.intValue()
                    || number.intValue() < 1 || number.intValue() > ResponderAction.MAX_SNOOZE_MINUTES) {
                throw new IllegalArgumentException("field 'minutes' must be a whole number from 1 to "
                        + ResponderAction.MAX_SNOOZE_MINUTES);
            }
            minutes = number.intValue();
        }
        Optional<String> note = Optional.empty();
        if (kind == ActionKind.NOTE) {
            String words = string(message, "text")
                    .orElseThrow(() -> new IllegalArgumentException("field 'text' is required for a note"));
            if (words.length() > ResponderAction.MAX_NOTE_CHARS) {
                throw new IllegalArgumentException("field 'text' must be at most "
                        + ResponderAction.MAX_NOTE_CHARS + " characters");
            }
            note = Optional.of(words);
        }
        Optional<String> to = kind == ActionKind.HAND_OVER ? string(message, "to") : Optional.empty();
        return new ResponderAction(responder, kind, incidentId, string(message, "notification_id"), minutes, to,
                note, clock.instant());
    }

    private static Optional<String> string(JsonObject message, String field) {
        Object value = message.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-empty string");
        }
        return Optional.of(text);
    }

    private static void sendError(ServerWebSocket socket, Object requestId, String error) {
        JsonObject reply = new JsonObject().put("type", "error").put("error", error);
        if (requestId != null) {
            reply.put("request_id", requestId);
        }
        socket.writeTextMessage(reply.encode());
    }
}
