package dev.limbic.notify;

import dev.limbic.alert.Severity;
import dev.limbic.delivery.BreathingPattern;
import dev.limbic.delivery.Notification;
import dev.limbic.delivery.NotificationKind;
import dev.limbic.delivery.NotificationLink;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a webhook sends is the text of the notification's JSON form, key for key, whatever its strings hold. */
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
            assertThat(NotificationJson.encode(notification)).isEqualTo(NotificationJson.toJson(notification).encode());
        }
    }
}
