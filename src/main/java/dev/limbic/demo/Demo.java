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

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A running demo of the story Limbic exists for: the gateway on the built-in config, one simulated strap per demo
 * responder streaming over a real WebSocket to the gateway's device stream, each responder's phone on their live
 * stream (it prints what it gets), and alerts through the real generic webhook. The devices run on a Vert.x of their
 * own, as separate devices would; the story's clock starts once both straps are connected.
 *
 * <p>The story: a demo alert {@link #ALERT_AFTER} in pages alex; {@link #RISE_AFTER} in alex's heart rate climbs
 * from 70 to 132 bpm. Limbic sends alex a breathing prompt and holds his escalation timer while he breathes (his phone
 * acknowledges just before the prompt ends); a warning alert {@link #WARNING_AFTER} in is held while he is stressed
 * and delivered when he calms down (or at the configured bound); after a minute of acute stress, his partner sam is
 * paged to join him. Every incident's timeline is printed as it grows. With {@code speed > 1} time runs faster (the
 * gateway and the straps share the fast clock), so the whole story fits in a few seconds.
 */
public final class Demo {
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
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
    public static final Duration ALERT_AFTER = Duration.ofSeconds(75);
    /** When (story time) alex's heart rate starts to climb. */
    public static final Duration RISE_AFTER = ALERT_AFTER.plusSeconds(15);
    /** When (story time) the warning alert fires. */
    public static final Duration WARNING_AFTER = ALERT_AFTER.plusSeconds(65);
    /** Timeline kinds not printed: deliveries echo the phones' own lines. */
    private static final Set<String> QUIET_KINDS = Set.of("delivered");

    private final Gateway gateway;
    private final Vertx devices;
    /**
     * The straps' and phones' one WebSocket client, referenced for as long as the demo runs: Vert.x 5 shuts down
     * a client that becomes unreachable, and with it its sockets, even mid-handshake (eclipse-vertx/vert.x#5612).
     */
    private final WebSocketClient sockets;
    /** The alert sender's and the timeline reader's HTTP client. */
    private final WebClient http;
    private final Story story;
    /** The straps' WebSockets and their send timers, for {@link #stopStraps()}. */
    private final List<WebSocket> straps;
    private final List<Long> strapTimers;
    /** The demo's data directory (its embedded database among it), removed on close. */
    private final Path dataDir;

    private Demo(Gateway gateway, Path dataDir, Vertx devices, WebSocketClient sockets, WebClient http, Story story,
                 List<WebSocket> straps, List<Long> strapTimers) {
        this.gateway = gateway;
        this.dataDir = dataDir;
        this.devices = devices;
        this.sockets = sockets;
        this.http = http;
        this.story = story;
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
        WebClient http = WebClient.create(devices);
        return Gateway.start(config, clock, new VertxOptions(), Duration.ofMillis(frameEveryMillis)).compose(gateway -> {
            Future<WebSocket> alex = connect(gateway, sockets, "alex");
            Future<WebSocket> sam = connect(gateway, sockets, "sam");
            return Future.all(alex, sam).compose(connected -> {
                long startMillis = clock.millis();
                gateway.monitor().addListener((responder, t) -> out.printf("[%s] %s: %s -> %s (%s)%n",
                        elapsed(t.atMillis() - startMillis), responder, t.from(), t.to(), t.reason()));
                List<Long> strapTimers = List.of(
                        stream(devices, alex.result(), new SimulatedStrap(HeartProfile.stressedAt(RISE_AFTER.toSeconds()),
                                startMillis, 1), clock, frameEveryMillis),
                        stream(devices, sam.result(), new SimulatedStrap(HeartProfile.calm(), startMillis, 2), clock,
                                frameEveryMillis));
                Story story = new Story(gateway, devices, http, out, startMillis, clock, speed);
                devices.setTimer(story.realMillis(ALERT_AFTER), timer -> story.fireAlert("demo/checkout-latency",
                        "Checkout latency p99 above 2 s", "error", "alex is paged now"));
                devices.setTimer(story.realMillis(WARNING_AFTER), timer -> story.fireAlert("demo/disk-space",
                        "Disk 85% full on db-1", "warning", "a warning for alex while he is stressed"));
                devices.setPeriodic(Math.max(100, frameEveryMillis), timer -> {
                    if (story.closed) {
                        devices.cancelTimer(timer);
                    } else {
                        story.printTimelines();
                    }
                });
                return Future.all(phone(gateway, sockets, "alex", story), phone(gateway, sockets, "sam", story))
                        .map(all -> new Demo(gateway, dataDir, devices, sockets, http, story,
                                List.of(alex.result(), sam.result()), strapTimers));
            });
        }).recover(failure -> devices.close().eventually(() -> deleteDataDir(dataDir))
                .transform(closed -> Future.failedFuture(failure)));
    }

    /** Connects a responder's strap to the gateway's device stream, as a relay would. */
    private static Future<WebSocket> connect(Gateway gateway, WebSocketClient sockets, String responder) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(gateway.port()).setURI(DeviceStreamEndpoint.PATH)
                .addHeader("Authorization", "Bearer " + TOKENS.get(responder));
        return sockets.connect(options);
    }

    /** Sends the strap's frame every strap-second. */
    private static long stream(Vertx vertx, WebSocket socket, SimulatedStrap strap, Clock clock, long everyMillis) {
        return vertx.setPeriodic(everyMillis, timer -> {
            if (!socket.isClosed() && !socket.writeQueueFull()) {
                socket.writeBinaryMessage(Buffer.buffer(strap.frameAt(clock.millis())));
            }
        });
    }

    /**
     * A responder's phone: connects to their live stream and prints every notification it gets. On a breathing
     * prompt it acknowledges the incident just before the exercise ends, as a responder who got their breath back.
     */
    private static Future<WebSocket> phone(Gateway gateway, WebSocketClient sockets, String responder, Story story) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(gateway.port()).setURI("/v1/responders/" + responder + "/live")
                .addHeader("Authorization", "Bearer " + LIVE_TOKENS.get(responder));
        return sockets.connect(options).onSuccess(socket -> socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            if (!"notification".equals(message.getString("type"))) {
                return;
            }
            JsonObject n = message.getJsonObject("notification");
            story.print(responder + "'s phone: " + n.getString("title") + ": " + n.getString("short_text"));
            JsonObject breathing = n.getJsonObject("breathing");
            if (breathing != null && n.getString("incident_id") != null) {
                Duration ackAfter = Duration.ofSeconds(Math.max(1, breathing.getInteger("total_seconds") - 2));
                story.devices.setTimer(story.realMillis(ackAfter), timer -> socket.writeTextMessage(new JsonObject()
                        .put("type", "action").put("request_id", "ack-" + n.getString("incident_id"))
                        .put("action", "acknowledge").put("incident_id", n.getString("incident_id")).encode())
                        .onSuccess(sent -> story.print(responder + " acknowledges incident #"
                                + n.getString("incident_id") + " from the phone")));
            }
        }));
    }

    /** The story's clock, its printer, the alerts it sends and the timelines it follows. */
    private static final class Story {
        final Gateway gateway;
        final Vertx devices;
        final WebClient http;
        final PrintWriter out;
        final long startMillis;
        final Clock clock;
        final double speed;
        /** The timeline entries printed so far (incident, instant, kind and text). */
        final Set<String> printed = new HashSet<>();
        boolean reading;
        volatile boolean closed;

        Story(Gateway gateway, Vertx devices, WebClient http, PrintWriter out, long startMillis, Clock clock,
              double speed) {
            this.gateway = gateway;
            this.devices = devices;
            this.http = http;
            this.out = out;
            this.startMillis = startMillis;
            this.clock = clock;
            this.speed = speed;
        }

        long realMillis(Duration storyTime) {
            return Math.max(1, Math.round(storyTime.toMillis() / speed));
        }

        synchronized void print(String line) {
            out.printf("[%s] %s%n", elapsed(clock.millis() - startMillis), line);
            out.flush();
        }

        /** Posts an alert through the real generic intake, as any monitoring script would. */
        void fireAlert(String dedupKey, String summary, String severity, String what) {
            JsonObject alert = new JsonObject().put("summary", summary).put("severity", severity)
                    .put("dedup_key", dedupKey).put("source", "limbic-demo");
            http.post(gateway.port(), "127.0.0.1", "/v1/intake/generic/demo").bearerTokenAuthentication(ALERT_SECRET)
                    .sendJsonObject(alert)
                    .onComplete(sent -> print(sent.succeeded() && sent.result().statusCode() < 300
                            ? severity + " alert \"" + summary + "\" fired (answered " + sent.result().statusCode()
                            + "): " + what
                            : "demo alert failed: " + (sent.succeeded()
                            ? sent.result().statusCode() + " " + sent.result().bodyAsString() : sent.cause())));
        }

        /** Prints every incident's new timeline entries (read through the incidents API, as alex). */
        void printTimelines() {
            if (reading) {
                return;
            }
            reading = true;
            String token = "Bearer " + LIVE_TOKENS.get("alex");
            http.get(gateway.port(), "127.0.0.1", "/v1/incidents?limit=20").putHeader("Authorization", token).send()
                    .compose(list -> list.statusCode() != 200 ? Future.succeededFuture()
                            : Future.all(list.bodyAsJsonObject().getJsonArray("incidents").stream()
                            .map(i -> ((JsonObject) i).getLong("id")).sorted()
                            .map(id -> http.get(gateway.port(), "127.0.0.1", "/v1/incidents/" + id)
                                    .putHeader("Authorization", token).send()
                                    .onSuccess(detail -> {
                                        if (detail.statusCode() == 200) {
                                            printNew(id, detail.bodyAsJsonObject().getJsonArray("timeline"));
                                        }
                                    }))
                            .toList()))
                    .onComplete(done -> reading = false);
        }

        private void printNew(long incident, JsonArray timeline) {
            for (int i = 0; i < timeline.size(); i++) {
                JsonObject entry = timeline.getJsonObject(i);
                String key = incident + "|" + entry.getString("at") + "|" + entry.getString("kind") + "|"
                        + entry.getString("text");
                if (printed.add(key) && !QUIET_KINDS.contains(entry.getString("kind"))) {
                    long at = Instant.parse(entry.getString("at")).toEpochMilli();
                    synchronized (this) {
                        out.printf("[%s] incident #%d: %s%n", elapsed(at - startMillis), incident,
                                entry.getString("text"));
                    }
                }
            }
            out.flush();
        }
    }

    private static String elapsed(long millis) {
        long seconds = Math.max(0, millis / 1000);
        return String.format("+%d:%02d", seconds / 60, seconds % 60);
    }

    /** Where the demo keeps its data (removed by {@link #close()}). */
    public Path dataDir() {
        return dataDir;
    }

    /** The gateway's HTTP port. */
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
        // clients once their server is gone, so it gets a bounded wait. The timelines stop being read first.
        story.closed = true;
        return gateway.close().eventually(sockets::close).eventually(() -> {
                    http.close();
                    return Future.succeededFuture();
                }).eventually(() -> devices.close().timeout(3, TimeUnit.SECONDS).otherwiseEmpty())
                .eventually(() -> deleteDataDir(dataDir));
    }

    /** The demo's data (its database among them) lives only as long as the demo; removed off any event loop. */
    private static Future<Void> deleteDataDir(Path dataDir) {
        return Future.fromCompletionStage(CompletableFuture.runAsync(() -> {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                LOG.warn("Could not remove the demo's data in {}: {}", dataDir, e.toString());
            }
        }));
    }
}
