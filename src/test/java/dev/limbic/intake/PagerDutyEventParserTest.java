package dev.limbic.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagerDutyEventParserTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final Integration PD = Integration.withSecret("pd", IntakeFormat.PAGERDUTY,
            "e93facc04764012d7bfb002500d5d1a6", DedupMode.ALERT, Severity.ERROR);

    final PagerDutyEventParser parser = new PagerDutyEventParser(() -> "generated-key");

    @Test
    void documentedTriggerExampleBecomesATriggerEvent() throws Exception {
        JsonNode body = Fixtures.json("pagerduty-events-v2-trigger.json");

        assertThat(PagerDutyEventParser.routingKey(body)).contains("e93facc04764012d7bfb002500d5d1a6");
        AlertEvent event = parser.parse(body, PD, NOW);

        assertThat(event.integration()).isEqualTo("pd");
        assertThat(event.dedupKey()).isEqualTo("srv01/mysql");
        assertThat(event.action()).isEqualTo(AlertAction.TRIGGER);
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.summary()).isEqualTo("DISK at 99% on machine prod-datapipe03.example.com");
        assertThat(event.source()).isEqualTo("prod-datapipe03.example.com");
        assertThat(event.labels()).isEqualTo(Map.of("component", "mysql", "group", "prod-datapipe", "class", "disk"));
        JsonNode details = Fixtures.parse(event.detailsJson());
        assertThat(details.path("custom_details").path("free space").asText()).isEqualTo("1%");
        assertThat(details.path("custom_details").path("load avg").asDouble()).isEqualTo(0.75);
        assertThat(details.path("timestamp").asText()).isEqualTo("2015-07-17T08:42:58.315+0000");
        assertThat(details.path("client").asText()).isEqualTo("Sample Monitoring Service");
        assertThat(details.path("client_url").asText()).isEqualTo("https://monitoring.service.com");
        assertThat(details.path("links").get(0).path("href").asText()).isEqualTo("http://pagerduty.example.com");
        assertThat(details.path("images").get(0).path("alt").asText()).isEqualTo("An example link with an image");
    }

    @Test
    void triggerWithoutDedupKeyGetsAGeneratedOne() throws Exception {
        AlertEvent event = parser.parse(Fixtures.json("pagerduty-events-v2-trigger-minimal.json"), PD, NOW);

        assertThat(event.dedupKey()).isEqualTo("generated-key");
        assertThat(event.severity()).isEqualTo(Severity.INFO);
        assertThat(event.summary()).isEqualTo("Example alert on host1.example.com");
    }

    @Test
    void defaultGeneratedKeysLookLikePagerDutys() throws Exception {
        PagerDutyEventParser real = new PagerDutyEventParser();
        JsonNode body = Fixtures.json("pagerduty-events-v2-trigger-minimal.json");

        String first = real.parse(body, PD, NOW).dedupKey();
        String second = real.parse(body, PD, NOW).dedupKey();

        assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo(second);
    }

    @Test
    void documentedAcknowledgeAndResolveNeedOnlyTheKey() throws Exception {
        AlertEvent ack = parser.parse(Fixtures.json("pagerduty-events-v2-acknowledge.json"), PD, NOW);
        AlertEvent resolve = parser.parse(Fixtures.json("pagerduty-events-v2-resolve.json"), PD, NOW);

        assertThat(ack.action()).isEqualTo(AlertAction.ACKNOWLEDGE);
        assertThat(ack.dedupKey()).isEqualTo("srv01/mysql");
        assertThat(ack.severity()).as("integration default").isEqualTo(Severity.ERROR);
        assertThat(resolve.action()).isEqualTo(AlertAction.RESOLVE);
        assertThat(resolve.dedupKey()).isEqualTo("srv01/mysql");
    }

    @Test
    void acknowledgeAndResolveWithoutDedupKeyAreInvalid() {
        assertThatThrownBy(() -> parser.parse(Fixtures.parse(
                "{\"routing_key\":\"k\",\"event_action\":\"resolve\"}"), PD, NOW))
                .hasMessage("dedup_key: is required for resolve");
        assertThatThrownBy(() -> parser.parse(Fixtures.parse(
                "{\"routing_key\":\"k\",\"event_action\":\"acknowledge\",\"dedup_key\":\" \"}"), PD, NOW))
                .hasMessage("dedup_key: is required for acknowledge");
    }

    @Test
    void triggerErrorsNameEachMissingOrWrongField() {
        String body = "{\"routing_key\":\"k\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"\","
                + "\"severity\":\"fatal\",\"timestamp\":\"yesterday\"},\"links\":{}}";

        assertThatThrownBy(() -> parser.parse(Fixtures.parse(body), PD, NOW))
                .isInstanceOfSatisfying(InvalidPayloadException.class, e -> assertThat(e.errors()).containsExactly(
                        "payload.summary: is missing or blank",
                        "payload.source: is missing or blank",
                        "payload.severity: must be one of critical, error, warning, info, not \"fatal\"",
                        "payload.timestamp: must be an ISO 8601 date-time, not \"yesterday\"",
                        "links: must be an array"));
    }

    @Test
    void missingPayloadAndUnknownActionAreInvalid() {
        assertThatThrownBy(() -> parser.parse(Fixtures.parse("{\"event_action\":\"trigger\"}"), PD, NOW))
                .hasMessage("payload: is missing; payload.summary: is missing or blank; "
                        + "payload.source: is missing or blank; payload.severity: is missing or blank");
        assertThatThrownBy(() -> parser.parse(Fixtures.parse("{\"event_action\":\"explode\",\"dedup_key\":\"x\"}"),
                PD, NOW)).hasMessage("event_action: must be one of trigger, acknowledge, resolve, not \"explode\"");
        assertThatThrownBy(() -> parser.parse(Fixtures.parse("{\"dedup_key\":\"x\"}"), PD, NOW))
                .hasMessage("event_action: is missing or blank");
    }

    @Test
    void summaryAndDedupKeyLengthsAreBoundedLikePagerDuty() throws Exception {
        String ok = "{\"event_action\":\"trigger\",\"dedup_key\":\"" + "k".repeat(255) + "\",\"payload\":{\"summary\":\""
                + "s".repeat(1024) + "\",\"source\":\"h\",\"severity\":\"warning\"}}";
        String tooLong = "{\"event_action\":\"trigger\",\"dedup_key\":\"" + "k".repeat(256)
                + "\",\"payload\":{\"summary\":\"" + "s".repeat(1025) + "\",\"source\":\"h\",\"severity\":\"warning\"}}";

        assertThat(parser.parse(Fixtures.parse(ok), PD, NOW).summary()).hasSize(1024);
        assertThatThrownBy(() -> parser.parse(Fixtures.parse(tooLong), PD, NOW))
                .isInstanceOfSatisfying(InvalidPayloadException.class, e -> assertThat(e.errors()).containsExactly(
                        "dedup_key: must be at most 255 characters, not 256",
                        "payload.summary: must be at most 1024 characters, not 1025"));
    }

    @Test
    void timestampsWithColonOffsetsOrZuluAreAccepted() throws Exception {
        for (String timestamp : new String[] {"2015-07-17T08:42:58.315+00:00", "2015-07-17T08:42:58Z",
                "2015-07-17T08:42:58.315+0200"}) {
            String body = "{\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\",\"source\":\"h\","
                    + "\"severity\":\"info\",\"timestamp\":\"" + timestamp + "\"}}";
            assertThat(parser.parse(Fixtures.parse(body), PD, NOW).action()).isEqualTo(AlertAction.TRIGGER);
        }
    }

    @Test
    void routingKeyMustBeNonBlankText() {
        assertThat(PagerDutyEventParser.routingKey(Fixtures.parse("{\"routing_key\":\"  \"}"))).isEmpty();
        assertThat(PagerDutyEventParser.routingKey(Fixtures.parse("{\"routing_key\":5}"))).isEmpty();
        assertThat(PagerDutyEventParser.routingKey(Fixtures.parse("[]"))).isEmpty();
    }
}
