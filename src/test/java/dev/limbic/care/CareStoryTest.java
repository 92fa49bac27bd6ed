package dev.limbic.care;

import dev.limbic.alert.Severity;
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

/**
 * The demo's story on the pure core: an alert pages ada; her heart rate reacts; she gets a breathing prompt and her
 * timer waits; a warning that arrives meanwhile is held and delivered when she calms down; her partner is paged after
 * three minutes of acute stress; the timeline tells each step with its reason.
 */
class CareStoryTest {
    private static final Instant T0 = Instant.parse("2026-06-01T02:00:00Z");
    private static final EscalationPolicy POLICY = new EscalationPolicy("p", List.of(
            new EscalationStep(List.of(Target.responder("ada")), Duration.ofMinutes(5)),
            new EscalationStep(List.of(Target.responder("cy")), Duration.ofMinutes(5))), 0, Duration.ZERO);

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void theStory() {
        CareWorld world = CareWorld.care(CareSettings.defaults(), POLICY, Map.of("ada", "bob"), T0);
        world.stress("ada", StressState.CALM);
        world.alert("inc-1", Severity.ERROR);

        world.advanceTo(at(40));
        world.judged("ada", "inc-1", new PageReaction(T0.toEpochMilli(), PageReactionVerdict.REACTION, 70, 1, 68,
                132, at(40).toEpochMilli(), "for the story"));
        world.stress("ada", StressState.ACUTE);
        assertThat(world.careActions).containsExactly(new CareAction.SendBreathingPrompt("ada", "inc-1", 1));

        world.advanceTo(at(60));
        world.alert("inc-2", Severity.WARNING);
        assertThat(world.pagesOf("inc-2")).isEmpty();

        world.advanceTo(at(220));
        assertThat(world.careActions).extracting(CareAction::getClass).containsExactly(
                CareAction.SendBreathingPrompt.class, CareAction.SendGroundingPrompt.class, CareAction.PagePartner.class);
        assertThat(world.careActions.get(2).incidentId()).as("inc-2 is not hers while its page is held")
                .isEqualTo("inc-1");

        world.stress("ada", StressState.CALM);
        assertThat(world.pagesOf("inc-2")).extracting(CareWorld.Issued::at).containsExactly(at(220));

        assertThat(world.timeline("inc-1").stream().map(TimelineEntry::kind).toList()).containsExactly(
                TimelineKind.PAGED, TimelineKind.STRESS_EPISODE_OPENED, TimelineKind.BREATHING_PROMPT,
                TimelineKind.GROUNDING_PROMPT, TimelineKind.PARTNER_PAGED, TimelineKind.STRESS_EPISODE_CLOSED);
        assertThat(world.timeline("inc-2").stream().map(TimelineEntry::kind).toList()).containsExactly(
                TimelineKind.PAGE_HELD, TimelineKind.HOLD_ENDED, TimelineKind.PAGED);
        assertThat(world.timeline("inc-1").get(4).text()).isEqualTo(
                "Paged bob to join ada: ada has been under acute stress for over 3 minutes");
    }
}
