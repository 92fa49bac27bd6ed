package dev.limbic.demo;

import dev.limbic.app.Gateway;
import dev.limbic.config.ConfigException;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.ingest.DeviceStreamEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A running demo: the gateway on the built-in config, one simulated strap per demo responder streaming over a
 * real WebSocket to the gateway's device stream, each responder's phone on their live stream (it prints what it
 * gets and never acknowledges), and a demo alert {@link #ALERT_AFTER} in through the generic webhook. The devices
 * run on a Vert.x of their own, as separate devices would. The story's clock starts once both straps are
 * connected. The story's clock starts when the straps do.
 * With {@code speed > 1} time runs faster (the gateway and the straps share the fast clock), so the whole
 * story fits in a few seconds.
 */
public final class Demo {
    /** The built-in configuration, a class-path resource. */
    public static final String CONFIG = "dev/limbic/demo/demo.yaml";
    /** The demo's straps and their tokens, as in {@link #CONFIG}. */
    private static final Map<String, String> TOKENS = Map.of("alex", "demo-alex-strap-token", "sam", "demo-sam-strap-token");
    /** The demo responders' live tokens, as in {@link #CONFIG}. */
    public static final Map<String, String> LIVE_TOKENS = Map.of("alex", "demo-alex-live-token-0001",
            "sam", "demo-sam-live-token-00001");
    /** The demo integration's secret, as in {@link #CONFIG}. */
    public static final String ALERT_SECRET = "demo-generic-secret-000001";
    /**
     * The secret of the demo's {@code alertmanager} integration, as in {@link #CONFIG}: the one
     * {@code grafana/prometheus/alertmanager.yml} sends, so a real Alertmanager pages through the demo as it is.
     */
    public static final String ALERTMANAGER_SECRET = "demo-alertmanager-secret-0001";
    /** When (story time) the demo alert fires. */
    public static final Duration ALERT_AFTER = Duration.ofSeconds(30);

    private final Gateway gateway;
    private final Vertx devices;
    /**
     * The straps' and phones' one WebSocket client, referenced for as long as the demo runs: Vert.x 5 shuts down
     * a client that becomes unreachable, and with it its sockets, even mid-handshake (eclipse-vertx/vert.x#5612).
     */
    private final WebSocketClient sockets;
    /** The straps' WebSockets and their send timers, for {@link #stopStraps()}. */
    private final List<WebSocket> straps;
    private final List<Long> strapTimers;

    private Demo(Gateway gateway, Vertx devices, WebSocketClient sockets, List<WebSocket> straps, List<Long> strapTimers) {
        this.gateway = gateway;
        this.devices = devices;
        this.sockets = sockets;
        this.straps = straps;
        this.strapTimers = strapTimers;
    }

    /** The built-in configuration. */
    public static LimbicConfig config() throws ConfigException {
        InputStream in = Demo.class.getClassLoader().getResourceAsStream(CONFIG);
        if (in == null) {
            throw new IllegalStateException(CONFIG + " is missing from the class path");
        }
        return ConfigLoader.load("demo.yaml", in);
    }

    /**
     * Starts the gateway on {@code port} and the straps; state changes are printed to {@code out}.
     *
     * @param speed how many times faster than real time the demo runs (1 for real time)
     */
    public static Future<Demo> start(int port, double speed, PrintWriter out) throws ConfigException, IOException {
        LimbicConfig demo = config().withPort(port);
        Path dataDir = Files.createTempDirectory("limbic-demo-");
        LimbicConfig config = new LimbicConfig(demo.server(), dataDir, demo.database(), demo.stress(),
                demo.responders(), demo.teams(), demo.schedules(), demo.escalationPolicies(), demo.router(),
                demo.integrations(), demo.care());
        Clock clock = speed == 1 ? Clock.systemUTC() : new ScaledClock(Clock.systemUTC(), speed);
        long frameEveryMillis = Math.max(1, Math.round(1000 / speed));
        Vertx devices = Vertx.vertx();
        WebSocketClient sockets = devices.createWebSocketClient();
        List<Long> timers = new CopyOnWriteArrayList<>();
        return Gateway.start(config, clock, new VertxOptions(), Duration.ofMillis(frameEveryMillis)).compose(gateway -> {
            Future<WebSocket> alex = connect(gateway, sockets, "alex");
            Future<WebSocket> sam = connect(gateway, sockets, "sam");
            return Future.all(alex, sam).compose(connected -> {
                long startMillis = clock.millis();
                gateway.monitor().addListener((responder, t) -> out.printf("[%s] %s: %s -> %s (%s)%n",
                        elapsed(t.atMillis() - startMillis), responder, t.from(), t.to(), t.reason()));
                timers.add(stream(devices, alex.result(), new SimulatedStrap(HeartProfile.calm(), startMillis, 1), clock,
                        frameEveryMillis));
                timers.add(stream(devices, sam.result(), new SimulatedStrap(HeartProfile.spiking(), startMillis, 2), clock,
                        frameEveryMillis));
                devices.setTimer(Math.max(1, Math.round(ALERT_AFTER.toMillis() / speed)),
                        timer -> fireAlert(gateway, devices, out, startMillis, clock));
                return Future.all(phone(gateway, sockets, "alex", out, startMillis, clock),
                        phone(gateway, sockets, "sam", out, startMillis, clock));
            }).map(all -> new Demo(gateway, devices, sockets, List.of(alex.result(), sam.result()),
                    List.copyOf(timers)));
        }).recover(failure -> devices.close().transform(closed -> Future.failedFuture(failure)));
    }

    /** Connects a responder's strap to the gateway's device stream, as a relay would. */
    private static Future<WebSocket> connect(Gateway gateway, WebSocketClient sockets, String responder) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(gateway.port()).setURI(DeviceStreamEndpoint.PATH)
                .addHeader("Authorization", "Bearer " + TOKENS.get(responder));
        return sockets.connect(options);
    }

    /** Sends the strap's frame every strap-second; returns the timer. */
    private static long stream(Vertx vertx, WebSocket socket, SimulatedStrap strap, Clock clock, long everyMillis) {
        return vertx.setPeriodic(everyMillis, timer -> {
            if (!socket.isClosed() && !socket.writeQueueFull()) {
                socket.writeBinaryMessage(Buffer.buffer(strap.frameAt(clock.millis())));
            }
        });
    }

    /**
     * A responder's phone: connects to their live stream and prints every notification it gets. It never
     * acknowledges, so the demo alert escalates.
     */
    private static Future<WebSocket> phone(Gateway gateway, WebSocketClient sockets, String responder, PrintWriter out, long startMillis,
                                           Clock clock) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(gateway.port()).setURI("/v1/responders/" + responder + "/live")
                .addHeader("Authorization", "Bearer " + LIVE_TOKENS.get(responder));
        return sockets.connect(options).onSuccess(socket -> socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            if ("notification".equals(message.getString("type"))) {
                JsonObject n = message.getJsonObject("notification");
                out.printf("[%s] %s's phone: %s: %s%n", elapsed(clock.millis() - startMillis), responder,
                        n.getString("title"), n.getString("text"));
                out.flush();
            }
        }));
    }

    /** Posts the demo alert through the real generic intake, as any monitoring script would. */
    private static void fireAlert(Gateway gateway, Vertx devices, PrintWriter out, long startMillis, Clock clock) {
        JsonObject alert = new JsonObject().put("summary", "Checkout latency p99 above 2 s").put("severity", "error")
                .put("dedup_key", "demo/checkout-latency").put("source", "limbic-demo")
                .put("labels", new JsonObject().put("service", "checkout"));
        WebClient client = WebClient.create(devices);
        client.post(gateway.port(), "127.0.0.1", "/v1/intake/generic/demo")
                .bearerTokenAuthentication(ALERT_SECRET)
                .sendJsonObject(alert)
                .onComplete(sent -> {
                    client.close();
                    String when = elapsed(clock.millis() - startMillis);
                    if (sent.succeeded() && sent.result().statusCode() < 300) {
                        out.printf("[%s] demo alert fired (answered %d): alex is paged now; nobody acknowledges, so"
                                + " sam is paged a minute later%n", when, sent.result().statusCode());
                    } else {
                        out.printf("[%s] demo alert failed: %s%n", when, sent.succeeded()
                                ? sent.result().statusCode() + " " + sent.result().bodyAsString() : sent.cause());
                    }
                    out.flush();
                });
    }

    private static String elapsed(long millis) {
        long seconds = Math.max(0, millis / 1000);
        return String.format("+%d:%02d", seconds / 60, seconds % 60);
    }

    public int port() {
        return gateway.port();
    }

    /**
     * Switches both simulated straps off: they stop sending and their relays disconnect, as when straps run flat.
     * The gateway notices as it would live (responders go {@code UNKNOWN}, frames stop, streams close), and so do
     * Prometheus rules on its metrics, such as {@code LimbicHeartRateIngestStopped}.
     */
    public Future<Void> stopStraps() {
        strapTimers.forEach(devices::cancelTimer);
        return Future.all(straps.stream().map(WebSocket::close).toList()).mapEmpty();
    }

    /** Stops the straps and the gateway. */
    public Future<Void> close() {
        // The gateway first: it owns the database. The devices' Vert.x may not finish closing its WebSocket
        // clients once their server is gone, so it gets a bounded wait.
        return gateway.close().eventually(sockets::close).eventually(() -> devices.close().timeout(3, TimeUnit.SECONDS).otherwiseEmpty());
    }
}
