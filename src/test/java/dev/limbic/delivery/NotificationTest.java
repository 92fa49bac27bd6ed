package dev.limbic.delivery;

import dev.limbic.alert.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationTest {

    @Test
    void aBreathingPromptIsSpelledOutForTextChannels() {
        Notification prompt = Notification.breathingPrompt("b1", "alice", "inc-1", BreathingPattern.DEFAULT,
                "You've got this.", Instant.EPOCH);
        assertThat(prompt.shortText(500))
                .isEqualTo("You've got this. Breathe in 2 s, hold 2 s, breathe out 2 s (1 cycle, 6 s).");
        assertThat(new BreathingPattern(4, 0, 6, 3).describe())
                .isEqualTo("Breathe in 4 s, hold 0 s, breathe out 6 s (3 cycles, 30 s).");
    }

    @Test
    void aPageWithoutTextFallsBackToItsTitleAndLongTextIsCut() {
        Notification page = Notification.page("p1", "alice", "inc-1", Severity.CRITICAL, "Disk full", "",
                Instant.EPOCH);
        assertThat(page.shortText(100)).isEqualTo("Disk full");
        assertThat(page.titledText(100)).isEqualTo("Disk full");
        Notification wordy = Notification.page("p2", "alice", "inc-1", Severity.CRITICAL, "Disk full",
                "x".repeat(50), Instant.EPOCH);
        assertThat(wordy.shortText(10)).isEqualTo("xxxxxxxxx…");
        assertThat(wordy.titledText(200)).isEqualTo("Disk full\n" + "x".repeat(50));
        assertThat(page.actions()).contains(ActionKind.ACKNOWLEDGE, ActionKind.HAND_OVER);
    }

    @Test
    void onlyBreathingPromptsCarryAPatternAndOnlyBundlesCarryPages() {
        assertThatThrownBy(() -> new Notification("x", "alice", Optional.empty(), NotificationKind.PAGE, "t", "",
                Severity.INFO, List.of(), List.of(), List.of(), Optional.of(BreathingPattern.DEFAULT), List.of(),
                Instant.EPOCH)).hasMessageContaining("breathing");
        assertThatThrownBy(() -> new Notification("x", "alice", Optional.empty(), NotificationKind.PAGE_BUNDLE, "t",
                "", Severity.INFO, List.of(), List.of(), List.of(), Optional.empty(), List.of(), Instant.EPOCH))
                .hasMessageContaining("bundled");
        assertThatThrownBy(() -> new BreathingPattern(0, 2, 2, 1)).hasMessageContaining("inhale_seconds");
    }

    @Test
    void partnerCallsAndInfoAreRateLimitedLikePages() {
        Notification join = Notification.partnerJoin("j1", "bob", "inc-1", Severity.ERROR, "Alice could use a hand",
                "Alice is on inc-1 and you are joining her.", Instant.EPOCH);
        assertThat(join.kind()).isEqualTo(NotificationKind.PARTNER_JOIN);
        assertThat(join.responder()).isEqualTo("bob");
        assertThat(join.actions()).containsExactly(ActionKind.ACKNOWLEDGE);
        assertThat(join.kind().isRateLimited()).isTrue();
        Notification info = Notification.info("i1", "alice", "inc-1", "Resolved", "inc-1 was resolved by bob",
                Instant.EPOCH);
        assertThat(info.severity()).isEqualTo(Severity.INFO);
        assertThat(info.actions()).isEmpty();
        assertThat(info.incidentIds()).containsExactly("inc-1");
    }

    @Test
    void groundingPromptInvitesANote() {
        Notification grounding = Notification.groundingPrompt("g1", "alice", "inc-1", Instant.EPOCH);
        assertThat(grounding.actions()).containsExactly(ActionKind.NOTE);
        assertThat(grounding.kind().isRateLimited()).isFalse();
        assertThat(ActionKind.parse("Hand_Over")).contains(ActionKind.HAND_OVER);
        assertThat(ActionKind.parse("dance")).isEmpty();
    }
}
