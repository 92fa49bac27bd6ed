package dev.limbic.paging;

import dev.limbic.app.Gateway;
import dev.limbic.care.StressEpisode;
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
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The story of issue 4, end to end: a gateway with its embedded PostgreSQL, alex's strap streaming relay frames over
 * the real device WebSocket, alerts through the real generic webhook intake, alex's and sam's phones on their live
 * streams, and a clock the test advances one strap-second per frame.
 */
@Timeout(300)
class CareStoryEndToEndTest {
    private static final String SECRET = "monitoring-secret-0123456789";
    private static final String ALEX_STRAP = "alex-strap-token-0123456789";
    private static final String KIM_STRAP = "kim-strap-token-0123456789";
    private static final String ALEX_LIVE = "alex-live-token-0123456789";
    private static final String SAM_LIVE = "sam-live-token-0123456789";
    /** The escalation step's delay: alex's timer falls due two minutes after the page. */
    private static final Duration STEP = Duration.ofMinutes(2);

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private Vertx client;
    /** Held for the whole test: Vert.x 5 shuts down an unreachable WebSocket client and its sockets (vert.x#5612). */
    private WebSocketClient sockets;
    private Gateway gateway;
    private QuietEventLoops.Watch watch;
    private HttpProbe http;

    /**
     * alex (opted in, partner sam) is paged first on a two-minute step; a breathing prompt of ten cycles (a minute),
     * deferral up to two minutes, the partner after a minute of acute stress. kim has a strap but did not opt in.
     */
    private static String config(Path dataDir) {
        return """
                server: {host: 127.0.0.1, port: 0}
                data_dir: %s
                responders:
                  - id: alex
                    timezone: UTC
                    heart_rate_monitoring: true
                    partner: sam
                    live_token: %s
                    devices: [{id: alex-strap, token: %s}]
                    channels: [{type: live}]
                  - id: sam
                    timezone: UTC
                    live_token: %s
                    channels: [{type: live}]
                  - id: kim
                    timezone: UTC
                    devices: [{id: kim-strap, token: %s}]
                teams:
                  - {id: sre, members: [alex, sam]}
                escalation_policies:
                  - id: default
                    steps:
                      - {delay: 2m, targets: [responder:alex]}
                default_policy: default
                integrations:
                  - {name: monitoring, type: generic, secret: %s}
                care:
                  breathing_cycles: 10
                  defer_max: 2m
                  partner_after_acute: 1m
                """.formatted(dataDir, ALEX_LIVE, ALEX_STRAP, SAM_LIVE, KIM_STRAP, SECRET);
    }

    @BeforeEach
    void setUp() throws Exception {
        client = QuietEventLoops.vertx();
        sockets = client.createWebSocketClient();
        LimbicConfig config = ConfigLoader.parse("care.yaml", config(dataDir).getBytes(StandardCharsets.UTF_8));
        gateway = Await.result(Gateway.start(config, clock, QuietEventLoops.options(), Duration.ofHours(1)), 60);
        watch = QuietEventLoops.watch(gateway.vertx());
        http = new HttpProbe(client, gateway.port());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            // A close waits up to 5 s for delivery results and 2 s for live channels to close: more than Await's 10 s
            // default once Vert.x's own close is added.
            Await.result(gateway.close(), 30);
            watch.assertNoneBlocked();
        }
        Await.result(client.close());
    }

    @Test
    void anAlertPagesAlexHisHeartRateClimbsAndLimbicCaresForHimWithinItsBounds() throws Exception {
        List<StressTransition> transitions = new CopyOnWriteArrayList<>();
        gateway.monitor().addListener((responder, t) -> transitions.add(t));
        LivePhone alex = LivePhone.connect(sockets, gateway.port(), "alex", ALEX_LIVE);
        LivePhone sam = LivePhone.connect(sockets, gateway.port(), "sam", SAM_LIVE);
        WebSocket strap = Await.result(connectStrap(ALEX_STRAP));
        stream(strap, 150, 70);
        assertThat(gateway.monitor().state("alex")).isEqualTo(StressState.CALM);

        // An alert pages alex.
        long checkout = alert("checkout/latency", "Checkout latency p99 above 2 s", "error");
        Instant pagedAt = clock.instant();
        JsonObject page = alex.next();
        assertThat(page.getString("kind")).isEqualTo("page");
        assertThat(page.getString("incident_id")).isEqualTo(String.valueOf(checkout));

        // His heart rate climbs from 70 to 132 bpm; within a second of the decisive sample, the breathing prompt.
        stream(strap, 50, 70);
        JsonObject prompt = null;
        Instant decisive = null;
        for (int second = 0; second < 90 && prompt == null; second++) {
            sendFrame(strap, second < 10 ? 70 + (132 - 70) * (second + 1) / 10 : 132);
            decisive = clock.instant();
            prompt = alex.poll(500);
        }
        assertThat(prompt).as("a breathing prompt reached alex's live channel").isNotNull();
        assertThat(prompt.getString("kind")).isEqualTo("breathing_prompt");
        assertThat(prompt.getString("incident_id")).isEqualTo(String.valueOf(checkout));
        assertThat(prompt.getJsonObject("breathing")).isEqualTo(new JsonObject().put("inhale_seconds", 2)
                .put("hold_seconds", 2).put("exhale_seconds", 2).put("cycles", 10).put("total_seconds", 60));
        assertThat(Duration.between(decisive, Instant.parse(prompt.getString("created_at"))))
                .as("the prompt within a second of the decisive sample").isLessThanOrEqualTo(Duration.ofSeconds(1));
        Instant breathingUntil = decisive.plus(Duration.ofMinutes(1));
        Instant decisiveAt = decisive;
        assertThat(pagedAt.plus(STEP)).as("the test's timing: alex's timer falls due while he breathes")
                .isBetween(decisive, breathingUntil);

        // A warning alert arrives while he is under acute stress: it is held.
        streamUntil(strap, 132, 60, () -> gateway.monitor().state("alex") == StressState.ACUTE);
        Instant acuteAt = Instant.ofEpochMilli(transitions.stream().filter(t -> t.to() == StressState.ACUTE)
                .findFirst().orElseThrow().atMillis());
        long disk = alert("db-1/disk", "Disk 85% full on db-1", "warning");
        Instant warningAt = clock.instant();
        Await.until(() -> assertThat(kinds(disk)).contains("page_held"));

        // His escalation timer falls due while he breathes: it is held until the breathing window ends.
        streamUntil(strap, 132, 120, () -> !clock.instant().isBefore(pagedAt.plus(STEP).plusSeconds(1)));
        Await.until(() -> assertThat(kinds(checkout)).contains("timer_held"));
        assertThat(alex.find(kind("page").and(incident(disk)))).as("the warning page waits").isEmpty();

        // The grounding prompt follows the breathing window; sam joins after a minute of acute stress.
        streamUntil(strap, 132, 120, () -> sam.find(kind("partner_join")).isPresent()
                && alex.find(kind("grounding_prompt")).isPresent());
        JsonObject join = sam.find(kind("partner_join")).orElseThrow();
        assertThat(join.getString("incident_id")).isEqualTo(String.valueOf(checkout));
        assertThat(join.getString("text")).contains("alex could use a hand").contains("alex stays on it");
        assertThat(Duration.between(acuteAt, Instant.parse(join.getString("created_at"))))
                .as("sam is paged after a minute of acute stress").isBetween(Duration.ofMinutes(1),
                        Duration.ofMinutes(1).plusSeconds(5));
        Await.until(() -> assertThat(alex.find(kind("info").and(n -> n.getString("text").contains("sam is joining you"))))
                .isPresent());
        JsonObject grounding = alex.find(kind("grounding_prompt")).orElseThrow();
        assertThat(Instant.parse(grounding.getString("created_at"))).isBetween(breathingUntil,
                breathingUntil.plusSeconds(5));

        // The warning page is delivered later: at its two-minute bound, as alex is still stressed. (The test's clock
        // runs about ten times faster than the runtime's 200 ms sweep, hence a few seconds' slack.)
        streamUntil(strap, 132, 180, () -> alex.find(kind("page").and(incident(disk))).isPresent());
        JsonObject warningPage = alex.find(kind("page").and(incident(disk))).orElseThrow();
        Instant heldUntil = Instant.parse(entry(timeline(disk).getJsonArray("timeline"), "page_held")
                .getJsonObject("fields").getString("until"));
        assertThat(heldUntil).as("held at most defer_max").isEqualTo(warningAt.plus(Duration.ofMinutes(2)));
        assertThat(Instant.parse(warningPage.getString("created_at"))).isBetween(heldUntil, heldUntil.plusSeconds(5));

        // The timelines say each step, with its reason, and never heart rate.
        Await.until(() -> {
            JsonArray story = timeline(checkout).getJsonArray("timeline");
            assertThat(kinds(story)).containsSubsequence("opened", "paged", "stress_episode_opened",
                    "breathing_prompt", "timer_held", "grounding_prompt").contains("partner_paged", "hold_ended");
            assertThat(entry(story, "stress_episode_opened").getString("text"))
                    .contains("A stress episode opened for alex");
            assertThat(entry(story, "timer_held").getString("text")).contains("alex is taking a breath");
            assertThat(entry(story, "partner_paged").getString("text"))
                    .isEqualTo("Paged sam to join alex: alex has been under acute stress for over 1 minute");
            JsonArray deferred = timeline(disk).getJsonArray("timeline");
            assertThat(kinds(deferred)).containsSubsequence("opened", "page_held", "hold_ended", "paged", "delivered")
                    .doesNotContain("partner_paged");
            assertThat(entry(deferred, "page_held").getJsonObject("fields").getString("holdReason"))
                    .contains("alex is under acute stress").contains("at most 2 minutes");
            for (JsonArray timeline : List.of(story, deferred)) {
                assertThat(timeline.stream().map(e -> ((JsonObject) e).getString("text")))
                        .noneMatch(text -> text.contains("bpm"));
            }
        });

        // The episode is kept (derived facts, no heart rate), still open: alex is still under acute stress.
        Await.until(() -> assertThat(Await.result(gateway.paging().orElseThrow().database().stressEpisodes()
                .forIncident(checkout))).singleElement().satisfies(episode -> {
                    assertThat(episode.responder()).isEqualTo("alex");
                    assertThat(episode.cause()).isEqualTo(StressEpisode.Cause.PAGE_REACTION);
                    assertThat(episode.peakState()).isEqualTo(StressState.ACUTE);
                    assertThat(episode.reason()).isEqualTo("A stress episode opened for alex (a reaction to the page)");
                    assertThat(episode.openedAt()).isEqualTo(decisiveAt);
                    assertThat(episode.closedAt()).isEmpty();
                }));

        // The metrics count the episode, the prompt, the hold and the handoff.
        assertThat(http.metric("limbic_stress_episodes_total{responder=\"alex\",team=\"sre\",verdict=\"REACTION\"}"))
                .isEqualTo(1);
        assertThat(http.metric("limbic_breathing_prompts_total{responder=\"alex\",team=\"sre\"}")).isEqualTo(1);
        assertThat(http.metric("limbic_page_holds_total{reason=\"acute\"}")).isEqualTo(1);
        assertThat(http.metric("limbic_deferred_pages_total{responder=\"alex\",team=\"sre\"}")).isEqualTo(1);
        assertThat(http.metric("limbic_page_hold_seconds_count")).isEqualTo(1);
        assertThat(http.metric("limbic_partner_handoffs_total{reason=\"acute\",team=\"sre\"}"))
                .as("sam is asked once for alex's acute stretch: on the checkout, not again when the held disk page "
                        + "goes out while alex is still acute")
                .isEqualTo(1);
        assertThat(http.metric("limbic_breathing_prompts_total{responder=\"sam\",team=\"sre\"}"))
                .as("every configured responder's counters are there from the start").isEqualTo(0);
    }

    @Test
    void withNoOrStaleSensorDataPagesGoOutExactlyAsThePlainPagerSendsThem() throws Exception {
        LivePhone alex = LivePhone.connect(sockets, gateway.port(), "alex", ALEX_LIVE);

        // No data at all: alex is UNKNOWN. Both pages go out at once; the timer escalates on time.
        long checkout = alert("checkout/latency", "Checkout latency p99 above 2 s", "error");
        Instant openedAt = clock.instant();
        assertPage(alex.next(), checkout, openedAt);
        long disk = alert("db-1/disk", "Disk 85% full on db-1", "warning");
        assertPage(alex.next(), disk, openedAt);
        clock.advance(STEP);
        Await.until(() -> assertThat(kinds(checkout)).contains("policy_exhausted"));
        assertThat(entry(timeline(checkout).getJsonArray("timeline"), "policy_exhausted").getString("at"))
                .as("the timer ran out exactly at its delay, as the plain pager's")
                .isEqualTo(openedAt.plus(STEP).toString());

        // Stale data: alex's strap showed acute stress, then fell silent; a new page is not held.
        for (long incident : List.of(checkout, disk)) {
            HttpProbe.Response resolved = http.send(HttpMethod.POST, "/v1/incidents/" + incident + "/resolve",
                    Map.of("Authorization", "Bearer " + ALEX_LIVE), null);
            assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        }
        WebSocket strap = Await.result(connectStrap(ALEX_STRAP));
        stream(strap, 150, 70);
        streamUntil(strap, 132, 90, () -> gateway.monitor().state("alex") == StressState.ACUTE);
        clock.advance(Duration.ofSeconds(31));
        gateway.monitor().tick(clock.millis());
        assertThat(gateway.monitor().state("alex")).isEqualTo(StressState.UNKNOWN);
        long api = alert("api/errors", "5xx above 1% on api", "warning");
        Instant staleAt = clock.instant();
        Await.until(() -> assertThat(alex.find(kind("page").and(incident(api)))).isPresent());
        assertPage(alex.find(kind("page").and(incident(api))).orElseThrow(), api, staleAt);

        for (long incident : List.of(checkout, disk, api)) {
            assertThat(kinds(incident)).as("incident %d: nothing stress-aware happened", incident)
                    .doesNotContain("page_held", "timer_held", "hold_refused", "stress_episode_opened",
                            "breathing_prompt", "partner_paged");
        }
        assertThat(http.metric("limbic_page_holds_total{reason=\"acute\"}")).isEqualTo(0);
        assertThat(http.metric("limbic_breathing_prompts_total{responder=\"alex\",team=\"sre\"}")).isEqualTo(0);
    }

    @Test
    void theStrapOfAResponderWhoDidNotOptInIsRefused() throws Exception {
        assertThatThrownBy(() -> Await.result(connectStrap(KIM_STRAP)))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(403));
        assertThat(gateway.monitor().state("kim")).isEqualTo(StressState.UNKNOWN);
        assertThat((Object) gateway.monitor().read("kim", d -> d.history())).as("nothing kept for kim").isNull();
    }

    @Test
    void aResponderHandsAnIncidentOverWithOneActionAndBothAreToldKindly() throws Exception {
        LivePhone alex = LivePhone.connect(sockets, gateway.port(), "alex", ALEX_LIVE);
        LivePhone sam = LivePhone.connect(sockets, gateway.port(), "sam", SAM_LIVE);
        long checkout = alert("checkout/latency", "Checkout latency p99 above 2 s", "error");
        assertPage(alex.next(), checkout, clock.instant());

        HttpProbe.Response handedOver = http.send(HttpMethod.POST, "/v1/incidents/" + checkout + "/hand-over",
                Map.of("Authorization", "Bearer " + ALEX_LIVE), null);
        assertThat(handedOver.status()).as(handedOver.body()).isEqualTo(200);
        assertThat(new JsonObject(handedOver.body()).getString("message"))
                .isEqualTo("sam has taken over " + checkout + ". Good call: step back and breathe.");
        Await.until(() -> {
            assertThat(sam.find(kind("page").and(incident(checkout)))).as("sam, alex's partner, is paged").isPresent();
            assertThat(sam.find(kind("info").and(incident(checkout)))).get().extracting(n -> n.getString("text"))
                    .isEqualTo("alex handed " + checkout + " over to you. Thank you for taking it.");
            assertThat(alex.find(kind("info").and(incident(checkout)))).get().extracting(n -> n.getString("text"))
                    .isEqualTo("sam has taken over " + checkout + ". Good call: step back and breathe.");
            JsonArray timeline = timeline(checkout).getJsonArray("timeline");
            assertThat(kinds(timeline)).containsSubsequence("paged", "reassigned", "paged").contains("handed_over");
            assertThat(entry(timeline, "handed_over").getString("text")).isEqualTo("alex handed the incident over to sam");
        });

        long disk = alert("db-1/disk", "Disk 85% full on db-1", "warning");
        Await.until(() -> assertThat(alex.find(kind("page").and(incident(disk)))).isPresent());
        JsonObject result = alex.act(new JsonObject().put("request_id", "r1").put("action", "hand_over")
                .put("incident_id", String.valueOf(disk)));
        assertThat(result.getBoolean("ok")).as(result.encode()).isTrue();
        Await.until(() -> assertThat(kinds(disk)).contains("handed_over"));
        assertThat(sam.find(kind("page").and(incident(disk)))).isPresent();

        HttpProbe.Response nobody = http.send(HttpMethod.POST, "/v1/incidents/" + disk + "/hand-over",
                Map.of("Authorization", "Bearer " + SAM_LIVE), null);
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(new JsonObject(nobody.body()).getString("error")).startsWith("to: ").contains("sam has no partner");
        assertThat(http.metric("limbic_partner_handoffs_total{reason=\"hand_over\",team=\"sre\"}")).isEqualTo(2);
    }

    // ---- helpers ----

    private io.vertx.core.Future<WebSocket> connectStrap(String token) {
        return sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gateway.port())
                .setURI("/v1/devices/stream").addHeader("Authorization", "Bearer " + token));
    }

    /** One strap-second: the clock moves a second and alex's strap sends a frame at {@code bpm}. */
    private void sendFrame(WebSocket strap, int bpm) throws Exception {
        clock.advance(Duration.ofSeconds(1));
        long at = clock.millis();
        byte[] value = HeartRateMeasurementEncoder.encode(bpm, SensorContact.DETECTED, HeartRateMeasurement.NO_ENERGY,
                HeartRateMeasurementEncoder.rrMillisTo1024(60_000.0 / bpm));
        long before = beatsSeen();
        Await.result(strap.writeBinaryMessage(Buffer.buffer(RelayFrame.of(at, value))));
        Await.until(() -> assertThat(beatsSeen()).isGreaterThan(before));
    }

    /** Every beat and reading of alex's strap the gateway has taken in, clean or rejected. */
    private long beatsSeen() {
        Long seen = gateway.monitor().read("alex", d -> d.cleanBeats() + d.rejectedBeats() + d.rejectedReadings());
        return seen == null ? 0 : seen;
    }

    /** Streams {@code bpm} one strap-second at a time until {@code done}, at most {@code maxSeconds}. */
    private void streamUntil(WebSocket strap, int bpm, int maxSeconds, BooleanSupplier done) throws Exception {
        for (int second = 0; second < maxSeconds; second++) {
            if (done.getAsBoolean()) {
                return;
            }
            sendFrame(strap, bpm);
            Thread.sleep(50);
        }
        assertThat(done.getAsBoolean()).as("reached within " + maxSeconds + " strap-seconds").isTrue();
    }

    /** A page for {@code incident}, sent at {@code at}. */
    private static void assertPage(JsonObject notification, long incident, Instant at) {
        assertThat(notification.getString("kind")).isEqualTo("page");
        assertThat(notification.getString("incident_id")).isEqualTo(String.valueOf(incident));
        assertThat(Instant.parse(notification.getString("created_at"))).isEqualTo(at);
    }

    private static Predicate<JsonObject> kind(String kind) {
        return n -> kind.equals(n.getString("kind"));
    }

    private static Predicate<JsonObject> incident(long id) {
        return n -> String.valueOf(id).equals(n.getString("incident_id"));
    }

    private List<String> kinds(long incident) throws Exception {
        return kinds(timeline(incident).getJsonArray("timeline"));
    }

    private static List<String> kinds(JsonArray timeline) {
        return timeline.stream().map(e -> ((JsonObject) e).getString("kind")).toList();
    }

    private static JsonObject entry(JsonArray timeline, String kind) {
        return timeline.stream().map(JsonObject.class::cast).filter(e -> kind.equals(e.getString("kind")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " on the timeline"));
    }

    private void stream(WebSocket strap, int seconds, int bpm) throws Exception {
        for (int i = 0; i < seconds; i++) {
            sendFrame(strap, bpm);
        }
    }

    /** Posts an alert through the generic webhook; the id of its incident. */
    private long alert(String dedupKey, String summary, String severity) throws Exception {
        JsonObject body = new JsonObject().put("summary", summary).put("severity", severity).put("dedup_key", dedupKey)
                .put("source", "checkout-1");
        HttpProbe.Response response = http.send(HttpMethod.POST, "/v1/intake/generic/monitoring",
                Map.of("Authorization", "Bearer " + SECRET, "Content-Type", "application/json"),
                Buffer.buffer(body.encode()));
        assertThat(response.status()).as(response.body()).isLessThan(300);
        long[] id = new long[1];
        Await.until(() -> {
            JsonObject list = new JsonObject(get("/v1/incidents?status=triggered").body());
            id[0] = list.getJsonArray("incidents").stream().map(JsonObject.class::cast)
                    .filter(i -> i.getString("dedup_key").equals(dedupKey)).findFirst().orElseThrow().getLong("id");
        });
        return id[0];
    }

    private HttpProbe.Response get(String path) throws Exception {
        return http.send(HttpMethod.GET, path, Map.of("Authorization", "Bearer " + ALEX_LIVE), null);
    }

    private JsonObject timeline(long incident) throws Exception {
        HttpProbe.Response response = get("/v1/incidents/" + incident);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }
}
