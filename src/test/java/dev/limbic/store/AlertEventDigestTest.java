package dev.limbic.store;

import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import dev.limbic.intake.AlertmanagerWebhookParser;
import dev.limbic.intake.DedupMode;
import dev.limbic.intake.IntakeFormat;
import dev.limbic.intake.Integration;
import dev.limbic.store.IntakePlanner.PlannedEvent;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency keys are stored: a redelivery is recognised by its key, also after an upgrade. These keys were computed
 * by the code that first stored them; if one of these tests fails, every redelivery after the upgrade would look new
 * (duplicate alerts on incidents), so change the code, not the expected keys.
 */
class AlertEventDigestTest {
    private static final Instant RECEIVED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant RECEIVED_LATER = Instant.parse("2026-12-01T11:30:00Z");

    /** An Alertmanager webhook with what makes JSON text differ: escapes, numbers, nesting, NUL, a duplicate key. */
    static final String WEBHOOK = """
            {"receiver":"team-\\u00e9","status":"firing","alerts":[
             {"status":"firing","labels":{"severity":"critical","alertname":"DiskFull","instance":"db-1:9100",
              "zone":"eu-\\u00e9\\/1","replicas":3,"ratio":1.50,"gone":null},
              "annotations":{"summary":"Disk \\"full\\" on db-1","description":"98.5% used"},
              "startsAt":"2026-12-01T09:55:37.39Z","endsAt":"0001-01-01T00:00:00Z",
              "generatorURL":"http://p/graph?g0.expr=a%3Eb&x=<y>","fingerprint":"a1b2c3d4e5f60718",
              "value":98.50,"big":12345678901234567890,"exp":1e3,"neg":-0,"flags":[true,false,null],
              "nested":{"a":{"b":[]}},"receiver":"own"},
             {"status":"resolved","labels":{"job":"node","alertname":"NoFingerprint","nul":"a\\u0000b"},
              "annotations":{},"startsAt":"2026-12-01T09:00:00Z","endsAt":"2026-12-01T09:30:00Z",
              "emoji":"\\ud83d\\udea8 tab\\t","text":"a\\u0000b"},
             {"status":"firing","labels":{"alertname":"Dup","severity":"page"},"fingerprint":"dup1","extra":1,
              "annotations":{"message":"first"},"extra":2}
            ],"groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093",
            "version":"4","groupKey":"{}:{alertname=~\\".*\\"}","truncatedAlerts":0,"orgId":7}
            """;

    /** A regular webhook (read in one streaming pass) with escapes, numbers of every form, nesting and nulls. */
    static final String REGULAR_WEBHOOK = """
            {"receiver":"team-\\u00e9 \\/ ops","status":"firing","extra":{"nested":[1,{"a":null}]},"alerts":[
             {"status":"firing","labels":{"alertname":"DiskFull","instance":"db-1:9100","severity":"critical",
              "zone":"eu-\\u00e9","gone":null},
              "annotations":{"summary":"Disk \\"full\\" on db-1","description":"98.5% used\\nsee runbook","empty":null},
              "startsAt":"2026-12-01T09:55:37.39Z","endsAt":"0001-01-01T00:00:00Z",
              "generatorURL":"http://p/graph?g0.expr=a%3Eb&x=<y>&amp;","fingerprint":"a1b2c3d4e5f60718",
              "values":{"B":44.23943737541908,"C":1,"D":98.50,"E":1e3,"F":-0,
                "G":12345678901234567890,"H":-1.5E-7,"I":1e400,"J":0.0},
              "flags":[true,false,null,[],{}],"receiver":"own","orgId":null},
             {"status":"resolved","labels":{"job":"node","alertname":"NoFingerprint"},"annotations":null,
              "fingerprint":null,"startsAt":"2026-12-01T09:00:00Z","endsAt":"2026-12-01T09:30:00Z",
              "emoji":"\\ud83d\\udea8 tab\\t ctl\\u0001"},
             {"labels":{"alertname":"Bare","severity":"page"},"status":"firing"},
             {"status":"firing","labels":{},"annotations":{"message":"no labels"},"fingerprint":""}
            ],"groupLabels":{"alertname":"DiskFull"},"commonLabels":{},"commonAnnotations":{"summary":null},
            "externalURL":"http://am:9093","version":"4","groupKey":"{}:{alertname=~\\".*\\"}","truncatedAlerts":0,
            "orgId":{"id":7,"name":"x"},"title":"t"}
            """;

    @Test
    void keysOfFixedEventsNeverChange() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", "db");
        labels.put("alertname", "HighErrorRate");
        labels.put("zone", "eu-é");
        AlertEvent trigger = new AlertEvent("alertmanager", "fp-1", AlertAction.TRIGGER, Severity.CRITICAL,
                "High 5xx rate", "api-1:8080", labels, "{\"startsAt\":\"2026-12-01T09:55:37.39Z\"}", RECEIVED);
        AlertEvent resolve = new AlertEvent("pagerduty", "key 2", AlertAction.RESOLVE, Severity.INFO, "", "",
                Map.of(), "{}", RECEIVED);
        AlertEvent acknowledge = new AlertEvent("generic", "ünïcode 🚨", AlertAction.ACKNOWLEDGE, Severity.WARNING,
                "Summary with \"quotes\"", "host", Map.of("a", ""), "[1,2.5,null]", RECEIVED);
        assertThat(AlertEventDigest.idempotencyKey(trigger)).isEqualTo("3483c188010c1eff3f4e516609b83bcf");
        assertThat(AlertEventDigest.idempotencyKey(resolve)).isEqualTo("1ae5a84802497438e73f956ce67a81e0");
        assertThat(AlertEventDigest.idempotencyKey(acknowledge)).isEqualTo("c615dfc37cc002bbdb17408d89086018");
    }

    @Test
    void theKeyDependsOnContentNotOnArrivalNorLabelOrder() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("b", "2");
        labels.put("a", "1");
        AlertEvent first = new AlertEvent("am", "k", AlertAction.TRIGGER, Severity.ERROR, "s", "", labels, "{}",
                RECEIVED);
        AlertEvent again = new AlertEvent("am", "k", AlertAction.TRIGGER, Severity.ERROR, "s", "",
                Map.of("a", "1", "b", "2"), "{}", RECEIVED_LATER);
        AlertEvent other = new AlertEvent("am", "k", AlertAction.TRIGGER, Severity.ERROR, "s", "",
                Map.of("a", "1", "b", "3"), "{}", RECEIVED);

        assertThat(AlertEventDigest.idempotencyKey(again)).isEqualTo(AlertEventDigest.idempotencyKey(first));
        assertThat(AlertEventDigest.idempotencyKey(other)).isNotEqualTo(AlertEventDigest.idempotencyKey(first));
    }

    @Test
    void whatTheIntakeStoresForAnAlertmanagerWebhookNeverChanges() throws Exception {
        Integration perAlert = Integration.withSecret("am", IntakeFormat.ALERTMANAGER, "s", DedupMode.ALERT,
                Severity.WARNING);
        List<PlannedEvent> planned = plan(AlertmanagerWebhookParser.alertmanager().parse(
                WEBHOOK.getBytes(StandardCharsets.UTF_8), perAlert, RECEIVED));
        assertThat(planned).extracting(p -> p.event().dedupKey())
                .containsExactly("a1b2c3d4e5f60718", "labels:36ee4b8791949c9a", "dup1");
        assertThat(planned).extracting(p -> p.event().detailsJson()).containsExactly(
                "{\"annotations\":{\"summary\":\"Disk \\\"full\\\" on db-1\",\"description\":\"98.5% used\"},\"st"
                + "artsAt\":\"2026-12-01T09:55:37.39Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http"
                + "://p/graph?g0.expr=a%3Eb&x=<y>\",\"fingerprint\":\"a1b2c3d4e5f60718\",\"value\":98.5,\"big\":123"
                + "45678901234567890,\"exp\":1000.0,\"neg\":0,\"flags\":[true,false,null],\"nested\":{\"a\":{\"b\":"
                + "[]}},\"receiver\":\"own\",\"groupKey\":\"{}:{alertname=~\\\".*\\\"}\",\"externalURL\":\"http://a"
                + "m:9093\",\"orgId\":7}",
                "{\"annotations\":{},\"startsAt\":\"2026-12-01T09:00:00Z\",\"endsAt\":\"2026-12-01T09:30:00Z\",\""
                + "emoji\":\"\uD83D\uDEA8 tab\\t\",\"text\":\"a\\ufffdb\",\"receiver\":\"team-\u00E9\",\"groupKey\""
                + ":\"{}:{alertname=~\\\".*\\\"}\",\"externalURL\":\"http://am:9093\",\"orgId\":7}",
                "{\"fingerprint\":\"dup1\",\"extra\":2,\"annotations\":{\"message\":\"first\"},\"receiver\":\"tea"
                + "m-\u00E9\",\"groupKey\":\"{}:{alertname=~\\\".*\\\"}\",\"externalURL\":\"http://am:9093\",\"orgI"
                + "d\":7}");
        assertThat(planned).extracting(PlannedEvent::idempotencyKey)
                .containsExactly("e2067b70c1ca4d5e5b0fc7ad76b40fe2", "dc112b2d3db824655a192043f6f20efa",
                        "278a1b4740a6f1154ca2340b60181718");
        assertThat(planned).extracting(p -> new JsonObject(p.labelsJson()).getMap()).containsExactly(
                Map.of("severity", "critical", "alertname", "DiskFull", "instance", "db-1:9100", "zone", "eu-\u00E9/1",
                        "replicas", "3", "ratio", "1.5"),
                Map.of("job", "node", "alertname", "NoFingerprint", "nul", "a\uFFFDb"),
                Map.of("alertname", "Dup", "severity", "page"));
        assertThat(planned).extracting(p -> p.event().labels()).isEqualTo(
                planned.stream().map(p -> new JsonObject(p.labelsJson()).getMap()).toList());
        assertThat(planned).extracting(p -> p.event().severity())
                .containsExactly(Severity.CRITICAL, Severity.WARNING, Severity.CRITICAL);
        assertThat(planned).extracting(p -> p.event().action())
                .containsExactly(AlertAction.TRIGGER, AlertAction.RESOLVE, AlertAction.TRIGGER);
        assertThat(planned).extracting(p -> p.event().summary())
                .containsExactly("Disk \"full\" on db-1", "NoFingerprint", "first");
        assertThat(planned).extracting(p -> p.event().source()).containsExactly("db-1:9100", "node", "team-\u00E9");
        assertThat(planned).extracting(PlannedEvent::policyId).containsExactly("policy", null, "policy");
    }

    @Test
    void whatTheIntakeStoresForARegularWebhookNeverChanges() throws Exception {
        for (AlertmanagerWebhookParser parser : List.of(AlertmanagerWebhookParser.alertmanager(),
                AlertmanagerWebhookParser.grafana())) {
            Integration perAlert = Integration.withSecret("am", parser.format(), "s", DedupMode.ALERT,
                    Severity.WARNING);
            String body = parser.format() == IntakeFormat.GRAFANA
                    ? REGULAR_WEBHOOK.replace("\"version\":\"4\"", "\"version\":\"1\"") : REGULAR_WEBHOOK;
            List<PlannedEvent> planned = plan(parser.parse(body.getBytes(StandardCharsets.UTF_8), perAlert,
                    RECEIVED));

            assertThat(planned).extracting(p -> p.event().dedupKey())
                    .containsExactly("a1b2c3d4e5f60718", "labels:e1a491ccfdbaca9d", "labels:7bcb0cb8ed5ce94e",
                            "labels:e3b0c44298fc1c14");
            assertThat(planned).extracting(p -> p.event().detailsJson()).containsExactly(
                    "{\"annotations\":{\"summary\":\"Disk \\\"full\\\" on db-1\",\"description\":\"98.5% used\\ns"
                    + "ee runbook\",\"empty\":null},\"startsAt\":\"2026-12-01T09:55:37.39Z\",\"endsAt\":\"0001-01-0"
                    + "1T00:00:00Z\",\"generatorURL\":\"http://p/graph?g0.expr=a%3Eb&x=<y>&amp;\",\"fingerprint\":"
                    + "\"a1b2c3d4e5f60718\",\"values\":{\"B\":44.23943737541908,\"C\":1,\"D\":98.5,\"E\":1000.0,\"F"
                    + "\":0,\"G\":12345678901234567890,\"H\":-1.5E-7,\"I\":\"Infinity\",\"J\":0.0},\"flags\":[true,"
                    + "false,null,[],{}],\"receiver\":\"own\",\"orgId\":null,\"groupKey\":\"{}:{alertname=~\\\".*\\"
                    + "\"}\",\"externalURL\":\"http://am:9093\"}",
                    "{\"annotations\":null,\"fingerprint\":null,\"startsAt\":\"2026-12-01T09:00:00Z\",\"endsAt\":"
                    + "\"2026-12-01T09:30:00Z\",\"emoji\":\"\uD83D\uDEA8 tab\\t ctl\\u0001\",\"receiver\":\"team-"
                    + "\u00E9 / ops\",\"groupKey\":\"{}:{alertname=~\\\".*\\\"}\",\"externalURL\":\"http://am:9093"
                    + "\",\"orgId\":{\"id\":7,\"name\":\"x\"}}",
                    "{\"receiver\":\"team-\u00E9 / ops\",\"groupKey\":\"{}:{alertname=~\\\".*\\\"}\",\"externalUR"
                    + "L\":\"http://am:9093\",\"orgId\":{\"id\":7,\"name\":\"x\"}}",
                    "{\"annotations\":{\"message\":\"no labels\"},\"fingerprint\":\"\",\"receiver\":\"team-\u00E9"
                    + " / ops\",\"groupKey\":\"{}:{alertname=~\\\".*\\\"}\",\"externalURL\":\"http://am:9093\",\"or"
                    + "gId\":{\"id\":7,\"name\":\"x\"}}");
            assertThat(planned).extracting(PlannedEvent::idempotencyKey).containsExactly(
                    "db5903f12e45c7ae6c35dec7a6c34edd",
                    "d6f72680fed30077ac723a7769b79529",
                    "7e40b9880c2e416ef5a5fc1c64ea8ad2",
                    "1cc4bbb89a60d874ee613d8f80d7b334");
        }
    }

    @Test
    void whatTheIntakeStoresForAGroupedWebhookNeverChanges() throws Exception {
        Integration perGroup = Integration.withSecret("am-group", IntakeFormat.ALERTMANAGER, "s", DedupMode.GROUP,
                Severity.WARNING);
        List<PlannedEvent> planned = plan(AlertmanagerWebhookParser.alertmanager().parse(
                WEBHOOK.getBytes(StandardCharsets.UTF_8), perGroup, RECEIVED));
        assertThat(planned).extracting(p -> p.event().detailsJson()).containsExactly(
                "{\"receiver\":\"team-\u00E9\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels"
                + "\":{\"severity\":\"critical\",\"alertname\":\"DiskFull\",\"instance\":\"db-1:9100\",\"zone\":\"e"
                + "u-\u00E9/1\",\"replicas\":3,\"ratio\":1.5,\"gone\":null},\"annotations\":{\"summary\":\"Disk \\"
                + "\"full\\\" on db-1\",\"description\":\"98.5% used\"},\"startsAt\":\"2026-12-01T09:55:37.39Z\",\""
                + "endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://p/graph?g0.expr=a%3Eb&x=<y>\",\"fing"
                + "erprint\":\"a1b2c3d4e5f60718\",\"value\":98.5,\"big\":12345678901234567890,\"exp\":1000.0,\"neg"
                + "\":0,\"flags\":[true,false,null],\"nested\":{\"a\":{\"b\":[]}},\"receiver\":\"own\"},{\"status\""
                + ":\"resolved\",\"labels\":{\"job\":\"node\",\"alertname\":\"NoFingerprint\",\"nul\":\"a\\ufffdb\""
                + "},\"annotations\":{},\"startsAt\":\"2026-12-01T09:00:00Z\",\"endsAt\":\"2026-12-01T09:30:00Z\","
                + "\"emoji\":\"\uD83D\uDEA8 tab\\t\",\"text\":\"a\\ufffdb\"},{\"status\":\"firing\",\"labels\":{\"a"
                + "lertname\":\"Dup\",\"severity\":\"page\"},\"fingerprint\":\"dup1\",\"extra\":2,\"annotations\":{"
                + "\"message\":\"first\"}}],\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},\"exter"
                + "nalURL\":\"http://am:9093\",\"version\":\"4\",\"groupKey\":\"{}:{alertname=~\\\".*\\\"}\",\"trun"
                + "catedAlerts\":0,\"orgId\":7}");
        assertThat(planned).extracting(PlannedEvent::idempotencyKey).containsExactly("f0e655e3f367c61db62ef1de969b0b1a");
    }

    private static List<PlannedEvent> plan(List<AlertEvent> events) {
        return events.stream().map(event -> DurableAlertIntake.plan(event, e -> "policy")).toList();
    }
}
