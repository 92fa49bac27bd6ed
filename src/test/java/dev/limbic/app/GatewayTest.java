package dev.limbic.app;

import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.RelayFrame;
import dev.limbic.heartrate.SensorContact;
import dev.limbic.stress.StressState;
import dev.limbic.stress.StressTransition;
import dev.limbic.testing.Await;
import dev.limbic.testing.HttpProbe;
import dev.limbic.testing.MutableClock;
import dev.limbic.testing.QuietEventLoops;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway over real sockets on a random port, with a clock the test controls. */
@Timeout(20)
class GatewayTest {
    static final String ALEX_TOKEN = "alex-token-0123456789";
    static final String SAM_TOKEN = "sam-token-0123456789";
    static final String CONFIG = """
            server: {host: 127.0.0.1, port: 0}
            responders:
              - id: alex
                timezone: Europe/Berlin
                heart_rate_monitoring: true
                devices: [{id: alex-phone, token: %s}]
              - id: sam
                timezone: UTC
                devices: [{id: sam-phone, token: %s}]
            """.formatted(ALEX_TOKEN, SAM_TOKEN);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final List<StressTransition> transitions = new CopyOnWriteArrayList<>();
    private Gateway gateway;
    private QuietEventLoops.Watch watch;
    private Vertx client;
    /** Held for the whole test: Vert.x 5 shuts down an unreachable WebSocket client and its sockets (vert.x#5612). */
    private WebSocketClient sockets;
    private HttpProbe http;

    private void start(Duration tick) throws Exception {
        LimbicConfig config = ConfigLoader.parse("test.yaml", CONFIG.getBytes(StandardCharsets.UTF_8));
        gateway = Await.result(Gateway.start(config, clock, QuietEventLoops.options(), tick));
        watch = QuietEventLoops.watch(gateway.vertx());
        gateway.monitor().addListener((responder, transition) -> transitions.add(transition));
        client = QuietEventLoops.vertx();
        sockets = client.createWebSocketClient();
        http = new HttpProbe(client, gateway.port());
    }

    /** Without ticks, only frames move time: the test sends many strap-seconds at once. */
    private void start() throws Exception {
        start(Duration.ofHours(1));
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            Await.result(gateway.close());
            watch.assertNoneBlocked();
        }
        if (client != null) {
            Await.result(client.close());
        }
    }

    private Future<WebSocket> connect(String token) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(gateway.port()).setURI("/v1/devices/stream");
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        return sockets.connect(options);
    }

    private static Buffer frame(long sentAtMillis, int bpm, int... rr1024) {
        byte[] value = HeartRateMeasurementEncoder.encode(bpm, SensorContact.DETECTED, HeartRateMeasurement.NO_ENERGY, rr1024);
        return Buffer.buffer(RelayFrame.of(sentAtMillis, value));
    }

    /** Sends {@code seconds} frames at {@code bpm}, one per strap-second, advancing the clock with them. */
    private void stream(WebSocket socket, int seconds, int bpm) throws Exception {
        for (int i = 0; i < seconds; i++) {
            clock.advance(Duration.ofSeconds(1));
            Await.result(socket.writeBinaryMessage(frame(clock.millis(), bpm, HeartRateMeasurementEncoder.rrMillisTo1024(60_000.0 / bpm))));
        }
    }

    @Test
    void aStreamedSpikeTurnsAcuteAndMetricsShowIt() throws Exception {
        start();
        VertxTestContext acute = new VertxTestContext();
        gateway.monitor().addListener((responder, t) -> {
            if (t.to() == StressState.ACUTE) {
                acute.verify(() -> assertThat(responder).isEqualTo("alex"));
                acute.completeNow();
            }
        });
        WebSocket socket = Await.result(connect(ALEX_TOKEN));

        stream(socket, 90, 70);
        stream(socket, 60, 132);

        assertThat(acute.awaitCompletion(10, TimeUnit.SECONDS)).as("alex went ACUTE").isTrue();
        assertThat(transitions).extracting(StressTransition::to)
                .containsSubsequence(StressState.CALM, StressState.ACUTE);
        Await.until(() -> assertThat(http.metric("limbic_frames_ingested_total{transport=\"websocket\"}")).isEqualTo(150));
        assertThat(http.metric("limbic_responders{state=\"ACUTE\"}")).isEqualTo(1);
        assertThat(http.metric("limbic_responders{state=\"UNKNOWN\"}")).isEqualTo(0);
        assertThat(http.metric("limbic_stress_transitions_total{to=\"ACUTE\"}")).isEqualTo(1);
        assertThat(http.metric("limbic_device_streams_connected")).isEqualTo(1);
        assertThat(http.metric("limbic_frame_to_state_seconds_count")).isEqualTo(150);
        String metrics = http.get("/metrics").body();
        assertThat(metrics).contains("limbic_frame_to_state_seconds_bucket{le=\"0.005\"}")
                .contains("vertx_http_server_active_ws_connections");
        // Per responder, only the derived state (for leads' dashboards), never a heart rate.
        assertThat(http.metric("limbic_responder_stress_state{responder=\"alex\",state=\"ACUTE\",team=\"none\"}"))
                .isEqualTo(1);
        assertThat(metrics.lines().filter(line -> line.contains("alex")))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).matches("(# (HELP|TYPE) )?limbic_responder_stress_(state|seconds_total)\\b.*"));

        Await.result(socket.close());
        Await.until(() -> assertThat(gateway.monitor().state("alex")).isEqualTo(StressState.UNKNOWN));
        assertThat(http.metric("limbic_device_streams_connected")).isZero();
    }

    @Test
    void aSilentStreamGoesUnknownOnTheTick() throws Exception {
        start(Duration.ofMillis(50));
        WebSocket socket = Await.result(connect(ALEX_TOKEN));
        stream(socket, 20, 70);
        Await.until(() -> assertThat(gateway.monitor().state("alex")).isEqualTo(StressState.CALM));

        clock.advance(Duration.ofSeconds(31));

        Await.until(() -> assertThat(gateway.monitor().state("alex")).isEqualTo(StressState.UNKNOWN));
        // Listeners hear of it just after the state changed, on the loop that ticked.
        Await.until(() -> assertThat(transitions).last().satisfies(t -> assertThat(t.reason()).contains("no valid data")));
    }

    @Test
    void aWrongOrMissingTokenGets401AndNothingIsProcessed() throws Exception {
        start();

        assertThat(Await.failure(connect("wrong-token-0123456789")))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(401));
        assertThat(Await.failure(connect(null)))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(401));

        assertThat(http.metric("limbic_device_streams_connected")).isZero();
        assertThat(http.metric("limbic_frames_ingested_total{transport=\"websocket\"}")).isZero();
    }

    @Test
    void aDeviceOfAResponderWhoDidNotOptInGets403() throws Exception {
        start();

        assertThat(Await.failure(connect(SAM_TOKEN)))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(403));
        assertThat(http.send(HttpMethod.POST, "/v1/devices/samples", Map.of("Authorization", "Bearer " + SAM_TOKEN),
                Buffer.buffer("{\"samples\":[]}")).status()).isEqualTo(403);
        assertThat(gateway.monitor().state("sam")).isEqualTo(StressState.UNKNOWN);
    }

    @Test
    void aReloadThatWithdrawsConsentClosesTheStreamForgetsTheHeartRateAndRefusesTheDevice() throws Exception {
        start();
        WebSocket socket = Await.result(connect(ALEX_TOKEN));
        Promise<Short> closed = Promise.promise();
        socket.closeHandler(v -> closed.tryComplete(socket.closeStatusCode()));
        stream(socket, 20, 70);
        Await.until(() -> assertThat(http.metric("limbic_frames_ingested_total{transport=\"websocket\"}"))
                .isEqualTo(20));
        assertThat(gateway.monitor().state("alex")).isEqualTo(StressState.CALM);

        gateway.reconfigure(config(CONFIG.replace("heart_rate_monitoring: true", "heart_rate_monitoring: false")));

        assertThat(gateway.monitor().state("alex")).isEqualTo(StressState.UNKNOWN);
        assertThat(gateway.monitor().<Object>read("alex", detector -> detector)).as("nothing of alex's heart rate kept")
                .isNull();
        assertThat(transitions).last().satisfies(t -> assertThat(t.reason()).contains("no longer opted in"));
        socket.writeBinaryMessage(frame(clock.millis() + 1000, 70));
        assertThat(Await.result(closed.future())).as("policy violation").isEqualTo((short) 1008);
        assertThat(gateway.monitor().<Object>read("alex", detector -> detector)).isNull();
        assertThat(http.metric("limbic_frames_rejected_total{reason=\"revoked\"}")).isEqualTo(1);
        assertThat(Await.failure(connect(ALEX_TOKEN)))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(403));
    }

    @Test
    void aReloadKeepsUnchangedDevicesStreamingOpensNewOnesAndRefusesARemovedToken() throws Exception {
        start();
        WebSocket alex = Await.result(connect(ALEX_TOKEN));
        stream(alex, 5, 70);

        String samsNewToken = "sam-new-token-0123456789";
        gateway.reconfigure(config(CONFIG.replace("timezone: UTC", "timezone: UTC\n    heart_rate_monitoring: true")
                .replace(SAM_TOKEN, samsNewToken)));

        stream(alex, 5, 70);
        Await.until(() -> assertThat(http.metric("limbic_frames_ingested_total{transport=\"websocket\"}"))
                .as("alex's device did not change: it streams on").isEqualTo(10));
        assertThat(alex.isClosed()).isFalse();
        assertThat(Await.failure(connect(SAM_TOKEN)))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(401));
        WebSocket sam = Await.result(connect(samsNewToken));
        stream(sam, 20, 68);
        Await.until(() -> assertThat(gateway.monitor().state("sam")).as("sam opted in").isEqualTo(StressState.CALM));
    }

    private static LimbicConfig config(String yaml) throws Exception {
        return ConfigLoader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPlainRequestToTheStreamGets426() throws Exception {
        start();

        HttpProbe.Response response = http.send(HttpMethod.GET, "/v1/devices/stream",
                Map.of("Authorization", "Bearer " + ALEX_TOKEN), null);

        assertThat(response.status()).isEqualTo(426);
    }

    @Test
    void theTokenMayComeAsAQueryParameterForBrowsers() throws Exception {
        start();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gateway.port())
                .setURI("/v1/devices/stream?access_token=" + ALEX_TOKEN);

        WebSocket socket = Await.result(sockets.connect(options));

        assertThat(socket.isClosed()).isFalse();
        Await.until(() -> assertThat(http.metric("limbic_device_streams_connected")).isEqualTo(1));
    }

    @Test
    void malformedFramesAreCountedByReasonAndTheStreamStaysOpen() throws Exception {
        start();
        WebSocket socket = Await.result(connect(ALEX_TOKEN));
        clock.advance(Duration.ofSeconds(1));
        byte[] badVersion = RelayFrame.of(clock.millis(), new byte[]{0x06, 70});
        badVersion[0] = 2;

        socket.writeBinaryMessage(Buffer.buffer(badVersion));
        socket.writeBinaryMessage(Buffer.buffer(new byte[]{1, 2, 3}));
        socket.writeBinaryMessage(Buffer.buffer(RelayFrame.of(clock.millis(), new byte[]{0x10, 70, 0x01})));
        socket.writeBinaryMessage(frame(clock.millis() + 60_000, 70));
        socket.writeBinaryMessage(frame(clock.millis() - 6 * 60_000, 70));
        socket.writeTextMessage("hello");
        socket.writeBinaryMessage(frame(clock.millis(), 70));
        socket.writeBinaryMessage(frame(clock.millis() - 1, 70));

        Await.until(() -> assertThat(http.metric("limbic_frames_ingested_total{transport=\"websocket\"}")).isEqualTo(1));
        for (String reason : List.of("bad_version", "too_short", "truncated_rr_interval", "sent_in_future", "too_old",
                "text_frame", "out_of_order")) {
            Await.until(() -> assertThat(http.metric("limbic_frames_rejected_total{reason=\"" + reason + "\"}"))
                    .as(reason).isEqualTo(1));
        }
        assertThat(socket.isClosed()).isFalse();
        assertThat(http.metric("limbic_device_streams_connected")).isEqualTo(1);
    }

    @Test
    void aHundredMalformedFramesInARowCloseTheStreamWith1007() throws Exception {
        start();
        WebSocket socket = Await.result(connect(ALEX_TOKEN));
        VertxTestContext closed = new VertxTestContext();
        socket.closeHandler(ignored -> closed.verify(() -> {
            assertThat(socket.closeStatusCode()).isEqualTo((short) 1007);
            closed.completeNow();
        }));

        for (int i = 0; i < 100; i++) {
            socket.writeBinaryMessage(Buffer.buffer(new byte[]{9}));
        }

        assertThat(closed.awaitCompletion(10, TimeUnit.SECONDS)).isTrue();
        if (closed.failed()) {
            throw new AssertionError(closed.causeOfFailure());
        }
    }

    private HttpProbe.Response postSamples(String token, String body) throws Exception {
        return http.send(HttpMethod.POST, "/v1/devices/samples",
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"),
                Buffer.buffer(body));
    }

    @Test
    void aSampleBatchIsAppliedAndCounted() throws Exception {
        start();
        long now = clock.millis();
        JsonArray samples = new JsonArray();
        for (int i = 30; i >= 1; i--) {
            samples.add(new JsonObject().put("t_ms", now - i * 1000L).put("hr_bpm", 72)
                    .put("rr_ms", new JsonArray().add(833.0)).put("contact", "detected"));
        }
        samples.add(new JsonObject().put("t_ms", now + 60_000).put("hr_bpm", 72));

        HttpProbe.Response response = postSamples(ALEX_TOKEN, new JsonObject().put("samples", samples).encode());

        assertThat(response.status()).isEqualTo(202);
        assertThat(new JsonObject(response.body())).isEqualTo(new JsonObject().put("accepted", 30).put("rejected", 1));
        assertThat(gateway.monitor().state("alex")).isEqualTo(StressState.CALM);
        assertThat(http.metric("limbic_frames_ingested_total{transport=\"http\"}")).isEqualTo(30);
        assertThat(http.metric("limbic_frames_rejected_total{reason=\"sent_in_future\"}")).isEqualTo(1);
    }

    @Test
    void aMalformedBatchGets400NamingTheFieldAndNothingIsApplied() throws Exception {
        start();
        long now = clock.millis();
        String body = new JsonObject().put("samples", new JsonArray()
                .add(new JsonObject().put("t_ms", now - 3000).put("hr_bpm", 70))
                .add(new JsonObject().put("t_ms", now - 2000).put("hr_bpm", 70))
                .add(new JsonObject().put("t_ms", now - 1000).put("hr_bpm", 70))
                .add(new JsonObject().put("hr_bpm", 70))).encode();

        HttpProbe.Response response = postSamples(ALEX_TOKEN, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("samples[3].t_ms: missing");
        assertThat(http.metric("limbic_frames_ingested_total{transport=\"http\"}")).isZero();
        assertThat(postSamples(ALEX_TOKEN, "{\"samples\":[{\"t_ms\":1,\"hr_bpm\":70,\"contact\":\"maybe\"}]}").body())
                .contains("samples[0].contact: must be one of unsupported, lost, detected");
        assertThat(postSamples(ALEX_TOKEN, "not json").body()).contains("body: not a JSON object");
    }

    @Test
    void anOversizedBatchGets413AndAWrongTokenGets401() throws Exception {
        start();
        String big = "{\"samples\":[" + "{\"t_ms\":1,\"hr_bpm\":70},".repeat(6000) + "{\"t_ms\":1,\"hr_bpm\":70}]}";

        assertThat(postSamples(ALEX_TOKEN, big).status()).isEqualTo(413);
        assertThat(postSamples("wrong-token-0123456789", "{\"samples\":[]}").status()).isEqualTo(401);
        assertThat(postSamples(null, "{\"samples\":[]}").status()).isEqualTo(401);
        String tooMany = new JsonObject().put("samples", new JsonArray(java.util.Collections.nCopies(1001,
                new JsonObject().put("t_ms", 1).put("hr_bpm", 70)))).encode();
        assertThat(postSamples(ALEX_TOKEN, tooMany).body()).contains("samples: at most 1000 per batch");
    }

    @Test
    void healthEndpointsAnswer() throws Exception {
        start();

        assertThat(http.get("/health/live")).isEqualTo(new HttpProbe.Response(200, "{\"status\":\"UP\"}"));
        assertThat(http.get("/health/ready")).isEqualTo(new HttpProbe.Response(200, "{\"status\":\"UP\"}"));
    }
}
