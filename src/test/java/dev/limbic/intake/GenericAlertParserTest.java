package dev.limbic.intake;

import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenericAlertParserTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Integration GENERIC = Integration.withSecret("cron", IntakeFormat.GENERIC, "s3cret",
            DedupMode.ALERT, Severity.WARNING);

    final GenericAlertParser parser = new GenericAlertParser(() -> "generated-key");

    @Test
    void fullTriggerKeepsEveryField() throws Exception {
        String body = "{\"summary\":\"Disk 95% full on db-1\",\"severity\":\"critical\",\"dedup_key\":\"db-1/disk\","
                + "\"source\":\"db-1\",\"labels\":{\"team\":\"storage\"},\"details\":{\"free_gb\":3},"
                + "\"action\":\"trigger\",\"whatever\":[1,2]}";

        assertThat(parser.parse(Fixtures.parse(body), GENERIC, NOW)).singleElement().isEqualTo(new AlertEvent("cron",
                "db-1/disk", AlertAction.TRIGGER, Severity.CRITICAL, "Disk 95% full on db-1", "db-1",
                Map.of("team", "storage"), "{\"free_gb\":3}", NOW));
    }

    @Test
    void minimalTriggerGetsDefaultsAndAGeneratedKey() throws Exception {
        AlertEvent event = parser.parse(Fixtures.parse("{\"summary\":\"backup failed\"}"), GENERIC, NOW).get(0);

        assertThat(event.action()).isEqualTo(AlertAction.TRIGGER);
        assertThat(event.dedupKey()).isEqualTo("generated-key");
        assertThat(event.severity()).isEqualTo(Severity.WARNING);
        assertThat(event.detailsJson()).isEqualTo("{}");
    }

    @Test
    void resolveTrueAndActionResolveAreTheSame() throws Exception {
        AlertEvent shorthand = parser.parse(Fixtures.parse("{\"dedup_key\":\"k\",\"resolve\":true}"), GENERIC, NOW).get(0);
        AlertEvent named = parser.parse(Fixtures.parse("{\"dedup_key\":\"k\",\"action\":\"resolve\"}"), GENERIC, NOW).get(0);
        AlertEvent ack = parser.parse(Fixtures.parse("{\"dedup_key\":\"k\",\"action\":\"acknowledge\"}"), GENERIC, NOW).get(0);

        assertThat(shorthand.action()).isEqualTo(AlertAction.RESOLVE);
        assertThat(named.action()).isEqualTo(AlertAction.RESOLVE);
        assertThat(ack.action()).isEqualTo(AlertAction.ACKNOWLEDGE);
    }

    @Test
    void anArrayCarriesSeveralAlerts() throws Exception {
        List<AlertEvent> events = parser.parse(Fixtures.parse(
                "[{\"summary\":\"a\",\"dedup_key\":\"1\"},{\"dedup_key\":\"2\",\"resolve\":true}]"), GENERIC, NOW);

        assertThat(events).extracting(AlertEvent::dedupKey).containsExactly("1", "2");
        assertThat(events).extracting(AlertEvent::action).containsExactly(AlertAction.TRIGGER, AlertAction.RESOLVE);
    }

    @Test
    void errorsNameTheFieldAndTheArrayIndex() {
        String body = "[{\"summary\":\"ok\"},{\"severity\":\"dire\",\"labels\":[],\"details\":\"text\"},"
                + "{\"resolve\":true},{\"action\":\"trigger\",\"resolve\":true,\"summary\":\"s\"},{\"resolve\":\"yes\"},7]";

        assertThatThrownBy(() -> parser.parse(Fixtures.parse(body), GENERIC, NOW))
                .isInstanceOfSatisfying(InvalidPayloadException.class, e -> assertThat(e.errors()).containsExactly(
                        "[1].summary: is missing or blank",
                        "[1].severity: must be one of critical, error, warning, info, not \"dire\"",
                        "[1].labels: must be an object",
                        "[1].details: must be an object",
                        "[2].dedup_key: is required to resolve",
                        "[3].resolve: contradicts action \"trigger\"",
                        "[4].resolve: must be true or false",
                        "[5]: must be an object"));
    }

    @Test
    void scalarBodiesAreInvalid() {
        assertThatThrownBy(() -> parser.parse(Fixtures.parse("\"hello\""), GENERIC, NOW))
                .hasMessage("body: must be a JSON object or an array of objects");
        assertThatThrownBy(() -> parser.parse(Fixtures.parse("{\"action\":\"escalate\"}"), GENERIC, NOW))
                .hasMessage("action: must be one of trigger, acknowledge, resolve, not \"escalate\"");
    }
}
