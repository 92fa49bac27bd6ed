package dev.limbic.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A small Chrome DevTools Protocol client for browser tests: one WebSocket to the browser target (the
 * {@code debuggerAddress} ChromeDriver reports), commands to the browser or to a page's flattened session, and
 * event listeners. Selenium's own {@code executeCdpCommand} reaches only the page and delivers no events, and
 * Bluetooth emulation needs both: {@code BluetoothEmulation} lives on the browser target, {@code DeviceAccess}
 * (the device chooser) on the page.
 */
public final class DevTools implements AutoCloseable {
    private static final long COMMAND_SECONDS = 10;

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final List<BiConsumer<JsonObject, JsonObject>> listeners = new CopyOnWriteArrayList<>();

    private DevTools(WebSocket socket) {
        this.socket = socket;
    }

    /** Connects to the browser whose DevTools listen on {@code debuggerAddress} ({@code host:port}). */
    public static DevTools connect(String debuggerAddress) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String version = http.send(HttpRequest.newBuilder(URI.create("http://" + debuggerAddress + "/json/version")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String url = new JsonObject(version).getString("webSocketDebuggerUrl");
        Receiver receiver = new Receiver();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(url), receiver).get(10, TimeUnit.SECONDS);
        DevTools devTools = new DevTools(socket);
        receiver.devTools = devTools;
        return devTools;
    }

    /** Sends a command to the browser target and waits for its result. */
    public JsonObject browser(String method, JsonObject params) {
        return call(method, params, null);
    }

    /** Sends a command to a page's session and waits for its result. */
    public JsonObject page(String sessionId, String method, JsonObject params) {
        return call(method, params, sessionId);
    }

    /** Sends a command without waiting (for use from event listeners, which run on the receiving thread). */
    public CompletableFuture<JsonObject> send(String method, JsonObject params, String sessionId) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> result = new CompletableFuture<>();
        pending.put(id, result);
        JsonObject message = new JsonObject().put("id", id).put("method", method).put("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        synchronized (socket) {
            socket.sendText(message.encode(), true).join();
        }
        return result;
    }

    private JsonObject call(String method, JsonObject params, String sessionId) {
        try {
            return send(method, params, sessionId).get(COMMAND_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(method + " failed: " + e, e);
        }
    }

    /** Calls {@code listener} with the params and the whole message of every event named {@code method}. */
    public void on(String method, BiConsumer<JsonObject, JsonObject> listener) {
        listeners.add((message, params) -> {
            if (method.equals(message.getString("method"))) {
                listener.accept(params, message);
            }
        });
    }

    /** Attaches to the first page target and answers its flattened session id. */
    public String attachToPage() {
        JsonArray targets = browser("Target.getTargets", new JsonObject()).getJsonArray("targetInfos");
        for (int i = 0; i < targets.size(); i++) {
            JsonObject target = targets.getJsonObject(i);
            if ("page".equals(target.getString("type"))) {
                return browser("Target.attachToTarget", new JsonObject()
                        .put("targetId", target.getString("targetId")).put("flatten", true)).getString("sessionId");
            }
        }
        throw new AssertionError("no page target in " + targets.encodePrettily());
    }

    private void received(String text) {
        JsonObject message = new JsonObject(text);
        Integer id = message.getInteger("id");
        if (id != null) {
            CompletableFuture<JsonObject> result = pending.remove(id);
            if (result != null) {
                if (message.containsKey("error")) {
                    result.completeExceptionally(new IllegalStateException(message.getJsonObject("error").encode()));
                } else {
                    result.complete(message.getJsonObject("result", new JsonObject()));
                }
            }
            return;
        }
        JsonObject params = message.getJsonObject("params", new JsonObject());
        for (BiConsumer<JsonObject, JsonObject> listener : listeners) {
            listener.accept(message, params);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        socket.abort();
    }

    private static final class Receiver implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private volatile DevTools devTools;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                devTools.received(message);
            }
            webSocket.request(1);
            return null;
        }
    }
}
