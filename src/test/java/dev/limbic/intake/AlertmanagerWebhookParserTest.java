package dev.limbic.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertmanagerWebhookParserTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Integration PER_ALERT = Integration.withSecret("prod", IntakeFormat.ALERTMANAGER, "s3cret",
            DedupMode.ALERT, Severity.ERROR);
    static final Integration PER_GROUP = Integration.withSecret("prod-groups", IntakeFormat.ALERTMANAGER, "s3cret",
            DedupMode.GROUP, Severity.ERROR);
    static final Integration GRAFANA = Integration.withSecret("grafana", IntakeFormat.GRAFANA, "s3cret",
            DedupMode.ALERT, Severity.WARNING);

    final AlertmanagerWebhookParser alertmanager = AlertmanagerWebhookParser.alertmanager();
    final AlertmanagerWebhookParser grafana = AlertmanagerWebhookParser.grafana();

    @Test
    void realAlertmanagerWebhookGivesOneEventPerAlertKeyedByFingerprint() throws Exception {
        List<AlertEvent> events = alertmanager.parse(Fixtures.json("alertmanager-0.25-firing.json"), PER_ALERT, NOW);

        assertThat(events).hasSize(2);
        AlertEvent first = events.get(0);
        assertThat(first.integration()).isEqualTo("prod");
        assertThat(first.dedupKey()).isEqualTo("bd70a65464fae094");
        assertThat(first.action()).isEqualTo(AlertAction.TRIGGER);
        assertThat(first.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(first.summary()).isEqualTo("High 5xx rate on api-1");
        assertThat(first.source()).isEqualTo("api-1:8080");
        assertThat(first.labels()).containsEntry("alertname", "HighErrorRate").containsEntry("job", "api");
        assertThat(first.receivedAt()).isEqualTo(NOW);
        JsonNode details = Fixtures.parse(first.detailsJson());
        assertThat(details.path("generatorURL").asText()).startsWith("http://prometheus.example.org:9090/graph");
        assertThat(details.path("annotations").path("description").asText()).isEqualTo("5xx ratio above 5% for 10 minutes");
        assertThat(details.path("externalURL").asText()).isEqualTo("http://vm:19093");
        assertThat(details.has("labels")).isFalse();

        assertThat(events.get(1).dedupKey()).isEqualTo("234fbaf636248404");
        assertThat(events.get(1).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void aResolvedAlertInAFiringGroupResolvesOnlyItsOwnIncident() throws Exception {
        List<AlertEvent> events = alertmanager.parse(Fixtures.json("alertmanager-0.25-one-resolved.json"), PER_ALERT, NOW);

        assertThat(events).extracting(AlertEvent::dedupKey, AlertEvent::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bd70a65464fae094", AlertAction.RESOLVE),
                org.assertj.core.groups.Tuple.tuple("234fbaf636248404", AlertAction.TRIGGER));
    }

    @Test
    void groupDedupGivesOneEventPerNotificationKeyedByGroupKey() throws Exception {
        List<AlertEvent> firing = alertmanager.parse(Fixtures.json("alertmanager-0.25-firing.json"), PER_GROUP, NOW);
        List<AlertEvent> partly = alertmanager.parse(Fixtures.json("alertmanager-0.25-one-resolved.json"), PER_GROUP, NOW);
        List<AlertEvent> resolved = alertmanager.parse(Fixtures.json("alertmanager-0.25-resolved.json"), PER_GROUP, NOW);

        String groupKey = "{}:{alertname=\"HighErrorRate\", job=\"api\"}";
        assertThat(firing).singleElement().satisfies(event -> {
            assertThat(event.dedupKey()).isEqualTo(groupKey);
            assertThat(event.action()).isEqualTo(AlertAction.TRIGGER);
            assertThat(event.severity()).as("the worst firing alert").isEqualTo(Severity.CRITICAL);
            assertThat(event.summary()).isEqualTo("HighErrorRate (2 firing)");
            assertThat(event.source()).isEqualTo("limbic");
            assertThat(event.labels()).isEqualTo(Map.of("alertname", "HighErrorRate", "job", "api"));
        });
        assertThat(partly).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo(AlertAction.TRIGGER);
            assertThat(event.severity()).as("only the warning still fires").isEqualTo(Severity.WARNING);
        });
        assertThat(resolved).singleElement().satisfies(event -> {
            assertThat(event.dedupKey()).isEqualTo(groupKey);
            assertThat(event.action()).isEqualTo(AlertAction.RESOLVE);
            assertThat(event.summary()).isEqualTo("High 5xx rate on api-2");
        });
    }

    @Test
    void publishedSampleV4PayloadParses() throws Exception {
        List<AlertEvent> events = alertmanager.parse(Fixtures.json("alertmanager-webhook-types-sample-v4.json"),
                PER_ALERT, NOW);

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.dedupKey()).isEqualTo("1a30ba71cca2921f");
            assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(event.summary()).isEqualTo("BlackBox Probe Failure: https://server.example.org");
            assertThat(event.source()).isEqualTo("https://server.example.org");
        });
    }

    @Test
    void grafanaDocsExampleKeepsItsExtrasInTheDetails() throws Exception {
        List<AlertEvent> events = grafana.parse(Fixtures.json("grafana-docs-webhook.json"), GRAFANA, NOW);

        assertThat(events).hasSize(2);
        AlertEvent memory = events.get(0);
        assertThat(memory.integration()).isEqualTo("grafana");
        assertThat(memory.dedupKey()).isEqualTo("c6eadffa33fcdf37");
        assertThat(memory.action()).isEqualTo(AlertAction.TRIGGER);
        assertThat(memory.severity()).as("no severity label: the integration default").isEqualTo(Severity.WARNING);
        assertThat(memory.summary()).isEqualTo("This alert was triggered for zone us-1");
        assertThat(memory.source()).isEqualTo("My Super Webhook");
        JsonNode details = Fixtures.parse(memory.detailsJson());
        assertThat(details.path("silenceURL").asText()).startsWith("https://play.grafana.org/alerting/silence/new");
        assertThat(details.path("values").path("B").asDouble()).isEqualTo(44.23943737541908);
        assertThat(details.path("orgId").asInt()).isEqualTo(1);
        assertThat(events.get(1).dedupKey()).isEqualTo("bc97ff14869b13e3");
    }

    @Test
    void grafanaValueStringVariantParses() throws Exception {
        List<AlertEvent> events = grafana.parse(Fixtures.json("grafana-9.4-docs-webhook-valuestring.json"), GRAFANA, NOW);

        assertThat(events).singleElement().satisfies(event -> assertThat(
                Fixtures.parse(event.detailsJson()).path("valueString").asText())
                .isEqualTo("[ metric='' labels={} value=14151.331895396988 ]"));
    }

    @Test
    void grafanaGroupSummaryFallsBackToTitle() throws Exception {
        Integration groups = new Integration("grafana-groups", IntakeFormat.GRAFANA, GRAFANA.secretSha256(),
                DedupMode.GROUP, Severity.WARNING);
        List<AlertEvent> events = grafana.parse(Fixtures.json("grafana-docs-webhook.json"), groups, NOW);

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.dedupKey()).isEqualTo("{}:{}");
            assertThat(event.summary()).isEqualTo("[FIRING:2]  (blue) (2 firing)");
            assertThat(event.labels()).isEqualTo(Map.of("team", "blue"));
        });
    }

    @Test
    void alertWithoutFingerprintIsKeyedByItsSortedLabels() throws Exception {
        String a = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\",\"job\":\"j\"}}]}";
        String b = "{\"alerts\":[{\"status\":\"resolved\",\"labels\":{\"job\":\"j\",\"alertname\":\"X\"}}]}";
        String c = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\",\"job\":\"k\"}}]}";

        String keyA = alertmanager.parse(Fixtures.parse(a), PER_ALERT, NOW).get(0).dedupKey();
        String keyB = alertmanager.parse(Fixtures.parse(b), PER_ALERT, NOW).get(0).dedupKey();
        String keyC = alertmanager.parse(Fixtures.parse(c), PER_ALERT, NOW).get(0).dedupKey();

        assertThat(keyA).startsWith("labels:").isEqualTo(keyB).isNotEqualTo(keyC);
    }

    @ParameterizedTest
    @CsvSource({"critical,CRITICAL", "Page,CRITICAL", "error,ERROR", "high,ERROR", "warning,WARNING",
            "warn,WARNING", "info,INFO", "low,INFO", "none,INFO", "bogus,ERROR"})
    void severityLabelWordsMapToSeverities(String word, Severity expected) throws Exception {
        String body = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\",\"severity\":\"" + word
                + "\"}}]}";

        assertThat(alertmanager.parse(Fixtures.parse(body), PER_ALERT, NOW).get(0).severity()).isEqualTo(expected);
    }

    @Test
    void summaryFallsBackFromAnnotationsToAlertname() throws Exception {
        String body = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"DiskFull\"},"
                + "\"annotations\":{\"runbook_url\":\"x\"}}]}";

        assertThat(alertmanager.parse(Fixtures.parse(body), PER_ALERT, NOW).get(0).summary()).isEqualTo("DiskFull");
    }

    @Test
    void emptyAlertListGivesNoEvents() throws Exception {
        assertThat(alertmanager.parse(Fixtures.parse("{\"version\":\"4\",\"alerts\":[]}"), PER_ALERT, NOW)).isEmpty();
    }

    @Test
    void errorsNameEveryFieldAtFault() {
        String body = "{\"version\":\"5\",\"status\":\"burning\",\"alerts\":[{\"status\":\"firing\",\"labels\":{}},"
                + "\"oops\",{\"status\":\"firing\",\"labels\":[\"a\"]},{\"labels\":{\"a\":{\"b\":1}}}]}";

        assertThatThrownBy(() -> alertmanager.parse(Fixtures.parse(body), PER_ALERT, NOW))
                .isInstanceOf(InvalidPayloadException.class)
                .extracting(e -> ((InvalidPayloadException) e).errors())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(String.class))
                .containsExactly(
                        "version: must be \"4\" for the alertmanager format, not \"5\"",
                        "status: must be \"firing\" or \"resolved\", not \"burning\"",
                        "alerts[1]: must be an object",
                        "alerts[2].labels: must be an object",
                        "alerts[3].status: is missing (must be \"firing\" or \"resolved\")",
                        "alerts[3].labels.a: must be a string");
    }

    @Test
    void missingAlertsAndNonObjectBodiesAreRejected() {
        assertThatThrownBy(() -> alertmanager.parse(Fixtures.parse("{\"version\":\"4\"}"), PER_ALERT, NOW))
                .hasMessage("alerts: is missing");
        assertThatThrownBy(() -> alertmanager.parse(Fixtures.parse("{\"alerts\":{}}"), PER_ALERT, NOW))
                .hasMessage("alerts: must be an array");
        assertThatThrownBy(() -> alertmanager.parse(Fixtures.parse("[1]"), PER_ALERT, NOW))
                .hasMessage("body: must be a JSON object");
    }

    @Test
    void groupDedupNeedsAGroupKey() {
        String body = "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\"}}]}";

        assertThatThrownBy(() -> alertmanager.parse(Fixtures.parse(body), PER_GROUP, NOW))
                .hasMessage("groupKey: is missing or blank (integration prod-groups deduplicates by group)");
    }

    @Test
    void grafanaEndpointRejectsAlertmanagerVersion() {
        assertThatThrownBy(() -> grafana.parse(Fixtures.json("alertmanager-0.25-firing.json"), GRAFANA, NOW))
                .hasMessage("version: must be \"1\" for the grafana format, not \"4\"");
    }
}
