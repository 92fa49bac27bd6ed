package dev.limbic.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.limbic.demo.Demo;
import dev.limbic.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real programs around {@code limbic demo} ({@link PrometheusStack}): a Prometheus scraping it with the repo's
 * scrape config and rules, an Alertmanager with the repo's receiver pointing at it. In order:
 * <ol>
 *   <li>{@code promtool check metrics} accepts the whole {@code /metrics};</li>
 *   <li>an alert posted to Alertmanager's API v2 reaches Limbic through the webhook, opens an incident and pages
 *       alex; acknowledged, then resolved in Alertmanager, it is resolved in Limbic;</li>
 *   <li>every query of every dashboard panel runs in that Prometheus and returns data over the test's time range,
 *       except the panels listed in {@link #NO_DATA_IN_THE_DEMO} (with the reason) and {@link #DEPENDS_ON_TIMING};</li>
 *   <li>when the demo's straps stop, the repo's {@code LimbicHeartRateIngestStopped} rule fires, and its alert comes
 *       back into Limbic through Alertmanager as an incident.</li>
 * </ol>
 * The demo runs at {@value #SPEED}x (the story's first minutes in a few seconds). Fails, never skips, when
 * Prometheus, Alertmanager or promtool are not installed (the README's test command installs them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class PrometheusEndToEndTest {
    static final double SPEED = 10;
    /** Grafana's {@code $__rate_interval} at a 1 s scrape interval (four scrapes, one spare). */
    static final String RATE_INTERVAL = "5s";

    private static final String HELD = "a page is held only when sam's escalation page (a minute after the demo alert)"
            + " meets his ACUTE stretch, which starts about then";

    /**
     * Panels (or one query of a panel, after a slash) whose metrics the demo does not produce, with the reason. The
     * test fails when one of them does return data, so this list only shrinks.
     */
    static final Map<String, String> NO_DATA_IN_THE_DEMO = Map.ofEntries(
            Map.entry("oncall-load.json: Notifications failed by channel (all teams)",
                    "the demo's only channel (live) delivers to the connected phones: no notification fails"),
            Map.entry("oncall-load.json: Notification failure ratio by channel (all teams)",
                    "the demo's only channel (live) delivers to the connected phones: no notification fails"),
            Map.entry("gateway.json: BLE straps connected", "the demo's straps stream over WebSockets; no Bluetooth here"),
            Map.entry("gateway.json: BLE reconnects", "the demo's straps stream over WebSockets; no Bluetooth here"),
            Map.entry("gateway.json: BLE strap battery", "the demo's straps stream over WebSockets; no Bluetooth here"),
            Map.entry("gateway.json: HTTP requests and 5xx responses/B", "no request fails with a 5xx in the demo"));

    /** Panels (or queries) whose data depends on when things happen, with the reason: not asserted either way. */
    static final Map<String, String> DEPENDS_ON_TIMING = Map.of(
            "oncall-load.json: Night pages (time range)", "night pages exist only when the test runs in alex's or sam's night",
            "oncall-load.json: Night pages per responder (time range)", "night pages exist only when the test runs in alex's or sam's night",
            "team-stress.json: Hold time (all teams)/A", HELD,
            "team-stress.json: Hold time (all teams)/B", HELD);

    private PrometheusStack stack;
    private Instant began;

    /** @param dir the programs' configs, data and logs (the logs are shown in failure messages) */
    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        began = Instant.now();
        stack = PrometheusStack.start(dir, SPEED);
        System.out.printf("PrometheusEndToEndTest: demo, Alertmanager and Prometheus up in %.1f s%n",
                Duration.between(began, Instant.now()).toMillis() / 1000.0);
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.stop();
        }
        System.out.printf("PrometheusEndToEndTest: %.1f s in all%n", Duration.between(began, Instant.now()).toMillis() / 1000.0);
    }

    @Test
    @Order(1)
    void promtoolAcceptsTheDemosMetrics() throws Exception {
        HttpResponse<String> metrics = stack.get(stack.limbicUrl("/metrics"), null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        Path scrape = Files.writeString(stack.dir().resolve("metrics.txt"), metrics.body());

        PrometheusStack.PROMTOOL.succeed(stack.dir(), scrape, 60, "check", "metrics");

        assertThat(metrics.body()).contains("\nlimbic_frames_ingested_total{", "\nvertx_http_server_requests_total{",
                "\nprocess_cpu_usage ", "\nlimbic_responder_stress_state{", "\nlimbic_event_loop_delay_seconds_bucket{");
    }

    @Test
    @Order(2)
    void anAlertPostedToAlertmanagerPagesThroughLimbicAndIsResolvedThere() throws Exception {
        String alex = Demo.LIVE_TOKENS.get("alex");
        String summary = "Checkout error rate above 5 % (" + UUID.randomUUID() + ")";
        ObjectNode alert = stack.mapper().createObjectNode();
        alert.putObject("labels").put("alertname", "CheckoutErrors").put("service", "checkout").put("severity", "error");
        alert.putObject("annotations").put("summary", summary);
        alert.put("startsAt", Instant.now().toString());

        postToAlertmanager(alert);
        JsonNode incident = stack.awaitValue("the Alertmanager alert opening an incident in Limbic", Duration.ofSeconds(20),
                () -> incidentWithSummary(summary), found -> found != null);
        assertThat(incident.path("integration").asText()).isEqualTo("alertmanager");
        long id = incident.path("id").asLong();
        JsonNode paged = stack.awaitValue("alex being paged for it", Duration.ofSeconds(20), () -> detail(id),
                detail -> StreamSupport.stream(detail.path("notifications").spliterator(), false)
                        .anyMatch(n -> n.path("responder").asText().equals("alex")
                                && n.path("status").asText().equals("delivered")));
        assertThat(paged.path("incident").path("status").asText()).isEqualTo("triggered");

        HttpResponse<String> ack = stack.post(stack.limbicUrl("/v1/incidents/" + id + "/acknowledge"), alex, "{}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);

        alert.put("endsAt", Instant.now().minusSeconds(1).toString());
        postToAlertmanager(alert);
        JsonNode resolved = stack.awaitValue("Alertmanager's resolved notification resolving the incident in Limbic",
                Duration.ofSeconds(30), () -> detail(id),
                detail -> detail.path("incident").path("status").asText().equals("resolved"));
        assertThat(resolved.path("incident").path("resolved_by").asText()).isEqualTo("alertmanager");
    }

    private void postToAlertmanager(ObjectNode alert) throws Exception {
        ArrayNode alerts = stack.mapper().createArrayNode().add(alert);
        HttpResponse<String> posted = stack.post(stack.alertmanagerUrl("/api/v2/alerts"), null, alerts.toString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
    }

    private JsonNode incidentWithSummary(String summary) throws Exception {
        JsonNode list = stack.json(stack.get(stack.limbicUrl("/v1/incidents?status=triggered,acknowledged,resolved"),
                Demo.LIVE_TOKENS.get("alex")).body());
        for (JsonNode incident : list.path("incidents")) {
            if (incident.path("summary").asText().equals(summary)) {
                return incident;
            }
        }
        return null;
    }

    private JsonNode detail(long id) throws Exception {
        return stack.json(stack.get(stack.limbicUrl("/v1/incidents/" + id), Demo.LIVE_TOKENS.get("alex")).body());
    }

    @Test
    @Order(3)
    void everyDashboardQueryRunsInPrometheusAndReturnsTheDemosData() throws Exception {
        // A sender with a wrong secret, so the rejected-webhooks panel has its series.
        HttpResponse<String> refused = stack.post(stack.limbicUrl("/v1/intake/alertmanager/alertmanager"), "not-the-secret",
                "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[]}");
        assertThat(refused.statusCode()).isEqualTo(401);
        // The GC panel's timer exists once the JVM (the demo runs in this one) has collected: with a large heap a
        // minute may pass without a collection, so the test asks for one.
        System.gc();
        stack.awaitValue("Prometheus scraping the rejection, the resolution and a GC pause", Duration.ofSeconds(15),
                () -> stack.query("limbic_alert_requests_rejected_total{reason=\"unauthorized\"}"
                        + " and on() limbic_resolve_seconds_count > 0 and on() count(jvm_gc_pause_seconds_count)").size(),
                found -> found > 0);
        Thread.sleep(2 * PrometheusStack.SCRAPE_INTERVAL.toMillis());

        List<String> keys = new ArrayList<>();
        PanelQuery.all().forEach(query -> keys.addAll(List.of(query.panelKey(), query.queryKey())));
        assertThat(keys).as("every listed panel exists").containsAll(NO_DATA_IN_THE_DEMO.keySet())
                .containsAll(DEPENDS_ON_TIMING.keySet());

        Instant end = Instant.now();
        Instant start = stack.startedAt();
        List<String> withoutData = new ArrayList<>();
        List<String> staleExemptions = new ArrayList<>();
        int queries = 0;
        for (PanelQuery query : PanelQuery.all()) {
            String promql = withGrafanaVariables(query.expr(), Duration.between(start, end));
            JsonNode result = stack.queryRange(promql, start, end, PrometheusStack.SCRAPE_INTERVAL);
            queries++;
            boolean hasData = hasFiniteValue(result);
            String exemption = NO_DATA_IN_THE_DEMO.getOrDefault(query.panelKey(), NO_DATA_IN_THE_DEMO.get(query.queryKey()));
            if (DEPENDS_ON_TIMING.containsKey(query.panelKey()) || DEPENDS_ON_TIMING.containsKey(query.queryKey())) {
                continue;
            }
            if (exemption == null && !hasData) {
                withoutData.add(query.queryKey() + ": " + promql);
            } else if (exemption != null && hasData) {
                staleExemptions.add(query.queryKey() + " returns data now: take it off NO_DATA_IN_THE_DEMO");
            }
        }
        System.out.printf("PrometheusEndToEndTest: %d dashboard queries over %d s; no data by design: %s%n", queries,
                Duration.between(start, end).toSeconds(), NO_DATA_IN_THE_DEMO.keySet());
        assertThat(queries).isGreaterThan(40);
        assertThat(withoutData).as("dashboard queries without data from the demo").isEmpty();
        assertThat(staleExemptions).isEmpty();
    }

    /** {@code expr} as Grafana sends it over {@code range}, every multi-value variable on "All". */
    static String withGrafanaVariables(String expr, Duration range) {
        return expr.replace("$__rate_interval", RATE_INTERVAL).replace("$__interval", "1s")
                .replace("$__range", Math.max(1, range.toSeconds()) + "s").replace("$shift", "8h")
                .replace("$team", ".*").replace("$responder", ".*").replace("$instance", ".*");
    }

    static boolean hasFiniteValue(JsonNode matrix) {
        for (JsonNode series : matrix) {
            for (JsonNode point : series.path("values")) {
                double value = Double.parseDouble(point.path(1).asText());
                if (Double.isFinite(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    @Order(4)
    void theIngestStoppedRuleFiresWhenTheStrapsStopAndItsAlertReachesLimbic() throws Exception {
        assertThat(firing("LimbicHeartRateIngestStopped")).as("frames still flow").isFalse();
        Instant stopped = Instant.now();
        Await.result(stack.demo().stopStraps());

        stack.awaitValue("LimbicHeartRateIngestStopped firing in Prometheus", Duration.ofSeconds(30),
                () -> firing("LimbicHeartRateIngestStopped"), firing -> firing);
        System.out.printf("PrometheusEndToEndTest: LimbicHeartRateIngestStopped fired %.1f s after the straps stopped%n",
                Duration.between(stopped, Instant.now()).toMillis() / 1000.0);
        JsonNode incident = stack.awaitValue("the rule's alert opening an incident in Limbic through Alertmanager",
                Duration.ofSeconds(20), () -> incidentWithSummary("Limbic receives no heart-rate frames"), found -> found != null);
        assertThat(incident.path("integration").asText()).isEqualTo("alertmanager");
        assertThat(incident.path("severity").asText()).isEqualTo("warning");
    }

    private boolean firing(String alertname) throws Exception {
        for (JsonNode alert : stack.alerts()) {
            if (alert.path("labels").path("alertname").asText().equals(alertname)
                    && alert.path("state").asText().equals("firing")) {
                return true;
            }
        }
        return false;
    }

    /** One query of one dashboard panel, with the keys {@link #NO_DATA_IN_THE_DEMO} uses. */
    record PanelQuery(String panelKey, String refId, String expr) {
        String queryKey() {
            return panelKey + "/" + refId;
        }

        static List<PanelQuery> all() {
            List<PanelQuery> queries = new ArrayList<>();
            for (DashboardFiles.PanelAt panel : DashboardFiles.load().panels()) {
                String key = panel.file() + ": " + panel.panel().path("title").asText();
                for (JsonNode target : panel.panel().path("targets")) {
                    queries.add(new PanelQuery(key, target.path("refId").asText(), target.path("expr").asText()));
                }
            }
            return queries;
        }
    }
}
