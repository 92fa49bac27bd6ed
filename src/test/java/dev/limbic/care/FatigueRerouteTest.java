package dev.limbic.care;

import dev.limbic.alert.Severity;
import dev.limbic.escalation.EscalationAction;
import dev.limbic.escalation.EscalationEngine;
import dev.limbic.escalation.EscalationOutcome;
import dev.limbic.escalation.EscalationPolicy;
import dev.limbic.escalation.EscalationProgress;
import dev.limbic.escalation.EscalationStep;
import dev.limbic.escalation.OnCallResolver;
import dev.limbic.escalation.Target;
import dev.limbic.escalation.TimelineEntry;
import dev.limbic.escalation.TimelineKind;
import dev.limbic.schedule.Rotation;
import dev.limbic.schedule.RotationType;
import dev.limbic.schedule.Schedule;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fatigue budget in the escalation engine: a non-critical night page to a responder whose night pages of the
 * week reached the budget goes to the next person on the schedule, on the timeline; never dropped.
 */
class FatigueRerouteTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** ada, then bob, then cy: daily shifts handing off at 09:00 in Berlin, ada's first from 1 June. */
    private static final Schedule PRIMARY = new Schedule("primary", List.of(new Rotation("daily", RotationType.DAILY, 1,
            List.of("ada", "bob", "cy"), berlin("2026-06-01T09:00"), LocalTime.of(9, 0), BERLIN)), List.of());
    private static final OnCallResolver SCHEDULES = OnCallResolver.of(Map.of("primary", PRIMARY));
    private static final EscalationPolicy BY_SCHEDULE = new EscalationPolicy("night",
            List.of(new EscalationStep(List.of(Target.schedule("primary")), Duration.ofMinutes(5))), 0, Duration.ZERO);
    private static final EscalationPolicy ADA_DIRECTLY = new EscalationPolicy("ada",
            List.of(new EscalationStep(List.of(Target.responder("ada")), Duration.ofMinutes(5))), 0, Duration.ZERO);

    private final CareSettings settings = new CareSettings(1, Duration.ofMinutes(1), Duration.ofMinutes(10),
            Duration.ofMinutes(3), 3, OptionalInt.of(2), LocalTime.of(22, 0), LocalTime.of(7, 0), Duration.ofMinutes(1));
    private final LoadLedger ledger = new LoadLedger(settings, responder -> BERLIN);
    private final EscalationEngine engine = EscalationEngine.plain();

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    /** Ada, on call, was paged twice this night already: her budget of two is spent. */
    private void adaPagedTwiceTonight() {
        ledger.onPaged("ada", "1", berlin("2026-06-01T22:30"));
        ledger.onPaged("ada", "2", berlin("2026-06-01T23:40"));
    }

    private EscalationOutcome pageAt(Instant now, Severity severity, EscalationPolicy policy, FatigueReroute onCall) {
        EscalationProgress open = EscalationProgress.open("3", policy.id(), severity, now);
        return onCall.withNotes(engine.evaluate(open, policy, onCall, now));
    }

    private static List<String> paged(EscalationOutcome outcome) {
        return outcome.pages().stream().map(EscalationAction.Page::responderId).toList();
    }

    @Test
    void aNightPageAfterTheBudgetIsSpentGoesToTheNextOnTheScheduleAndSaysWhyFirst() {
        adaPagedTwiceTonight();
        FatigueReroute onCall = new FatigueReroute(SCHEDULES, ledger, Severity.WARNING);

        EscalationOutcome outcome = pageAt(berlin("2026-06-02T01:00"), Severity.WARNING, BY_SCHEDULE, onCall);

        assertThat(paged(outcome)).containsExactly("bob");
        assertThat(outcome.timeline()).extracting(TimelineEntry::kind)
                .containsExactly(TimelineKind.PAGE_REROUTED, TimelineKind.PAGED);
        TimelineEntry why = outcome.timeline().get(0);
        assertThat(why.text()).contains("bob", "ada", "fatigue budget");
        assertThat(why.fields()).containsEntry("responder", "ada").containsEntry("to", "bob")
                .containsEntry("reason", "fatigue_budget");
        assertThat(onCall.rerouted()).containsExactly(
                new FatigueReroute.Rerouted("primary", "ada", "bob", berlin("2026-06-02T01:00")));
        assertThat(onCall.withNotes(outcome)).as("notes are added once").isEqualTo(outcome);
    }

    @Test
    void criticalPagesDaytimePagesAndDirectTargetsGoAsPlanned() {
        adaPagedTwiceTonight();

        assertThat(paged(pageAt(berlin("2026-06-02T01:00"), Severity.CRITICAL, BY_SCHEDULE,
                new FatigueReroute(SCHEDULES, ledger, Severity.CRITICAL)))).containsExactly("ada");
        assertThat(paged(pageAt(berlin("2026-06-02T07:00"), Severity.WARNING, BY_SCHEDULE,
                new FatigueReroute(SCHEDULES, ledger, Severity.WARNING)))).as("night ends at 07:00")
                .containsExactly("ada");
        FatigueReroute direct = new FatigueReroute(SCHEDULES, ledger, Severity.WARNING);
        assertThat(paged(pageAt(berlin("2026-06-02T01:00"), Severity.WARNING, ADA_DIRECTLY, direct)))
                .containsExactly("ada");
        assertThat(direct.rerouted()).isEmpty();
    }

    @Test
    void aPageIsNeverDroppedWhenEveryoneElseIsSpentToo() {
        adaPagedTwiceTonight();
        ledger.onPaged("bob", "4", berlin("2026-06-01T23:00"));
        ledger.onPaged("bob", "5", berlin("2026-06-02T00:00"));
        ledger.onPaged("cy", "6", berlin("2026-06-01T23:00"));
        ledger.onPaged("cy", "7", berlin("2026-06-02T00:00"));
        FatigueReroute onCall = new FatigueReroute(SCHEDULES, ledger, Severity.WARNING);

        EscalationOutcome outcome = pageAt(berlin("2026-06-02T01:00"), Severity.WARNING, BY_SCHEDULE, onCall);

        assertThat(paged(outcome)).containsExactly("ada");
        assertThat(outcome.timeline()).extracting(TimelineEntry::kind).containsExactly(TimelineKind.PAGED);
    }

    @Test
    void theNextWithBudgetIsWhoeverTakesOverSoonestAndTheBudgetRenewsAfterAWeek() {
        adaPagedTwiceTonight();
        ledger.onPaged("bob", "4", berlin("2026-06-01T23:00"));
        ledger.onPaged("bob", "5", berlin("2026-06-02T00:00"));

        assertThat(paged(pageAt(berlin("2026-06-02T01:00"), Severity.WARNING, BY_SCHEDULE,
                new FatigueReroute(SCHEDULES, ledger, Severity.WARNING)))).as("bob is spent too: cy, on the day after")
                .containsExactly("cy");
        Instant weekLater = berlin("2026-06-08T23:50");
        assertThat(PRIMARY.onCallAt(weekLater)).containsExactly("bob");
        ledger.onPaged("bob", "8", berlin("2026-06-08T23:00"));
        ledger.onPaged("cy", "9", berlin("2026-06-08T23:10"));
        ledger.onPaged("cy", "10", berlin("2026-06-08T23:20"));
        assertThat(paged(pageAt(weekLater, Severity.WARNING, BY_SCHEDULE,
                new FatigueReroute(SCHEDULES, ledger, Severity.WARNING))))
                .as("bob and cy are spent; a week on, ada's budget is fresh").containsExactly("ada");
        assertThat(ledger.budgetUsed("ada", weekLater)).isZero();
        assertThat(ledger.budgetUsed("cy", weekLater)).isEqualTo(1.0);
        assertThat(ledger.budgetUsed("bob", weekLater)).as("one tonight, one six days ago").isEqualTo(1.0);
    }
}
