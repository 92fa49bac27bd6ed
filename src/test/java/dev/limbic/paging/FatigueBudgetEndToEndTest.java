package dev.limbic.paging;

import dev.limbic.app.Gateway;
import dev.limbic.config.ConfigLoader;
import dev.limbic.config.LimbicConfig;
import dev.limbic.testing.Await;
import dev.limbic.testing.HttpProbe;
import dev.limbic.testing.MutableClock;
import dev.limbic.testing.QuietEventLoops;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fatigue budget in the running pager: real webhooks, a schedule, the embedded PostgreSQL and a clock set to a
 * Berlin night. Alex is on call with a budget of one night page a week; once it is spent, a warning pages Sam (next
 * on the schedule) with the reason on the timeline, and a critical alert still pages Alex.
 */
@Timeout(180)
class FatigueBudgetEndToEndTest {
    private static final String SECRET = "am-secret-0123456789";
    private static final String TOKEN = "alex-live-token-0123456789";

    @TempDir
    Path dataDir;

    /** 23:00 in Berlin. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T22:00:00Z"));
    private Vertx client;
    private Gateway gateway;
    private QuietEventLoops.Watch watch;
    private HttpProbe http;

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            Await.result(gateway.close());
            watch.assertNoneBlocked();
        }
        if (client != null) {
            Await.result(client.close());
        }
    }

    @Test
    void aSpentBudgetSendsNightWarningsToTheNextOnTheScheduleAndCriticalOnesAsPlanned() throws Exception {
        client = QuietEventLoops.vertx();
        PageReceiver receiver = PageReceiver.start(client);
        String base = "http://127.0.0.1:" + receiver.port();
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                data_dir: %s
                responders:
                  - id: alex
                    timezone: Europe/Berlin
                    live_token: %s
                    channels: [{type: webhook, url: %s/alex, timeout: 2s}]
                  - id: sam
                    timezone: Europe/Berlin
                    channels: [{type: webhook, url: %s/sam, timeout: 2s}]
                teams:
                  - {id: sre, members: [alex, sam]}
                schedules:
                  - id: primary
                    timezone: Europe/Berlin
                    rotations:
                      - {type: daily, start: 2026-12-01T09:00, participants: [alex, sam]}
                escalation_policies:
                  - id: default
                    steps:
                      - {delay: 30m, targets: [schedule:primary]}
                default_policy: default
                integrations:
                  - {name: am, type: alertmanager, secret: %s}
                care:
                  fatigue: {night_pages_per_week: 1}
                """.formatted(dataDir, TOKEN, base, base, SECRET);
        LimbicConfig config = ConfigLoader.parse("fatigue.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        start(config);
        String alexBudget = "limbic_fatigue_budget_used_ratio{responder=\"alex\",team=\"sre\"}";
        String samBudget = "limbic_fatigue_budget_used_ratio{responder=\"sam\",team=\"sre\"}";
        assertThat(http.metric(alexBudget)).as("present before any page").isZero();
        assertThat(http.metric(samBudget)).isZero();

        fire("fp-night-1", "warning");
        assertThat(receiver.next().path()).as("budget left: alex, on call, is paged").isEqualTo("/alex");
        Await.until(() -> assertThat(http.metric(alexBudget)).isEqualTo(1.0));

        clock.advance(Duration.ofMinutes(20));
        long rerouted = fire("fp-night-2", "warning");
        assertThat(receiver.next().path()).as("alex's budget is spent: sam, next on the schedule").isEqualTo("/sam");
        JsonObject detail = incident(rerouted);
        List<String> kinds = detail.getJsonArray("timeline").stream()
                .map(e -> ((JsonObject) e).getString("kind")).toList();
        assertThat(kinds).containsSubsequence("page_rerouted", "paged");
        JsonObject why = detail.getJsonArray("timeline").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("kind").equals("page_rerouted")).findFirst().orElseThrow();
        assertThat(why.getString("text")).contains("sam", "alex", "fatigue budget");
        assertThat(http.metric("limbic_deferred_pages_total{responder=\"alex\",team=\"sre\"}")).isEqualTo(1.0);
        assertThat(http.metric(samBudget)).isEqualTo(1.0);

        fire("fp-night-3", "critical");
        assertThat(receiver.next().path()).as("critical pages are never rerouted").isEqualTo("/alex");
        Await.until(() -> assertThat(http.metric("limbic_responder_open_incidents{responder=\"alex\",team=\"sre\"}"))
                .isEqualTo(2.0));
        assertThat(http.metric("limbic_responder_open_incidents{responder=\"sam\",team=\"sre\"}")).isEqualTo(1.0);
        assertThat(http.metric("limbic_pages_total{night=\"true\",responder=\"alex\",team=\"sre\"}")).isEqualTo(2.0);

        Await.result(gateway.close());
        watch.assertNoneBlocked();
        gateway = null;
        clock.advance(Duration.ofMinutes(5));
        start(config);
        assertThat(http.metric(alexBudget)).as("a restart keeps the week's night pages").isEqualTo(2.0);
        assertThat(http.metric(samBudget)).isEqualTo(1.0);
        Await.until(() -> assertThat(http.metric("limbic_responder_open_incidents{responder=\"alex\",team=\"sre\"}"))
                .as("counted again as the restart evaluates the open escalations").isEqualTo(2.0));
        fire("fp-night-4", "warning");
        assertThat(receiver.next().path()).as("everyone's budget is spent: paged as planned, never dropped")
                .isEqualTo("/alex");
    }

    private void start(LimbicConfig config) throws Exception {
        gateway = Await.result(Gateway.start(config, clock, QuietEventLoops.options(), Duration.ofHours(1)), 60);
        watch = QuietEventLoops.watch(gateway.vertx());
        http = new HttpProbe(client, gateway.port());
    }

    private long fire(String fingerprint, String severity) throws Exception {
        JsonObject body = PagingFixture.alertmanager("firing", fingerprint, "Queue backlog on " + fingerprint);
        body.getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").put("severity", severity);
        body.getJsonObject("commonLabels").put("severity", severity);
        HttpProbe.Response response = http.send(HttpMethod.POST, "/v1/intake/alertmanager/am",
                Map.of("Authorization", "Bearer " + SECRET, "Content-Type", "application/json"),
                Buffer.buffer(body.encode()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Long[] id = new Long[1];
        Await.until(() -> {
            JsonObject list = new JsonObject(http.send(HttpMethod.GET, "/v1/incidents?status=triggered",
                    Map.of("Authorization", "Bearer " + TOKEN), null).body());
            id[0] = list.getJsonArray("incidents").stream().map(JsonObject.class::cast)
                    .filter(i -> i.encode().contains(fingerprint)).map(i -> i.getLong("id")).findFirst().orElseThrow();
        });
        return id[0];
    }

    private JsonObject incident(long id) throws Exception {
        HttpProbe.Response response = http.send(HttpMethod.GET, "/v1/incidents/" + id,
                Map.of("Authorization", "Bearer " + TOKEN), null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }
}
