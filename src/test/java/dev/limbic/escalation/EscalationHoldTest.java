package dev.limbic.escalation;

import dev.limbic.alert.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The seam for stress-aware holds: the engine honours an advisor's holds, within its bound, never when critical. */
class EscalationHoldTest {
    private static final Instant T0 = Instant.parse("2026-06-01T02:00:00Z");
    private static final Duration MAX_HOLD = Duration.ofMinutes(10);
    private static final EscalationPolicy POLICY = new EscalationPolicy("p", List.of(
            new EscalationStep(List.of(Target.responder("ada")), Duration.ofMinutes(5)),
            new EscalationStep(List.of(Target.responder("bob")), Duration.ofMinutes(5))), 0, Duration.ZERO);

    /** An advisor the test steers, which remembers what it was asked. */
    private static final class SteeredAdvisor implements HoldAdvisor {
        BiFunction<Question, Instant, Optional<Hold>> rule = (q, now) -> Optional.empty();
        final List<Question> asked = new ArrayList<>();

        @Override
        public Optional<Hold> advise(Question question, Instant now) {
            asked.add(question);
            return rule.apply(question, now);
        }
    }

    private final SteeredAdvisor advisor = new SteeredAdvisor();

    private static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private EscalationHarness open(Severity severity) {
        return new EscalationHarness(new EscalationEngine(MAX_HOLD, advisor), POLICY, (id, t) -> List.of(), severity, T0);
    }

    private void holdPagesTo(String responder, Instant until) {
        advisor.rule = (q, now) -> q.subject() == HoldAdvisor.Subject.PAGE && q.responderId().equals(responder)
                ? Optional.of(new Hold(responder + " is stressed", until)) : Optional.empty();
    }

    @Test
    void aHeldPageGoesOutWhenItsHoldEnds() {
        holdPagesTo("ada", at(3));
        EscalationHarness h = open(Severity.WARNING);
        assertThat(h.issued).isEmpty();
        assertThat(h.timeline.get(0).kind()).isEqualTo(TimelineKind.PAGE_HELD);
        assertThat(h.timeline.get(0).fields()).containsEntry("holdReason", "ada is stressed")
                .containsEntry("until", at(3).toString());

        h.advance(Duration.ofMinutes(3));

        assertThat(h.pagesByMinute(T0)).containsExactly("ada@3");
        assertThat(h.issued.get(0).page().dueAt()).isEqualTo(T0);
        assertThat(h.timelineKinds()).containsExactly(TimelineKind.PAGE_HELD, TimelineKind.HOLD_ENDED, TimelineKind.PAGED);
    }

    @Test
    void aHoldLongerThanTheBoundIsCutToTheBound() {
        holdPagesTo("ada", at(60));
        EscalationHarness h = open(Severity.WARNING);

        h.advance(Duration.ofMinutes(30));

        assertThat(h.pagesByMinute(T0)).contains("ada@10");
        assertThat(h.issued).allSatisfy(i -> assertThat(Duration.between(i.page().dueAt(), i.at())).isLessThanOrEqualTo(MAX_HOLD));
    }

    @Test
    void renewingAHoldAgainAndAgainNeverExtendsItPastTheBound() {
        advisor.rule = (q, now) -> q.responderId().equals("ada")
                ? Optional.of(new Hold("still stressed", now.plus(Duration.ofMinutes(2)))) : Optional.empty();
        EscalationHarness h = open(Severity.WARNING);

        for (int minute = 1; minute <= 12; minute++) {
            h.advanceTo(at(minute));
            h.evaluateNow();
        }

        assertThat(h.pagesByMinute(T0)).contains("ada@10");
    }

    @Test
    void aHoldLiftedEarlyReleasesThePageAtTheNextEvaluation() {
        holdPagesTo("ada", at(8));
        EscalationHarness h = open(Severity.WARNING);
        h.advance(Duration.ofMinutes(2));

        advisor.rule = (q, now) -> Optional.empty();
        h.evaluateNow();

        assertThat(h.pagesByMinute(T0)).containsExactly("ada@2");
    }

    @Test
    void heldPagesDoNotStopTheEscalationTimer() {
        holdPagesTo("ada", at(8));
        EscalationHarness h = open(Severity.WARNING);

        h.advance(Duration.ofMinutes(9));

        assertThat(h.pagesByMinute(T0)).containsExactly("bob@5", "ada@8");
    }

    @Test
    void theAdvisorMayAlsoHoldTheEscalationPastAResponderWhosePageIsHeld() {
        advisor.rule = (q, now) -> q.responderId().equals("ada")
                ? Optional.of(new Hold("ada is stressed", at(8))) : Optional.empty();
        EscalationHarness h = open(Severity.WARNING);

        h.advance(Duration.ofMinutes(9));

        assertThat(h.pagesByMinute(T0)).containsExactly("ada@8", "bob@8");
    }

    @Test
    void heldPagesGoOutAtOnceWhenTheIncidentBecomesCritical() {
        holdPagesTo("ada", at(8));
        EscalationHarness h = open(Severity.WARNING);
        h.advance(Duration.ofMinutes(1));

        h.stored = h.stored.withSeverity(Severity.CRITICAL);
        h.evaluateNow();

        assertThat(h.pagesByMinute(T0)).containsExactly("ada@1");
    }

    @Test
    void criticalPagesAreNeverHeldAndTheRefusalIsOnTheTimeline() {
        holdPagesTo("ada", at(8));
        EscalationHarness h = open(Severity.CRITICAL);

        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0");
        assertThat(h.timelineKinds()).containsExactly(TimelineKind.HOLD_REFUSED, TimelineKind.PAGED);
        assertThat(h.timeline.get(0).text()).contains("critical incidents never wait");
    }

    @Test
    void theEscalationTimerIsHeldWhileThePagedResponderBreathesThenMovesOn() {
        advisor.rule = (q, now) -> q.subject() == HoldAdvisor.Subject.ESCALATION && q.responderId().equals("ada")
                ? Optional.of(new Hold("ada is breathing", at(6))) : Optional.empty();
        EscalationHarness h = open(Severity.ERROR);

        h.advance(Duration.ofMinutes(5));
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0");
        assertThat(h.stored.timerHeldUntil()).isEqualTo(at(6));
        assertThat(h.timelineKinds()).contains(TimelineKind.TIMER_HELD);

        h.advance(Duration.ofMinutes(1));
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "bob@6");
        assertThat(h.stored.timerHeldUntil()).isNull();
        assertThat(h.timelineKinds()).contains(TimelineKind.HOLD_ENDED);
    }

    @Test
    void aHeldEscalationTimerRunsOutAtTheBound() {
        advisor.rule = (q, now) -> q.subject() == HoldAdvisor.Subject.ESCALATION
                ? Optional.of(new Hold("breathing", now.plus(Duration.ofHours(1)))) : Optional.empty();
        EscalationHarness h = open(Severity.ERROR);

        h.advance(Duration.ofMinutes(30));

        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "bob@15");
    }

    @Test
    void criticalEscalationTimersAreNeverHeld() {
        advisor.rule = (q, now) -> Optional.of(new Hold("breathing", now.plus(Duration.ofHours(1))));
        EscalationHarness h = open(Severity.CRITICAL);

        h.advance(Duration.ofMinutes(5));

        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "bob@5");
    }

    @Test
    void acknowledgingDropsHeldPagesWithATimelineEntry() {
        holdPagesTo("ada", at(8));
        EscalationHarness h = open(Severity.WARNING);

        h.command(new EscalationCommand.Acknowledge("ada"));
        h.advance(Duration.ofMinutes(30));

        assertThat(h.issued).isEmpty();
        assertThat(h.timelineKinds()).containsSubsequence(TimelineKind.HOLD_CANCELLED, TimelineKind.ACKNOWLEDGED);
    }

    @Test
    void withHoldsDisabledTheAdvisorIsNeverAsked() {
        holdPagesTo("ada", at(8));
        EscalationHarness h = new EscalationHarness(new EscalationEngine(Duration.ZERO, advisor), POLICY,
                (id, t) -> List.of(), Severity.WARNING, T0);

        h.advance(Duration.ofMinutes(6));

        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "bob@5");
        assertThat(advisor.asked).isEmpty();
    }
}
