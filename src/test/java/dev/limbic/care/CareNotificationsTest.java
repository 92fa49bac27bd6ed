package dev.limbic.care;

import dev.limbic.alert.Severity;
import dev.limbic.delivery.Notification;
import dev.limbic.delivery.NotificationKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Care actions become the notifications people receive. */
class CareNotificationsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");
    private final AtomicInteger ids = new AtomicInteger();

    private List<Notification> of(CareAction action) {
        return CareNotifications.of(action, Severity.ERROR, () -> "n-" + ids.incrementAndGet(), NOW);
    }

    @Test
    void aBreathingPromptIsSixSecondsACycleAndSpelledOutForTextChannels() {
        Notification prompt = of(new CareAction.SendBreathingPrompt("ada", "inc-1", 2)).get(0);

        assertThat(prompt.kind()).isEqualTo(NotificationKind.BREATHING_PROMPT);
        assertThat(prompt.breathing().orElseThrow().totalSeconds()).isEqualTo(12);
        assertThat(prompt.shortText(200)).contains("Breathe in 2 s, hold 2 s, breathe out 2 s");
    }

    @Test
    void groundingFollows() {
        assertThat(of(new CareAction.SendGroundingPrompt("ada", "inc-1")).get(0).text())
                .startsWith("Name three things you can see, hear or feel");
    }

    @Test
    void thePartnerIsCalledAndTheResponderTold() {
        List<Notification> sent = of(new CareAction.PagePartner("bob", "ada", "inc-1", "why",
                "ada could use a hand with inc-1", "bob is joining you on inc-1"));

        assertThat(sent).extracting(Notification::responder, Notification::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bob", NotificationKind.PARTNER_JOIN),
                org.assertj.core.groups.Tuple.tuple("ada", NotificationKind.INFO));
        assertThat(sent.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(sent.get(1).text()).isEqualTo("bob is joining you on inc-1");
    }
}
