package dev.limbic.care;

import dev.limbic.alert.Severity;
import dev.limbic.escalation.EscalationCommand;
import dev.limbic.escalation.EscalationPolicy;
import dev.limbic.escalation.EscalationStep;
import dev.limbic.escalation.Target;
import dev.limbic.escalation.TimelineEntry;
import dev.limbic.escalation.TimelineKind;
import dev.limbic.stress.StressState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The holds stress asks for, on the real escalation engine: breathing window, deferral, and when never to hold. */
class CareAdvisorTest {
    static final Instant T0 = Instant.parse("2026-06-01T02:00:00Z");
    static final EscalationPolicy POLICY = new EscalationPolicy("p", List.of(
            new EscalationStep(List.of(Target.responder("ada")), Duration.ofMinutes(5)),
            new EscalationStep(List.of(Target.responder("bob")), Duration.ofMinutes(5))), 0, Duration.ZERO);

    private final CareWorld world = CareWorld.care(CareSettings.defaults(), POLICY, Map.of("ada", "cy"), T0);

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private List<String> pages(String incident) {
        return world.pagesOf(incident).stream()
                .map(i -> i.page().responderId() + "@" + Duration.between(T0, i.at()).toSeconds()).toList();
    }

    private List<TimelineKind> kinds(String incident) {
        return world.timeline(incident).stream().map(TimelineEntry::kind).toList();
    }

    @Test
    void aNonCriticalPageToAStressedResponderWaitsUntilTheyCalmDown() {
        world.stress("ada", StressState.ELEVATED);
        world.alert("inc-1", Severity.WARNING);
        assertThat(pages("inc-1")).isEmpty();
        TimelineEntry held = world.timeline("inc-1").get(0);
        assertThat(held.kind()).isEqualTo(TimelineKind.PAGE_HELD);
        assertThat(held.fields().get("holdReason")).contains("ada is under elevated stress").contains("at most 10 minutes");

        world.advanceTo(at(180));
        world.stress("ada", StressState.CALM);

        assertThat(pages("inc-1")).containsExactly("ada@180");
        assertThat(world.stored.get("inc-1").pages().get(0).dueAt()).isEqualTo(T0);
    }

    @Test
    void deferralEndsAtDeferMaxEvenIfTheyStayStressedAndEscalationGoesOnMeanwhile() {
        world.stress("ada", StressState.ACUTE);
        world.alert("inc-1", Severity.ERROR);

        world.advanceTo(at(3600));

        assertThat(pages("inc-1")).containsExactly("bob@300", "ada@600");
        assertThat(kinds("inc-1")).contains(TimelineKind.PAGE_HELD, TimelineKind.HOLD_ENDED, TimelineKind.PAGED);
    }

    @Test
    void criticalPagesAreNeverHeld() {
        world.stress("ada", StressState.ACUTE);
        world.alert("inc-1", Severity.CRITICAL);

        assertThat(pages("inc-1")).containsExactly("ada@0");
        assertThat(kinds("inc-1")).doesNotContain(TimelineKind.PAGE_HELD, TimelineKind.HOLD_REFUSED);
    }

    @Test
    void withoutDataTheresNoHoldAtAll() {
        world.stress("ada", StressState.ACUTE);
        world.stress("ada", StressState.UNKNOWN);
        world.alert("inc-1", Severity.WARNING);

        assertThat(pages("inc-1")).containsExactly("ada@0");
    }

    @Test
    void aStressEpisodeHoldsTheEscalationTimerForTheBreathingWindowThenGroundingFollows() {
        world.alert("inc-1", Severity.ERROR);
        world.stress("ada", StressState.CALM);
        world.advanceTo(at(297));

        world.stress("ada", StressState.ACUTE);
        assertThat(world.careActions).containsExactly(new CareAction.SendBreathingPrompt("ada", "inc-1", 1));

        world.advanceTo(at(310));

        assertThat(pages("inc-1")).containsExactly("ada@0", "bob@303");
        assertThat(world.careActions).contains(new CareAction.SendGroundingPrompt("ada", "inc-1"));
        assertThat(kinds("inc-1")).containsSubsequence(TimelineKind.PAGED, TimelineKind.STRESS_EPISODE_OPENED,
                TimelineKind.BREATHING_PROMPT, TimelineKind.TIMER_HELD, TimelineKind.GROUNDING_PROMPT,
                TimelineKind.HOLD_ENDED, TimelineKind.PAGED);
        TimelineEntry timerHeld = world.timeline("inc-1").stream()
                .filter(e -> e.kind() == TimelineKind.TIMER_HELD).findFirst().orElseThrow();
        assertThat(timerHeld.fields().get("holdReason")).isEqualTo("ada is taking a breath (breathing prompt, 6 seconds)");
    }

    @Test
    void theBreathingWindowNeverHoldsACriticalIncident() {
        world.alert("inc-1", Severity.CRITICAL);
        world.advanceTo(at(297));
        world.stress("ada", StressState.ACUTE);

        world.advanceTo(at(310));

        assertThat(pages("inc-1")).containsExactly("ada@0", "bob@300");
        assertThat(world.careActions).contains(new CareAction.SendBreathingPrompt("ada", "inc-1", 1));
    }

    @Test
    void heldPagesAreDroppedOnlyWhenTheIncidentIsAcknowledged() {
        world.stress("ada", StressState.ELEVATED);
        world.alert("inc-1", Severity.WARNING);

        world.command("inc-1", new EscalationCommand.Acknowledge("bob"));

        assertThat(kinds("inc-1")).containsSubsequence(TimelineKind.PAGE_HELD, TimelineKind.HOLD_CANCELLED,
                TimelineKind.ACKNOWLEDGED);
    }

    @Test
    void settingsBoundTheEngine() {
        CareSettings settings = CareSettings.defaults();
        assertThat(settings.breathingWindow()).isEqualTo(Duration.ofSeconds(6));
        assertThat(settings.engineMaxHold()).isEqualTo(Duration.ofMinutes(10));
        assertThat(new CareSettings(2, Duration.ofMinutes(1), Duration.ZERO, Duration.ofMinutes(3), 3,
                settings.nightPagesPerWeek(), settings.nightStart(), settings.nightEnd(), Duration.ofMinutes(1))
                .engineMaxHold()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void withDeferralOffPagesAreNotHeldButBreathingStillHoldsTheTimer() {
        CareSettings noDefer = new CareSettings(1, Duration.ofMinutes(1), Duration.ZERO, Duration.ofMinutes(3), 3,
                java.util.OptionalInt.empty(), java.time.LocalTime.of(22, 0), java.time.LocalTime.of(7, 0),
                Duration.ofMinutes(1));
        CareWorld w = CareWorld.care(noDefer, POLICY, Map.of(), T0);
        w.stress("ada", StressState.ACUTE);
        w.alert("inc-1", Severity.WARNING);
        w.advanceTo(at(310));

        assertThat(w.pagesOf("inc-1")).extracting(i -> i.page().responderId() + "@" + Duration.between(T0, i.at()).toSeconds())
                .containsExactly("ada@0", "bob@300");
    }
}
