package dev.limbic.web;

import dev.limbic.app.Gateway;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.RelayFrame;
import dev.limbic.heartrate.SensorContact;
import dev.limbic.paging.Paging;
import dev.limbic.testing.Await;
import dev.limbic.testing.HttpProbe;
import dev.limbic.testing.MutableClock;
import dev.limbic.testing.QuietEventLoops;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway for the responder page's tests, over real sockets with its embedded PostgreSQL: Alice (heart-rate
 * monitoring on, a strap streaming to the network ingest, partner Bob) is paged on her live channel only; Bob on
 * his live channel, then a webhook this world receives. An Alertmanager integration opens incidents; the clock
 * starts at the real time and moves only when a test moves it.
 */
final class ResponderPageWorld implements AutoCloseable {
    static final String ALICE_TOKEN = "alice-live-token-0123456789";
    static final String BOB_TOKEN = "bob-live-token-0123456789";
    static final String ALICE_STRAP = "alice-strap-token-0123456789";
    static final String AM_SECRET = "am-secret-0123456789";
    static final String PUBLIC_URL = "https://limbic.example.org";

    final MutableClock clock = new MutableClock(Instant.now());
    final Vertx client = QuietEventLoops.vertx();
    /** Held for the whole test: Vert.x 5 shuts down an unreachable WebSocket client and its sockets (vert.x#5612). */
    private final WebSocketClient sockets = client.createWebSocketClient();
    final BlockingQueue<JsonObject> bobWebhook = new LinkedBlockingQueue<>();
    private final HttpServer receiver;
    final Gateway gateway;
    private final QuietEventLoops.Watch watch;
    final HttpProbe http;
    private WebSocket strap;
    private int fingerprint;

    ResponderPageWorld(Path dataDir) throws Exception {
        receiver = Await.result(client.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            bobWebhook.add(body.toJsonObject());
            request.response().setStatusCode(200).end();
        })).listen(0, "127.0.0.1"));
        String config = """
                server: {host: 127.0.0.1, port: 0, public_url: %s}
                data_dir: %s
                responders:
                  - id: alice
                    name: Alice
                    timezone: UTC
                    heart_rate_monitoring: true
                    partner: bob
                    live_token: %s
                    devices: [{id: alice-strap, token: %s}]
                    channels: [{type: live}]
                  - id: bob
                    name: Bob
                    timezone: UTC
                    partner: alice
                    live_token: %s
                    channels:
                      - {type: live}
                      - {type: webhook, url: "http://127.0.0.1:%d/bob", timeout: 2s}
                escalation_policies:
                  - id: default
                    steps:
                      - {delay: 5m, targets: [responder:alice]}
                      - {delay: 5m, targets: [responder:bob]}
                  - id: bob-first
                    steps:
                      - {delay: 5m, targets: [responder:bob]}
                routes:
                  - {policy: bob-first, match: [team=bob]}
                default_policy: default
                integrations:
                  - {name: am, type: alertmanager, secret: %s}
                """.formatted(PUBLIC_URL, dataDir, ALICE_TOKEN, ALICE_STRAP, BOB_TOKEN, receiver.actualPort(), AM_SECRET);
        LimbicConfig parsed = ConfigLoader.parse("responder-page.yaml", config.getBytes(StandardCharsets.UTF_8));
        gateway = Await.result(Gateway.start(parsed, clock, QuietEventLoops.options(), Duration.ofHours(1)), 60);
        watch = QuietEventLoops.watch(gateway.vertx());
        http = new HttpProbe(client, gateway.port());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    Paging paging() {
        return gateway.paging().orElseThrow();
    }

    /** Posts an Alertmanager webhook firing one critical alert; returns the incident it opened. */
    long fire(String summary) throws Exception {
        return fire(summary, "api");
    }

    /** The same, for an alert labelled {@code team=<team>} ({@code bob} routes to Bob first). */
    long fire(String summary, String team) throws Exception {
        String fp = "fp-" + (++fingerprint) + "-" + System.nanoTime();
        JsonObject labels = new JsonObject().put("alertname", "HighErrorRate").put("instance", fp)
                .put("severity", "critical").put("team", team);
        JsonObject alert = new JsonObject().put("status", "firing").put("labels", labels)
                .put("annotations", new JsonObject().put("summary", summary))
                .put("startsAt", clock.instant().toString()).put("endsAt", "0001-01-01T00:00:00Z")
                .put("generatorURL", "http://prometheus.example.org:9090/graph").put("fingerprint", fp);
        JsonObject webhook = new JsonObject().put("receiver", "limbic").put("status", "firing")
                .put("alerts", new JsonArray().add(alert)).put("groupLabels", new JsonObject())
                .put("commonLabels", labels).put("commonAnnotations", new JsonObject())
                .put("externalURL", "http://alertmanager.example.org:9093").put("version", "4")
                .put("groupKey", "{}:{fp=\"" + fp + "\"}").put("truncatedAlerts", 0);
        HttpProbe.Response response = post("/v1/intake/alertmanager/am", AM_SECRET, webhook);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonArray open = new JsonObject(get("/v1/incidents?status=triggered,acknowledged", ALICE_TOKEN).body())
                .getJsonArray("incidents");
        return open.stream().map(JsonObject.class::cast).filter(i -> i.getString("summary").equals(summary))
                .findFirst().orElseThrow(() -> new AssertionError("no incident for " + summary + " in " + open))
                .getLong("id");
    }

    HttpProbe.Response post(String path, String token, JsonObject body) throws Exception {
        return http.send(HttpMethod.POST, path, Map.of("Authorization", "Bearer " + token,
                "Content-Type", "application/json"), Buffer.buffer(body.encode()));
    }

    HttpProbe.Response get(String path, String token) throws Exception {
        return http.send(HttpMethod.GET, path, Map.of("Authorization", "Bearer " + token), null);
    }

    /** The incident as the incidents API shows it, with its timeline. */
    JsonObject incident(long id) throws Exception {
        HttpProbe.Response response = get("/v1/incidents/" + id, ALICE_TOKEN);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    /** Streams {@code seconds} strap-seconds at {@code bpm} on Alice's strap, moving the clock with them. */
    void streamHeartRate(int seconds, int bpm) throws Exception {
        if (strap == null) {
            strap = Await.result(sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
                    .setPort(gateway.port()).setURI("/v1/devices/stream")
                    .addHeader("Authorization", "Bearer " + ALICE_STRAP)));
        }
        for (int i = 0; i < seconds; i++) {
            clock.advance(Duration.ofSeconds(1));
            byte[] value = HeartRateMeasurementEncoder.encode(bpm, SensorContact.DETECTED,
                    HeartRateMeasurement.NO_ENERGY, HeartRateMeasurementEncoder.rrMillisTo1024(60_000.0 / bpm));
            Await.result(strap.writeBinaryMessage(Buffer.buffer(RelayFrame.of(clock.millis(), value))));
        }
    }

    /** The next page Bob's webhook received. */
    JsonObject nextBobWebhook() throws InterruptedException {
        JsonObject body = bobWebhook.poll(10, TimeUnit.SECONDS);
        assertThat(body).as("a page on Bob's webhook").isNotNull();
        return body;
    }

    @Override
    public void close() throws Exception {
        try {
            Await.result(gateway.close());
            watch.assertNoneBlocked();
        } finally {
            Await.result(client.close());
        }
    }
}
