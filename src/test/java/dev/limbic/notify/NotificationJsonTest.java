package dev.limbic.notify;

import dev.limbic.alert.Severity;
import dev.limbic.delivery.ActionKind;
import dev.limbic.delivery.BreathingPattern;
import dev.limbic.delivery.Notification;
import dev.limbic.delivery.NotificationKind;
import dev.limbic.delivery.NotificationLink;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON form a webhook and the live stream send: every documented key, whatever the strings hold. */
class NotificationJsonTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123456Z");

    @Test
    void everyKindIsEncodedAsItsJsonForm() {
        Notification page = Notification.page("n-1", "alice", "inc-7", Severity.CRITICAL, "Disk \"full\" on db-1",
                        "/var is 98% full\n\tsee runbook \\ ünïcode ✓ \u0001", NOW)
                .withTags(List.of("db", "storage"))
                .withLinks(List.of(new NotificationLink("Incident", "https://limbic.example/incidents/inc-7?a=1&b=<2>")));
        Notification longText = Notification.page("n-2", "alice", "inc-8", Severity.WARNING, "Queue",
                "x".repeat(NotificationJson.SHORT_TEXT_CHARS * 2), NOW.plusSeconds(1));
        Notification bundle = new Notification("n-1+2", "alice", Optional.empty(),
                NotificationKind.PAGE_BUNDLE, "2 more alerts", "- [critical] Disk\n- [warning] Queue",
                Severity.CRITICAL, List.of("bundle"), List.of(), List.of(), Optional.empty(),
                List.of(page, longText, Notification.page("n-3", "alice", "inc-7", Severity.INFO, "again", "", NOW)),
                NOW.plusSeconds(2));
        List<Notification> all = List.of(page, longText, bundle,
                Notification.breathingPrompt("p-1", "alice", "inc-7", new BreathingPattern(4, 2, 6, 3), "Breathe", NOW),
                Notification.breathingPrompt("p-2", "alice", null, new BreathingPattern(1, 0, 1, 1), "", NOW),
                Notification.groundingPrompt("g-1", "alice", "inc-7", NOW),
                Notification.info("i-1", "bob", null, "Incident #7 resolved", "erin resolved it", NOW));

        for (Notification notification : all) {
            JsonObject json = new JsonObject(NotificationJson.encode(notification));
            assertThat(json.getString("id")).isEqualTo(notification.id());
            assertThat(json.getString("kind")).isEqualTo(notification.kind().wireName());
            assertThat(json.getString("responder")).isEqualTo(notification.responder());
            assertThat(json.getString("incident_id")).isEqualTo(notification.incidentId().orElse(null));
            assertThat(json.containsKey("incident_id")).isEqualTo(notification.incidentId().isPresent());
            assertThat(json.getString("title")).isEqualTo(notification.title());
            assertThat(json.getString("text")).isEqualTo(notification.text());
            assertThat(json.getString("short_text")).isEqualTo(notification.shortText(NotificationJson.SHORT_TEXT_CHARS));
            assertThat(json.getString("severity")).isEqualTo(notification.severity().wireName());
            assertThat(json.getJsonArray("tags").getList()).isEqualTo(notification.tags());
            assertThat(json.getJsonArray("actions").getList())
                    .isEqualTo(notification.actions().stream().map(ActionKind::wireName).toList());
            assertThat(json.getString("created_at")).isEqualTo(notification.createdAt().toString());
            assertThat(json.containsKey("breathing")).isEqualTo(notification.breathing().isPresent());
            assertThat(json.containsKey("bundled")).isEqualTo(!notification.bundled().isEmpty());
        }
        JsonObject link = new JsonObject(NotificationJson.encode(page)).getJsonArray("links").getJsonObject(0);
        assertThat(link).isEqualTo(new JsonObject().put("label", "Incident")
                .put("url", "https://limbic.example/incidents/inc-7?a=1&b=<2>"));
        JsonObject breathing = new JsonObject(NotificationJson.encode(all.get(3))).getJsonObject("breathing");
        assertThat(breathing).isEqualTo(new JsonObject().put("inhale_seconds", 4).put("hold_seconds", 2)
                .put("exhale_seconds", 6).put("cycles", 3).put("total_seconds", 36));
        JsonObject bundled = new JsonObject(NotificationJson.encode(bundle));
        assertThat(bundled.getJsonArray("bundled").getJsonObject(0))
                .isEqualTo(new JsonObject(NotificationJson.encode(page)));
        assertThat(bundled.getJsonArray("incident_ids").getList()).isEqualTo(bundle.incidentIds());
    }
}
