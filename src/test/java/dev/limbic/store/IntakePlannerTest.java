package dev.limbic.store;

import dev.limbic.alert.AlertAction;
import dev.limbic.alert.AlertEvent;
import dev.limbic.alert.Severity;
import dev.limbic.store.IntakePlanner.IncidentKey;
import dev.limbic.store.IntakePlanner.OpenIncident;
import dev.limbic.store.IntakePlanner.Plan;
import dev.limbic.store.IntakePlanner.PlannedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.limbic.store.IntakeOutcome.Kind.ACKNOWLEDGED;
import static dev.limbic.store.IntakeOutcome.Kind.DEDUPLICATED;
import static dev.limbic.store.IntakeOutcome.Kind.IGNORED;
import static dev.limbic.store.IntakeOutcome.Kind.OPENED;
import static dev.limbic.store.IntakeOutcome.Kind.REPEATED;
import static dev.limbic.store.IntakeOutcome.Kind.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

/** The dedup rules, in memory: what a batch does given the open incidents. */
class IntakePlannerTest {
    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

    @Test
    void aBatchAgainstNothingOpen() {
        Plan plan = IntakePlanner.plan(List.of(trigger("a", "x"), trigger("a", "y"), trigger("a", "x"),
                event("a", AlertAction.ACKNOWLEDGE), event("b", AlertAction.RESOLVE), trigger("a", "x")), Map.of());

        assertThat(plan.kinds()).containsExactly(OPENED, DEDUPLICATED, REPEATED, ACKNOWLEDGED, IGNORED, REPEATED);
        assertThat(plan.created()).hasSize(1);
        assertThat(plan.created().get(0).alertCount).isEqualTo(2);
        assertThat(plan.created().get(0).status).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(plan.changed()).isEmpty();
        assertThat(plan.timeline()).extracting(IntakePlanner.TimelineDraft::kind)
                .containsExactly("opened", "received", "acknowledged");
    }

    @Test
    void aBatchAgainstAnOpenIncident() {
        OpenIncident open = new OpenIncident(7, IncidentStatus.TRIGGERED, 3, T0, null, null, Set.of(key("a", "x")));
        Plan plan = IntakePlanner.plan(List.of(trigger("a", "x"), trigger("a", "z"), event("a", AlertAction.RESOLVE),
                event("a", AlertAction.RESOLVE), trigger("a", "x")), Map.of(new IncidentKey("am", "a"), open));

        assertThat(plan.kinds()).containsExactly(REPEATED, DEDUPLICATED, RESOLVED, IGNORED, OPENED);
        assertThat(plan.incidents()[0].id).isEqualTo(7);
        assertThat(plan.changed()).hasSize(1);
        assertThat(plan.changed().get(0).alertCount).isEqualTo(4);
        assertThat(plan.changed().get(0).status).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(plan.changed().get(0).statusChanged()).isTrue();
        assertThat(plan.created()).hasSize(1);
        assertThat(plan.incidents()[4]).isSameAs(plan.created().get(0));
        assertThat(plan.timeline()).extracting(IntakePlanner.TimelineDraft::kind)
                .containsExactly("received", "resolved", "opened");
    }

    @Test
    void redeliveriesAreSettledPerKeyOnlyWhenEveryEventOfTheKeyIsOne() {
        Map<IncidentKey, OpenIncident> open = Map.of(
                new IncidentKey("am", "a"), new OpenIncident(7, IncidentStatus.TRIGGERED, 2, T0, null, null,
                        Set.of(key("a", "x"), key("a", "y"))),
                new IncidentKey("am", "b"), new OpenIncident(8, IncidentStatus.ACKNOWLEDGED, 1, T0, T0, "am",
                        Set.of(key("b", "x"))));

        IntakeOutcome[] outcomes = IntakePlanner.redeliveries(List.of(trigger("a", "x"), trigger("b", "x"),
                trigger("a", "y"), trigger("b", "new"), trigger("c", "x")), open);

        assertThat(outcomes).containsExactly(new IntakeOutcome(REPEATED, 7), null, new IntakeOutcome(REPEATED, 7),
                null, null);
    }

    @Test
    void aRedeliveryRepeatedWithinTheBatchOfANewAlertIsNotSettled() {
        IntakeOutcome[] outcomes = IntakePlanner.redeliveries(List.of(trigger("a", "x"), trigger("a", "x")),
                Map.of());

        assertThat(outcomes).containsExactly(null, null);
    }

    private static String key(String dedupKey, String summary) {
        return AlertEventDigest.idempotencyKey(alert(dedupKey, AlertAction.TRIGGER, summary));
    }

    private static PlannedEvent trigger(String dedupKey, String summary) {
        AlertEvent event = alert(dedupKey, AlertAction.TRIGGER, summary);
        return new PlannedEvent(event, AlertEventDigest.idempotencyKey(event), "p", "{}");
    }

    private static PlannedEvent event(String dedupKey, AlertAction action) {
        AlertEvent event = alert(dedupKey, action, "");
        return new PlannedEvent(event, AlertEventDigest.idempotencyKey(event), null, "{}");
    }

    private static AlertEvent alert(String dedupKey, AlertAction action, String summary) {
        return new AlertEvent("am", dedupKey, action, Severity.ERROR, summary, "", Map.of(), "{}", T0);
    }
}
