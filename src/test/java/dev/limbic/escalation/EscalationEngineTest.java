package dev.limbic.escalation;

import dev.limbic.alert.Severity;
import dev.limbic.schedule.Rotation;
import dev.limbic.schedule.RotationType;
import dev.limbic.schedule.Schedule;
import dev.limbic.schedule.ScheduleOverride;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EscalationEngineTest {
    private static final Instant T0 = Instant.parse("2026-06-01T02:00:00Z");
    private static final OnCallResolver NO_SCHEDULES = (id, at) -> List.of();

    private static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    private static EscalationStep step(long delayMinutes, Target... targets) {
        return new EscalationStep(List.of(targets), min(delayMinutes));
    }

    private static EscalationPolicy policy(int repeat, Duration ackTimeout, EscalationStep... steps) {
        return new EscalationPolicy("p", List.of(steps), repeat, ackTimeout);
    }

    private static final EscalationPolicy THREE_STEPS = policy(0, Duration.ZERO,
            step(5, Target.responder("ada")), step(10, Target.responder("bob")), step(15, Target.responder("cy")));

    private static EscalationHarness plain(EscalationPolicy policy) {
        return new EscalationHarness(EscalationEngine.plain(), policy, NO_SCHEDULES, Severity.ERROR, T0);
    }

    @Test
    void stepsArePagedInOrderAfterTheirDelaysAndThePolicyEnds() {
        EscalationHarness h = plain(THREE_STEPS);
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0");

        h.advance(min(4));
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0");

        h.advance(min(120));
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "bob@5", "cy@15");
        assertThat(h.timelineKinds()).endsWith(TimelineKind.POLICY_EXHAUSTED);
        assertThat(h.stored.wakeAt()).isEmpty();
        assertThat(h.stored.status()).isEqualTo(IncidentStatus.TRIGGERED);
    }

    @Test
    void theWholePolicyRepeatsItsRepeatCount() {
        EscalationHarness h = plain(policy(2, Duration.ZERO, step(5, Target.responder("ada")), step(10, Target.responder("bob"))));

        h.advance(min(300));

        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "bob@5", "ada@15", "bob@20", "ada@30", "bob@35");
        assertThat(h.timelineKinds()).filteredOn(k -> k == TimelineKind.REPEATED).hasSize(2);
        assertThat(h.issued.get(2).page().round()).isEqualTo(1);
    }

    @Test
    void acknowledgingStopsEscalationUntilTheAckTimeoutThenTheCurrentStepPagesAgain() {
        EscalationHarness h = plain(policy(0, min(30), step(5, Target.responder("ada")), step(10, Target.responder("bob"))));
        h.advance(min(2));
        h.command(new EscalationCommand.Acknowledge("ada"));

        h.advance(min(29));
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0");

        h.advance(min(1));
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "ada@32");
        assertThat(h.issued.get(1).page().reason()).isEqualTo(PageReason.ACK_TIMEOUT);
        assertThat(h.stored.status()).isEqualTo(IncidentStatus.TRIGGERED);

        h.advance(min(5));
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "ada@32", "bob@37");
    }

    @Test
    void theLatestStepsRespondersHoldTheIncidentUntilSomeoneAcknowledgesItAndNobodyOnceResolved() {
        EscalationHarness h = plain(policy(0, Duration.ZERO, step(5, Target.responder("ada")),
                step(10, Target.responder("bob"), Target.responder("cy"))));
        assertThat(h.stored.holders()).containsExactly("ada");

        h.advance(min(5));
        assertThat(h.stored.holders()).containsExactlyInAnyOrder("bob", "cy");

        h.command(new EscalationCommand.Acknowledge("cy"));
        assertThat(h.stored.holders()).containsExactly("cy");

        h.command(new EscalationCommand.Resolve("cy"));
        assertThat(h.stored.holders()).isEmpty();
    }

    @Test
    void acknowledgingTellsTheOthersWhoWerePagedAndIsIdempotent() {
        EscalationHarness h = plain(THREE_STEPS);
        h.advance(min(6));

        EscalationOutcome first = h.command(new EscalationCommand.Acknowledge("bob"));
        EscalationOutcome again = h.command(new EscalationCommand.Acknowledge("bob"));

        assertThat(first.actions()).containsExactly(new EscalationAction.Notify("inc-1", "ada", TimelineKind.ACKNOWLEDGED,
                "bob acknowledged incident inc-1"));
        assertThat(again.actions()).isEmpty();
        assertThat(again.timeline()).isEmpty();
        assertThat(again.progress()).isEqualTo(first.progress());
        assertThat(h.stored.wakeAt()).isEmpty();
    }

    @Test
    void aSnoozePagesTheCurrentStepAgainWhenItEnds() {
        EscalationHarness h = plain(THREE_STEPS);
        h.advance(min(6));
        h.command(new EscalationCommand.Snooze("bob", T0.plus(min(66))));
        assertThat(h.stored.status()).isEqualTo(IncidentStatus.SNOOZED);

        h.advance(min(59));
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "bob@5");

        h.advance(min(1));
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "bob@5", "bob@66");
        assertThat(h.issued.get(2).page().reason()).isEqualTo(PageReason.SNOOZE_ENDED);
        assertThat(h.timelineKinds()).contains(TimelineKind.SNOOZED, TimelineKind.SNOOZE_ENDED);
        h.advance(min(10));
        assertThat(h.pagesByMinute(T0)).last().isEqualTo("cy@76");
    }

    @Test
    void aSnoozeThatEndsInThePastIsRefused() {
        EscalationHarness h = plain(THREE_STEPS);

        EscalationOutcome outcome = h.command(new EscalationCommand.Snooze("ada", T0));

        assertThat(outcome.refusal()).hasValueSatisfying(r -> assertThat(r).contains("snooze must end after now"));
        assertThat(outcome.progress()).isEqualTo(h.transitions.get(0).outcome().progress());
    }

    @Test
    void aStepWithNobodyOnCallIsSkippedAtOnceWithATimelineEntry() {
        EscalationPolicy policy = policy(0, Duration.ZERO, step(5, Target.responder("ada")),
                step(10, Target.schedule("empty")), step(15, Target.responder("cy")));
        EscalationHarness h = plain(policy);

        h.advance(min(5));

        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "cy@5");
        TimelineEntry skipped = h.timeline.stream().filter(e -> e.kind() == TimelineKind.STEP_SKIPPED).findFirst().orElseThrow();
        assertThat(skipped.text()).isEqualTo("Skipped step 2: nobody is on call");
        assertThat(skipped.fields()).containsEntry("step", "1").containsEntry("round", "0");
        assertThat(skipped.at()).isEqualTo(T0.plus(min(5)));
    }

    @Test
    void whenNobodyIsOnCallAnywhereTheEngineLooksAgainAtTheNextHandoff() {
        Schedule laterShift = new Schedule("ops", List.of(new Rotation("r", RotationType.DAILY, 1, List.of("dee"),
                T0.plus(min(12)), LocalTime.of(2, 0), ZoneOffset.UTC)), List.of());
        EscalationPolicy policy = policy(0, Duration.ZERO, step(5, Target.schedule("ops")), step(10, Target.schedule("ops")));
        EscalationHarness h = new EscalationHarness(EscalationEngine.plain(), policy,
                OnCallResolver.of(Map.of("ops", laterShift)), Severity.ERROR, T0);

        assertThat(h.timelineKinds()).containsExactly(TimelineKind.STEP_SKIPPED, TimelineKind.STEP_SKIPPED,
                TimelineKind.NOBODY_ON_CALL);

        h.advance(min(15));

        assertThat(h.pagesByMinute(T0)).containsExactly("dee@12");
        assertThat(h.issued.get(0).page().step()).isZero();
    }

    @Test
    void withoutKnownHandoffsTheEngineLooksAgainAfterTheShortestStepDelay() {
        EscalationPolicy policy = policy(0, Duration.ZERO, step(5, Target.schedule("ops")), step(10, Target.schedule("ops")));
        OnCallResolver laterShift = (id, at) -> at.isBefore(T0.plus(min(12))) ? List.of() : List.of("dee");
        EscalationHarness h = new EscalationHarness(EscalationEngine.plain(), policy, laterShift, Severity.ERROR, T0);

        h.advance(min(15));

        assertThat(h.pagesByMinute(T0)).containsExactly("dee@15");
    }

    @Test
    void aStoredPositionBeyondAShortenedPolicyContinuesFromItsLastStep() {
        EscalationProgress stored = new EscalationProgress("inc-2", "p", Severity.ERROR, IncidentStatus.TRIGGERED, 0, 2,
                T0, null, null, null, List.of(), List.of());
        EscalationPolicy shortened = policy(1, Duration.ZERO, step(5, Target.responder("ada")));

        EscalationOutcome outcome = EscalationEngine.plain().evaluate(stored, shortened, NO_SCHEDULES, T0);

        assertThat(outcome.pages()).extracting(EscalationAction.Page::responderId, EscalationAction.Page::round)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ada", 1));
    }

    @Test
    void scheduleTargetsPageWhoeverIsOnCallIncludingOverrides() {
        Rotation rotation = new Rotation("primary", RotationType.DAILY, 1, List.of("ada", "bob"),
                T0.minus(min(60)), LocalTime.of(1, 0), ZoneOffset.UTC);
        Schedule schedule = new Schedule("ops", List.of(rotation),
                List.of(ScheduleOverride.replacing("ada", "eve", T0.plus(min(3)), T0.plus(min(60)))));
        EscalationPolicy policy = policy(1, Duration.ZERO, step(5, Target.schedule("ops")));
        EscalationHarness h = new EscalationHarness(EscalationEngine.plain(), policy,
                OnCallResolver.of(Map.of("ops", schedule)), Severity.ERROR, T0);

        h.advance(min(30));

        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "eve@5");
    }

    @Test
    void reassigningPagesTheNewResponderAndEscalationContinuesIfTheyDoNotAnswer() {
        EscalationHarness h = plain(THREE_STEPS);
        h.advance(min(2));

        h.command(new EscalationCommand.Reassign("ada", "dee"));
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "dee@2");
        assertThat(h.stored.assignee()).isEqualTo("dee");
        assertThat(h.issued.get(1).page().reason()).isEqualTo(PageReason.REASSIGNED);

        h.advance(min(5));
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "dee@2", "bob@7");
    }

    @Test
    void aResponderCanReassignTheIncidentToThemselves() {
        EscalationHarness h = plain(THREE_STEPS);
        h.advance(min(6));

        EscalationOutcome outcome = h.command(new EscalationCommand.Reassign("bob", "bob"));

        assertThat(outcome.pages()).extracting(EscalationAction.Page::responderId).containsExactly("bob");
        assertThat(outcome.actions()).filteredOn(EscalationAction.Notify.class::isInstance)
                .extracting(EscalationAction::responderId).containsExactly("ada");
    }

    @Test
    void escalateNowPagesTheNextStepImmediatelyAndRestartsItsDelay() {
        EscalationHarness h = plain(THREE_STEPS);
        h.advance(min(1));
        h.command(new EscalationCommand.Acknowledge("ada"));

        h.command(new EscalationCommand.EscalateNow("ada"));

        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "bob@1");
        assertThat(h.issued.get(1).page().reason()).isEqualTo(PageReason.ESCALATED_MANUALLY);
        assertThat(h.stored.status()).isEqualTo(IncidentStatus.TRIGGERED);
        h.advance(min(10));
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "bob@1", "cy@11");
    }

    @Test
    void escalatingNowPastTheLastStepStartsTheNextPass() {
        EscalationHarness h = plain(THREE_STEPS);
        h.advance(min(16));

        h.command(new EscalationCommand.EscalateNow("cy"));

        assertThat(h.pagedResponders()).containsExactly("ada", "bob", "cy", "ada");
        assertThat(h.stored.round()).isEqualTo(1);
    }

    @Test
    void resolvingEndsEverythingAndTellsEveryonePagedAndLaterCommandsAreRefused() {
        EscalationHarness h = plain(THREE_STEPS);
        h.advance(min(6));

        EscalationOutcome resolved = h.command(new EscalationCommand.Resolve("bob"));
        h.advance(min(600));

        assertThat(resolved.actions()).extracting(EscalationAction::responderId).containsExactly("ada");
        assertThat(h.pagedResponders()).containsExactly("ada", "bob");
        assertThat(h.stored.wakeAt()).isEmpty();
        assertThat(h.command(new EscalationCommand.Acknowledge("ada")).refusal()).isPresent();
        assertThat(h.command(new EscalationCommand.Resolve("ada")).refusal()).isEmpty();
    }

    @Test
    void evaluatingTheSameProgressAgainAtTheSameInstantDoesNothing() {
        EscalationHarness h = plain(THREE_STEPS);

        EscalationOutcome again = h.evaluateNow();

        assertThat(again.actions()).isEmpty();
        assertThat(again.timeline()).isEmpty();
        assertThat(again.progress()).isEqualTo(h.transitions.get(0).outcome().progress());
    }

    @Test
    void afterARestartTheStoredProgressResumesWithoutLosingOrSkippingAStep() {
        EscalationHarness h = plain(THREE_STEPS);
        h.advance(min(3));

        h.downFor(min(90));
        h.evaluateNow();
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "bob@93");

        h.advance(min(10));
        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "bob@93", "cy@103");
    }

    @Test
    void aCrashBeforeTheOutcomeWasStoredRepeatsThatStepsPagesOnceAndNothingElse() {
        EscalationHarness h = plain(THREE_STEPS);
        h.advance(min(4));
        EscalationProgress beforeCrash = h.stored;

        h.now = T0.plus(min(5));
        h.perform(h.engine.evaluate(beforeCrash, h.policy, h.onCall, h.now));
        h.downFor(min(20));
        h.evaluateNow();
        h.advance(min(60));

        assertThat(h.pagesByMinute(T0)).containsExactly("ada@0", "bob@5", "bob@25", "cy@35");
    }

    @Test
    void anOpenedIncidentThatWasStoredButNeverEvaluatedPagesItsFirstStepOnRestart() {
        EscalationProgress stored = EscalationProgress.open("inc-9", "p", Severity.WARNING, T0);

        EscalationOutcome outcome = EscalationEngine.plain().evaluate(stored, THREE_STEPS, NO_SCHEDULES, T0.plus(min(30)));

        assertThat(outcome.pages()).extracting(EscalationAction.Page::responderId).containsExactly("ada");
        assertThat(outcome.wakeAt()).contains(T0.plus(min(35)));
    }
}
