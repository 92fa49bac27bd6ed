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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** When the partner is asked to join, in which words, and handing an incident over. */
class PartnerHandoffTest {
    private static final Instant T0 = Instant.parse("2026-06-01T02:00:00Z");
    private final CareSettings settings = CareSettings.defaults();
    private final PartnerHandoff handoff = new PartnerHandoff(settings, r -> Optional.ofNullable(Map.of("ada", "bob").get(r)));
    private final StressEpisodes episodes = new StressEpisodes(settings, handoff);

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void acuteForLongerThanTheLimitDuringAnIncidentPagesThePartnerOnce() {
        episodes.onPaged("ada", "inc-7", T0);
        episodes.onStateChange("ada", StressState.ACUTE, at(10));
        episodes.tick(at(16));
        assertThat(episodes.wakeAt()).contains(at(190));
        assertThat(episodes.tick(at(189)).actions()).isEmpty();

        CareOutcome due = episodes.tick(at(190));

        CareAction.PagePartner page = (CareAction.PagePartner) due.actions().get(0);
        assertThat(page.partner()).isEqualTo("bob");
        assertThat(page.responderText()).startsWith("bob is joining you on inc-7");
        assertThat(page.partnerText()).startsWith("ada could use a hand with inc-7")
                .contains("under acute stress for over 3 minutes").contains("ada stays on it");
        assertThat(due.notes()).extracting(n -> n.entry().kind()).containsExactly(TimelineKind.PARTNER_PAGED);
        assertThat(due.notes().get(0).entry().fields()).containsEntry("partner", "bob");
        assertThat(episodes.tick(at(400)).actions()).isEmpty();
        assertThat(episodes.wakeAt()).isEmpty();
    }

    @Test
    void aDeferredPageReleasedWhileStillAcuteDoesNotPageThePartnerAgain() {
        EscalationPolicy policy = new EscalationPolicy("p", List.of(
                new EscalationStep(List.of(Target.responder("ada")), Duration.ofMinutes(30))), 0, Duration.ZERO);
        CareWorld world = CareWorld.care(settings, policy, Map.of("ada", "bob"), T0);
        world.stress("ada", StressState.CALM);
        world.alert("inc-1", Severity.ERROR);
        world.advanceTo(at(40));
        world.stress("ada", StressState.ACUTE);
        world.advanceTo(at(60));
        world.alert("inc-2", Severity.WARNING);

        world.advanceTo(at(1200));

        assertThat(world.pagesOf("inc-2")).extracting(CareWorld.Issued::at).as("released at its bound, still acute")
                .containsExactly(at(660));
        assertThat(world.careActions).filteredOn(CareAction.PagePartner.class::isInstance)
                .extracting(CareAction::incidentId).containsExactly("inc-1");
        assertThat(world.timeline("inc-2")).extracting(TimelineEntry::kind).doesNotContain(TimelineKind.PARTNER_PAGED);
    }

    @Test
    void aNewAcuteStretchMayPageThePartnerAgain() {
        episodes.onPaged("ada", "inc-1", T0);
        episodes.onStateChange("ada", StressState.ACUTE, at(10));
        assertThat(episodes.tick(at(190)).actions()).filteredOn(CareAction.PagePartner.class::isInstance)
                .extracting(CareAction::incidentId).containsExactly("inc-1");
        assertThat(episodes.onPaged("ada", "inc-2", at(300)).actions()).isEmpty();
        assertThat(episodes.tick(at(400)).actions()).isEmpty();

        episodes.onStateChange("ada", StressState.CALM, at(500));
        episodes.onStateChange("ada", StressState.ACUTE, at(600));
        episodes.onPaged("ada", "inc-3", at(610));

        assertThat(episodes.tick(at(780)).actions()).filteredOn(CareAction.PagePartner.class::isInstance)
                .extracting(CareAction::incidentId).containsExactly("inc-3");
    }

    @Test
    void aShortDataGapDoesNotRestartTheAcuteClock() {
        episodes.onPaged("ada", "inc-7", T0);
        episodes.onStateChange("ada", StressState.ACUTE, at(10));
        episodes.onStateChange("ada", StressState.UNKNOWN, at(100));
        episodes.onStateChange("ada", StressState.ACUTE, at(130));

        assertThat(episodes.tick(at(190)).actions()).filteredOn(CareAction.PagePartner.class::isInstance).hasSize(1);
    }

    @Test
    void calmingDownInTimeMeansNoPartnerPage() {
        episodes.onPaged("ada", "inc-7", T0);
        episodes.onStateChange("ada", StressState.ACUTE, at(10));
        episodes.onStateChange("ada", StressState.ELEVATED, at(100));

        assertThat(episodes.tick(at(400)).actions()).noneMatch(CareAction.PagePartner.class::isInstance);
    }

    @Test
    void carryingMoreOpenIncidentsThanTheLimitPagesThePartnerForEach() {
        for (int i = 1; i <= 3; i++) {
            assertThat(episodes.onPaged("ada", "inc-" + i, at(i)).actions()).isEmpty();
        }

        CareOutcome fourth = episodes.onPaged("ada", "inc-4", at(4));

        assertThat(fourth.actions()).extracting(CareAction::incidentId).containsExactly("inc-1", "inc-2", "inc-3", "inc-4");
        assertThat(((CareAction.PagePartner) fourth.actions().get(0)).reason()).contains("carries 4 open incidents");
        assertThat(episodes.onPaged("ada", "inc-5", at(5)).actions()).extracting(CareAction::incidentId)
                .containsExactly("inc-5");
    }

    @Test
    void aResponderWithoutAPartnerIsLeftAsIs() {
        for (int i = 1; i <= 5; i++) {
            assertThat(episodes.onPaged("cy", "inc-" + i, at(i)).actions()).isEmpty();
        }
    }

    @Test
    void handingOverReassignsToThePartnerOrToWhomeverTheyName() {
        HandOver toPartner = handoff.handOver("ada", "inc-7", Optional.empty()).orElseThrow();
        assertThat(toPartner.command()).isEqualTo(new EscalationCommand.Reassign("ada", "bob"));
        assertThat(toPartner.note(T0).entry().kind()).isEqualTo(TimelineKind.HANDED_OVER);
        assertThat(toPartner.textForNewHolder()).contains("ada handed inc-7 over to you");

        assertThat(handoff.handOver("ada", "inc-7", Optional.of("dee")).orElseThrow().to()).isEqualTo("dee");
        assertThat(handoff.handOver("cy", "inc-7", Optional.empty())).isEmpty();
        assertThat(handoff.handOver("ada", "inc-7", Optional.of("ada"))).isEmpty();
    }

    @Test
    void afterHandingOverTheIncidentNoLongerCountsForThem() {
        episodes.onPaged("ada", "inc-7", T0);
        episodes.onHandedOver(handoff.handOver("ada", "inc-7", Optional.empty()).orElseThrow());

        assertThat(episodes.openIncidents("ada")).isEmpty();
    }
}
