package dev.limbic.paging;

import dev.limbic.app.Gateway;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.store.Incident;
import dev.limbic.testing.Await;
import dev.limbic.testing.HttpProbe;
import dev.limbic.testing.MutableClock;
import dev.limbic.testing.QuietEventLoops;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
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
import java.util.Optional;

import static dev.limbic.paging.PagingFixture.ALERTMANAGER_SECRET;
import static dev.limbic.paging.PagingFixture.ALEX_TOKEN;
import static dev.limbic.paging.PagingFixture.SAM_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pager end to end: a gateway with its embedded PostgreSQL under a temporary data directory, alert webhooks
 * over real sockets, pages received by a local webhook endpoint, a clock the test moves forward.
 */
@Timeout(180)
class PagingEndToEndTest {
    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private Vertx client;
    /** Held for the whole test: Vert.x 5 shuts down an unreachable WebSocket client and its sockets (vert.x#5612). */
    private io.vertx.core.http.WebSocketClient sockets;
    private PageReceiver receiver;
    private Gateway gateway;
    private QuietEventLoops.Watch watch;
    private HttpProbe http;

    @BeforeEach
    void setUp() throws Exception {
        client = QuietEventLoops.vertx();
        sockets = client.createWebSocketClient();
        receiver = PageReceiver.start(client);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            Await.result(gateway.close());
            watch.assertNoneBlocked();
        }
        Await.result(client.close());
    }

    private void startGateway() throws Exception {
        String base = "http://127.0.0.1:" + receiver.port();
        startGateway(base + "/alex", base + "/sam");
    }

    private void startGateway(String alexUrl, String samUrl) throws Exception {
        LimbicConfig config = ConfigLoader.parse("paging.yaml", PagingFixture.config(dataDir, alexUrl, samUrl, 0)
                .getBytes(StandardCharsets.UTF_8));
        gateway = Await.result(Gateway.start(config, clock, QuietEventLoops.options(), Duration.ofHours(1)), 60);
        watch = QuietEventLoops.watch(gateway.vertx());
        http = new HttpProbe(client, gateway.port());
    }

    private void stopGateway() throws Exception {
        Await.result(gateway.close());
        watch.assertNoneBlocked();
        gateway = null;
    }

    private HttpProbe.Response post(String path, String token, JsonObject body) throws Exception {
        return http.send(HttpMethod.POST, path, Map.of("Authorization", "Bearer " + token,
                "Content-Type", "application/json"), Buffer.buffer(body.encode()));
    }

    private HttpProbe.Response get(String path, String token) throws Exception {
        return http.send(HttpMethod.GET, path, Map.of("Authorization", "Bearer " + token), null);
    }

    private JsonObject incident(long id) throws Exception {
        HttpProbe.Response response = get("/v1/incidents/" + id, ALEX_TOKEN);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static List<String> kinds(JsonObject detail) {
        return detail.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("kind")).toList();
    }

    @Test
    void alertmanagerWebhookPagesEscalatesIsAcknowledgedAndResolved() throws Exception {
        startGateway();
        HttpProbe.Response firing = post("/v1/intake/alertmanager/am", ALERTMANAGER_SECRET,
                PagingFixture.alertmanager("firing", "fp-e2e-1", "High 5xx rate on api-1"));
        assertThat(firing.status()).as(firing.body()).isEqualTo(200);

        PageReceiver.Received first = receiver.next();
        assertThat(first.path()).isEqualTo("/alex");
        assertThat(first.body().encode()).contains("High 5xx rate on api-1");

        JsonArray open = new JsonObject(get("/v1/incidents?status=triggered", ALEX_TOKEN).body()).getJsonArray("incidents");
        assertThat(open).hasSize(1);
        long id = open.getJsonObject(0).getLong("id");
        Await.until(() -> assertThat(openHeldBy()).as("alex was paged").containsExactly(1.0, 0.0));

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        PageReceiver.Received second = receiver.next();
        assertThat(second.path()).as("nobody acknowledged: step 2 pages sam").isEqualTo("/sam");
        Await.until(() -> assertThat(openHeldBy()).as("the latest step paged sam").containsExactly(0.0, 1.0));

        HttpProbe.Response ack = post("/v1/incidents/" + id + "/acknowledge", SAM_TOKEN, new JsonObject());
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(new JsonObject(ack.body()).getJsonObject("incident").getString("status")).isEqualTo("acknowledged");
        assertThat(new JsonObject(ack.body()).getJsonObject("incident").getString("acknowledged_by")).isEqualTo("sam");

        PageReceiver.Received told = receiver.next();
        assertThat(told.path()).as("alex, paged before, hears that sam took it").isEqualTo("/alex");
        assertThat(told.body().getString("kind")).isEqualTo("info");
        clock.advance(Duration.ofMinutes(30));
        assertThat(receiver.poll(1_000)).as("acknowledged: no more escalation").isNull();

        HttpProbe.Response resolved = post("/v1/intake/alertmanager/am", ALERTMANAGER_SECRET,
                PagingFixture.alertmanager("resolved", "fp-e2e-1", "High 5xx rate on api-1"));
        assertThat(resolved.status()).isEqualTo(200);

        Await.until(() -> {
            JsonObject detail = incident(id);
            assertThat(detail.getJsonObject("incident").getString("status")).isEqualTo("resolved");
            assertThat(kinds(detail)).contains("opened", "paged", "delivered", "acknowledged", "resolved");
            List<JsonObject> notifications = detail.getJsonArray("notifications").stream()
                    .map(n -> (JsonObject) n).toList();
            assertThat(notifications).filteredOn(n -> n.getString("kind").equals("page")).hasSize(2);
            assertThat(notifications).filteredOn(n -> n.getString("kind").equals("notice"))
                    .as("the acknowledgement and resolution notices are recorded like pages")
                    .extracting(n -> n.getString("title")).contains("Incident #" + id + " acknowledged");
            assertThat(notifications).allSatisfy(n -> assertThat(n.getString("status")).isEqualTo("delivered"));
            assertThat(detail.getJsonArray("timeline").stream().map(e -> ((JsonObject) e).getString("text")))
                    .anyMatch(text -> text.startsWith("Notice to alex delivered on "));
            assertThat(detail.getJsonObject("incident").getDouble("time_to_acknowledge_seconds")).isEqualTo(301.0);
            assertThat(detail.getJsonObject("incident").getDouble("time_to_resolve_seconds")).isEqualTo(2101.0);
        });
        assertThat(http.metric("limbic_incidents_opened_total{integration=\"am\"}")).isEqualTo(1.0);
        assertThat(http.metric("limbic_pages_total{night=\"false\",responder=\"alex\",team=\"sre\"}")).isEqualTo(1.0);
        assertThat(http.metric("limbic_incidents_resolved_total")).isEqualTo(1.0);
        assertThat(http.metric("limbic_acknowledge_seconds_count")).isEqualTo(1.0);
        Await.until(() -> assertThat(openHeldBy()).as("resolved: nobody holds it").containsExactly(0.0, 0.0));
        Await.until(() -> assertThat(http.metric("limbic_escalation_backlog")).as("every decision made")
                .isEqualTo(0.0));
    }

    /** {@code limbic_responder_open_incidents} of alex and sam. */
    private List<Double> openHeldBy() throws Exception {
        return List.of(http.metric("limbic_responder_open_incidents{responder=\"alex\",team=\"sre\"}"),
                http.metric("limbic_responder_open_incidents{responder=\"sam\",team=\"sre\"}"));
    }

    @Test
    void pagerDutyEventsTriggerAcknowledgeAndResolve() throws Exception {
        startGateway();
        HttpProbe.Response trigger = post("/v2/enqueue", "unused", PagingFixture.pagerDuty("trigger", "srv01/mysql"));
        assertThat(trigger.status()).as(trigger.body()).isEqualTo(202);
        assertThat(new JsonObject(trigger.body()).getString("dedup_key")).isEqualTo("srv01/mysql");
        assertThat(receiver.next().path()).isEqualTo("/alex");
        long id = new JsonObject(get("/v1/incidents?status=triggered", ALEX_TOKEN).body()).getJsonArray("incidents")
                .getJsonObject(0).getLong("id");

        assertThat(post("/v2/enqueue", "unused", PagingFixture.pagerDuty("acknowledge", "srv01/mysql")).status())
                .isEqualTo(202);
        Await.until(() -> assertThat(incident(id).getJsonObject("incident").getString("status")).isEqualTo("acknowledged"));
        // The escalation takes the source's acknowledgement in on its own event loop; only then may step 2 fall due
        // (a command or reconciliation applies after whatever was due by then).
        Instant stepTwoDue = clock.instant().plus(Duration.ofMinutes(5));
        EscalationRuntime runtime = gateway.paging().orElseThrow().runtime();
        Await.until(() -> assertThat(Await.result(runtime.scheduledAt(id))).isNotEqualTo(Optional.of(stepTwoDue)));
        clock.advance(Duration.ofMinutes(10));
        PageReceiver.Received after = receiver.poll(1_000);
        assertThat(after == null || "info".equals(after.body().getString("kind")))
                .as("acknowledged by the source: sam is not paged, got %s", after).isTrue();

        assertThat(post("/v2/enqueue", "unused", PagingFixture.pagerDuty("resolve", "srv01/mysql")).status())
                .isEqualTo(202);
        Await.until(() -> assertThat(incident(id).getJsonObject("incident").getString("status")).isEqualTo("resolved"));

        assertThat(post("/v2/enqueue", "unused", PagingFixture.pagerDuty("trigger", "srv01/mysql")).status())
                .isEqualTo(202);
        Await.until(() -> assertThat(new JsonObject(get("/v1/incidents?status=triggered", ALEX_TOKEN).body())
                .getJsonArray("incidents")).singleElement()
                .satisfies(i -> assertThat(((JsonObject) i).getLong("id")).isNotEqualTo(id)));
    }

    @Test
    void anAlertResentAfterAPersonResolvedItsIncidentOpensANewOne() throws Exception {
        startGateway();
        JsonObject firing = PagingFixture.alertmanager("firing", "fp-e2e-again", "Disk full on db-1");
        assertThat(post("/v1/intake/alertmanager/am", ALERTMANAGER_SECRET, firing).status()).isEqualTo(200);
        assertThat(nextPage().path()).isEqualTo("/alex");
        assertThat(post("/v1/intake/alertmanager/am", ALERTMANAGER_SECRET, firing).status())
                .as("Alertmanager re-sends the firing alert").isEqualTo(200);
        JsonArray incidents = new JsonObject(get("/v1/incidents", ALEX_TOKEN).body()).getJsonArray("incidents");
        assertThat(incidents).as("the re-sent alert is a redelivery").hasSize(1);
        long first = incidents.getJsonObject(0).getLong("id");

        assertThat(post("/v1/incidents/" + first + "/resolve", ALEX_TOKEN, new JsonObject()).status()).isEqualTo(200);
        assertThat(post("/v1/intake/alertmanager/am", ALERTMANAGER_SECRET, firing).status()).isEqualTo(200);

        JsonArray open = new JsonObject(get("/v1/incidents?status=triggered", ALEX_TOKEN).body())
                .getJsonArray("incidents");
        assertThat(open).as("still firing after alex resolved it: a new incident").hasSize(1);
        assertThat(open.getJsonObject(0).getLong("id")).isNotEqualTo(first);
        PageReceiver.Received page = nextPage();
        assertThat(page.path()).isEqualTo("/alex");
        assertThat(page.body().encode()).contains("Disk full on db-1");
    }

    /** The next page received, passing over notices (of acknowledgements and resolutions). */
    private PageReceiver.Received nextPage() throws Exception {
        PageReceiver.Received received = receiver.next();
        while ("info".equals(received.body().getString("kind"))) {
            received = receiver.next();
        }
        return received;
    }

    @Test
    void aNewIncidentHandedOverAfterItWasAlreadyDecidedIsDecidedAgainOnTheStoredStateAndPagedOnce() throws Exception {
        startGateway();
        assertThat(post("/v1/intake/alertmanager/am", ALERTMANAGER_SECRET,
                PagingFixture.alertmanager("firing", "fp-stale", "Queue backlog")).status()).isEqualTo(200);
        assertThat(receiver.next().path()).isEqualTo("/alex");
        Paging paging = gateway.paging().orElseThrow();
        Incident asOpened = Await.result(paging.database().incidents().find(1)).orElseThrow();

        // The intake's hand-over (version 0, no engine state) arrives after the escalation already moved on.
        paging.runtime().wakeOpened(asOpened);
        assertThat(receiver.poll(1_000)).as("the stale decision lost its save and was made again on a load").isNull();
        assertThat(kinds(incident(1)).stream().filter("paged"::equals)).hasSize(1);
        assertThat(Await.result(paging.runtime().scheduledAt(1)))
                .contains(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void aRestartedGatewayContinuesTheEscalation() throws Exception {
        startGateway();
        assertThat(post("/v1/intake/alertmanager/am", ALERTMANAGER_SECRET,
                PagingFixture.alertmanager("firing", "fp-restart", "Disk full")).status()).isEqualTo(200);
        assertThat(receiver.next().path()).isEqualTo("/alex");
        Await.until(() -> assertThat(kinds(incident(1))).contains("delivered"));
        stopGateway();

        clock.advance(Duration.ofMinutes(6));
        startGateway();
        PageReceiver.Received resumed = receiver.next();
        assertThat(resumed.path()).as("step 2 fell due while the gateway was down").isEqualTo("/sam");
        assertThat(receiver.poll(1_000)).as("alex's delivered page is not sent again").isNull();
    }

    @Test
    void aChannelThatNeverAnswersDoesNotHoldUpOtherPages() throws Exception {
        io.vertx.core.http.HttpServer silent = Await.result(client.createHttpServer()
                .requestHandler(request -> { }).listen(0, "127.0.0.1"));
        String base = "http://127.0.0.1:" + receiver.port();
        startGateway("http://127.0.0.1:" + silent.actualPort() + "/alex", base + "/sam");
        assertThat(post("/v1/intake/alertmanager/am", ALERTMANAGER_SECRET,
                PagingFixture.alertmanager("firing", "fp-silent", "API down")).status()).isEqualTo(200);
        assertThat(post("/v1/intake/alertmanager/am", ALERTMANAGER_SECRET,
                PagingFixture.alertmanager("firing", "fp-db", "Replica lag", "db")).status()).isEqualTo(200);
        PageReceiver.Received page = receiver.next();
        assertThat(page.path()).isEqualTo("/sam");
        assertThat(page.body().encode()).contains("Replica lag");
    }

    @Test
    void badRequestsGetClearErrorsAndChangeNothing() throws Exception {
        startGateway();
        JsonObject firing = PagingFixture.alertmanager("firing", "fp-bad", "Should not page");
        assertThat(post("/v1/intake/alertmanager/am", "wrong-secret-0123456789", firing).status()).isEqualTo(401);
        HttpProbe.Response malformed = http.send(HttpMethod.POST, "/v1/intake/alertmanager/am",
                Map.of("Authorization", "Bearer " + ALERTMANAGER_SECRET, "Content-Type", "application/json"),
                Buffer.buffer("{\"alerts\": [{\"status\": 7}]"));
        assertThat(malformed.status()).isEqualTo(400);
        HttpProbe.Response oversized = http.send(HttpMethod.POST, "/v1/intake/alertmanager/am",
                Map.of("Authorization", "Bearer " + ALERTMANAGER_SECRET, "Content-Type", "application/json"),
                Buffer.buffer("{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}"));
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(post("/v2/enqueue", "unused", PagingFixture.pagerDuty("trigger", "k").put("routing_key",
                "not-a-configured-key-000000")).status()).isIn(400, 401);

        assertThat(http.send(HttpMethod.GET, "/v1/incidents", Map.of(), null).status()).isEqualTo(401);
        assertThat(get("/v1/incidents", "not-a-live-token-0123456").status()).isEqualTo(401);
        HttpProbe.Response badStatus = get("/v1/incidents?status=open", ALEX_TOKEN);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.body()).contains("status");
        assertThat(post("/v1/incidents/1/acknowledge", ALEX_TOKEN, new JsonObject()).status()).isEqualTo(404);

        assertThat(new JsonObject(get("/v1/incidents", ALEX_TOKEN).body()).getJsonArray("incidents")).isEmpty();
        assertThat(receiver.poll(500)).isNull();

        assertThat(post("/v1/intake/alertmanager/am", ALERTMANAGER_SECRET, firing).status()).isEqualTo(200);
        assertThat(receiver.next().path()).isEqualTo("/alex");
        long id = new JsonObject(get("/v1/incidents", ALEX_TOKEN).body()).getJsonArray("incidents")
                .getJsonObject(0).getLong("id");
        HttpProbe.Response snooze = post("/v1/incidents/" + id + "/snooze", ALEX_TOKEN, new JsonObject().put("minutes", 0));
        assertThat(snooze.status()).isEqualTo(400);
        assertThat(snooze.body()).contains("minutes");
        HttpProbe.Response reassign = post("/v1/incidents/" + id + "/reassign", ALEX_TOKEN,
                new JsonObject().put("responder", "nobody"));
        assertThat(reassign.status()).isEqualTo(400);
        assertThat(reassign.body()).contains("responder");
        assertThat(incident(id).getJsonObject("incident").getString("status")).isEqualTo("triggered");

        HttpProbe.Response snoozed = post("/v1/incidents/" + id + "/snooze", ALEX_TOKEN, new JsonObject().put("minutes", 30));
        assertThat(snoozed.status()).as(snoozed.body()).isEqualTo(200);
        assertThat(post("/v1/incidents/" + id + "/resolve", ALEX_TOKEN, new JsonObject()).status()).isEqualTo(200);
        assertThat(post("/v1/incidents/" + id + "/acknowledge", ALEX_TOKEN, new JsonObject()).status())
                .as("a resolved incident cannot be acknowledged").isEqualTo(409);
    }

    @Test
    void anAcknowledgementFromTheLiveChannelStopsTheEscalation() throws Exception {
        startGateway();
        io.vertx.core.http.WebSocketConnectOptions options = new io.vertx.core.http.WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(gateway.port()).setURI("/v1/responders/alex/live")
                .addHeader("Authorization", "Bearer " + ALEX_TOKEN);
        java.util.concurrent.BlockingQueue<JsonObject> messages = new java.util.concurrent.LinkedBlockingQueue<>();
        io.vertx.core.http.WebSocket socket = Await.result(sockets.connect(options));
        socket.textMessageHandler(text -> messages.add(new JsonObject(text)));

        assertThat(post("/v1/intake/alertmanager/am", ALERTMANAGER_SECRET,
                PagingFixture.alertmanager("firing", "fp-live", "Queue backlog")).status()).isEqualTo(200);
        assertThat(receiver.next().path()).isEqualTo("/alex");
        long id = new JsonObject(get("/v1/incidents", ALEX_TOKEN).body()).getJsonArray("incidents")
                .getJsonObject(0).getLong("id");

        Await.result(socket.writeTextMessage(new JsonObject().put("type", "action").put("request_id", "r1")
                .put("action", "acknowledge").put("incident_id", String.valueOf(id)).encode()));
        JsonObject result = null;
        for (JsonObject message = messages.poll(10, java.util.concurrent.TimeUnit.SECONDS); message != null;
             message = messages.poll(10, java.util.concurrent.TimeUnit.SECONDS)) {
            if ("action_result".equals(message.getString("type"))) {
                result = message;
                break;
            }
        }
        assertThat(result).as("the live stream answers the action").isNotNull();
        assertThat(result.getBoolean("ok")).as(result.encode()).isTrue();
        JsonObject incident = incident(id).getJsonObject("incident");
        assertThat(incident.getString("status")).isEqualTo("acknowledged");
        assertThat(incident.getString("acknowledged_by")).isEqualTo("alex");

        clock.advance(Duration.ofMinutes(10));
        assertThat(receiver.poll(1_000)).as("acknowledged on the live channel: sam is not paged").isNull();
        socket.close();
    }

    @Test
    void aReloadedConfigurationAppliesToTheNextAlertAndKeepsOpenIncidents() throws Exception {
        startGateway();
        assertThat(post("/v1/intake/alertmanager/am", ALERTMANAGER_SECRET,
                PagingFixture.alertmanager("firing", "fp-before", "Before the reload")).status()).isEqualTo(200);
        assertThat(receiver.next().path()).isEqualTo("/alex");

        String base = "http://127.0.0.1:" + receiver.port();
        LimbicConfig next = ConfigLoader.parse("paging.yaml", PagingFixture.config(dataDir, base + "/alex-pager",
                base + "/sam", 0).getBytes(StandardCharsets.UTF_8));
        gateway.paging().orElseThrow().reconfigure(next);

        assertThat(post("/v1/intake/alertmanager/am", ALERTMANAGER_SECRET,
                PagingFixture.alertmanager("firing", "fp-after", "After the reload")).status()).isEqualTo(200);
        assertThat(receiver.next().path()).as("alex's new channel").isEqualTo("/alex-pager");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        List<String> escalated = List.of(receiver.next().path(), receiver.next().path());
        assertThat(escalated).as("both open incidents escalate to sam").containsExactly("/sam", "/sam");
    }
}
