package dev.limbic.care;

import dev.limbic.escalation.TimelineKind;
import dev.limbic.stress.StressDetector;
import dev.limbic.stress.StressState;
import dev.limbic.stress.StressThresholds;
import dev.limbic.stress.StressTransition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** When stress episodes open and close, and the prompts that follow them. */
class StressEpisodesTest {
    private static final Instant T0 = Instant.parse("2026-06-01T02:00:00Z");
    private final StressEpisodes episodes = new StressEpisodes(CareSettings.defaults(),
            new PartnerHandoff(CareSettings.defaults(), r -> Optional.ofNullable(Map.of("ada", "bob").get(r))));

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static PageReaction reaction(PageReactionVerdict verdict, boolean rose) {
        return new PageReaction(T0.toEpochMilli(), verdict, 70, 2, 65, rose ? 100 : 72,
                rose ? at(40).toEpochMilli() : Long.MIN_VALUE, "for the test");
    }

    @Test
    void aReactionToThePageOpensAnEpisodeWithABreathingPromptThenGrounding() {
        episodes.onPaged("ada", "inc-1", T0);

        CareOutcome opened = episodes.onPageJudged("ada", "inc-1", reaction(PageReactionVerdict.REACTION, true),
                StressEpisode.Trigger.SAMPLE, at(40));

        assertThat(opened.actions()).containsExactly(new CareAction.SendBreathingPrompt("ada", "inc-1", 1));
        assertThat(opened.notes()).extracting(n -> n.entry().kind())
                .containsExactly(TimelineKind.STRESS_EPISODE_OPENED, TimelineKind.BREATHING_PROMPT);
        assertThat(opened.notes().get(0).entry().text()).contains("a reaction to the page").doesNotContain("bpm");
        assertThat(opened.notes().get(0).entry().fields()).containsEntry("cause", "page_reaction")
                .containsEntry("trigger", "sample");
        StressEpisode episode = episodes.openEpisode("ada").orElseThrow();
        assertThat(episode.cause()).isEqualTo(StressEpisode.Cause.PAGE_REACTION);
        assertThat(episode.indeterminate()).isFalse();
        assertThat(episodes.breathingUntil("ada", at(41))).contains(at(46));
        assertThat(episodes.wakeAt()).contains(at(46));

        assertThat(episodes.tick(at(45)).actions()).isEmpty();
        CareOutcome grounding = episodes.tick(at(46));
        assertThat(grounding.actions()).containsExactly(new CareAction.SendGroundingPrompt("ada", "inc-1"));
        assertThat(grounding.notes()).extracting(n -> n.entry().kind()).containsExactly(TimelineKind.GROUNDING_PROMPT);
        assertThat(episodes.breathingUntil("ada", at(46))).isEmpty();
    }

    @Test
    void aRiseAfterHighOrRisingHeartRateOpensAnIndeterminateEpisode() {
        episodes.onPaged("ada", "inc-1", T0);

        episodes.onPageJudged("ada", "inc-1", reaction(PageReactionVerdict.INDETERMINATE, true),
                StressEpisode.Trigger.SAMPLE, at(40));

        assertThat(episodes.openEpisode("ada").orElseThrow().indeterminate()).isTrue();
    }

    @Test
    void noReactionNoDataOrIndeterminateWithoutARiseOpenNothing() {
        episodes.onPaged("ada", "inc-1", T0);

        assertThat(episodes.onPageJudged("ada", "inc-1", reaction(PageReactionVerdict.NO_REACTION, false),
                StressEpisode.Trigger.TIMER, at(180))
                .isEmpty()).isTrue();
        assertThat(episodes.onPageJudged("ada", "inc-1", reaction(PageReactionVerdict.NO_DATA, false),
                StressEpisode.Trigger.TIMER, at(180))
                .isEmpty()).isTrue();
        assertThat(episodes.onPageJudged("ada", "inc-1", reaction(PageReactionVerdict.INDETERMINATE, false),
                StressEpisode.Trigger.TIMER, at(180))
                .isEmpty()).isTrue();
        assertThat(episodes.openEpisode("ada")).isEmpty();
    }

    @Test
    void acuteWhileHoldingAnOpenIncidentOpensAnEpisodeButNotWithoutOne() {
        episodes.onStateChange("ada", StressState.ACUTE, T0);
        assertThat(episodes.openEpisode("ada")).isEmpty();

        CareOutcome paged = episodes.onPaged("ada", "inc-1", at(5));

        assertThat(paged.actions()).containsExactly(new CareAction.SendBreathingPrompt("ada", "inc-1", 1));
        assertThat(paged.notes().get(0).entry().fields()).containsEntry("cause", "acute_during_incident")
                .containsEntry("trigger", "page");
        assertThat(episodes.openEpisode("ada").orElseThrow().cause())
                .isEqualTo(StressEpisode.Cause.ACUTE_DURING_INCIDENT);
    }

    @Test
    void theSampleThatMakesAPagedResponderAcuteOpensTheEpisode() {
        StressDetector detector = new StressDetector(StressThresholds.defaults().withRestingHeartRateBpm(70));
        for (long s = -150; s < 0; s++) {
            detector.onHeartRate(at(s).toEpochMilli(), 70);
        }
        episodes.onPaged("ada", "inc-1", T0);
        CareOutcome opened = CareOutcome.NONE;
        long s = 0;
        for (; s < 120 && opened.isEmpty(); s++) {
            StressTransition transition = detector.onHeartRate(at(s).toEpochMilli(), 150);
            if (transition != null) {
                opened = episodes.onTransition("ada", transition);
                assertThat(opened.isEmpty()).isEqualTo(transition.to() != StressState.ACUTE);
            }
        }

        assertThat(detector.state()).isEqualTo(StressState.ACUTE);
        assertThat(opened.actions()).containsExactly(new CareAction.SendBreathingPrompt("ada", "inc-1", 1));
        assertThat(opened.notes().get(0).entry().fields()).containsEntry("cause", "acute_during_incident")
                .containsEntry("trigger", "sample");
        assertThat(episodes.openEpisode("ada").orElseThrow().openedAt()).isEqualTo(at(s - 1));
    }

    @Test
    void aResolvedIncidentNoLongerCounts() {
        episodes.onPaged("ada", "inc-1", T0);
        episodes.onIncidentResolved("inc-1");

        assertThat(episodes.onStateChange("ada", StressState.ACUTE, at(5)).actions()).isEmpty();
        assertThat(episodes.onPageJudged("ada", "inc-1", reaction(PageReactionVerdict.REACTION, true),
                StressEpisode.Trigger.SAMPLE, at(40))
                .actions()).isEmpty();
    }

    @Test
    void calmClosesTheEpisodeAndLiftsHolds() {
        episodes.onPaged("ada", "inc-1", T0);
        episodes.onStateChange("ada", StressState.ACUTE, at(10));

        CareOutcome calm = episodes.onStateChange("ada", StressState.CALM, at(100));

        assertThat(calm.holdsLifted()).containsExactly("ada");
        assertThat(calm.notes()).extracting(n -> n.entry().kind()).containsExactly(TimelineKind.STRESS_EPISODE_CLOSED);
        assertThat(episodes.openEpisode("ada")).isEmpty();
    }

    @Test
    void acuteThenAShortDataGapThenAcuteIsOneEpisode() {
        episodes.onPaged("ada", "inc-1", T0);
        episodes.onStateChange("ada", StressState.ACUTE, at(10));
        episodes.tick(at(16));
        String id = episodes.openEpisode("ada").orElseThrow().id();

        assertThat(episodes.onStateChange("ada", StressState.UNKNOWN, at(20)).holdsLifted()).containsExactly("ada");
        assertThat(episodes.wakeAt()).contains(at(80));
        CareOutcome back = episodes.onStateChange("ada", StressState.ACUTE, at(50));

        assertThat(back.actions()).isEmpty();
        assertThat(episodes.openEpisode("ada").orElseThrow().id()).isEqualTo(id);
    }

    @Test
    void aLongDataGapClosesTheEpisode() {
        episodes.onPaged("ada", "inc-1", T0);
        episodes.onStateChange("ada", StressState.ACUTE, at(10));
        episodes.onStateChange("ada", StressState.UNKNOWN, at(20));

        CareOutcome closed = episodes.tick(at(80));

        assertThat(closed.notes()).extracting(n -> n.entry().kind()).contains(TimelineKind.STRESS_EPISODE_CLOSED);
        assertThat(episodes.openEpisode("ada")).isEmpty();
        CareOutcome again = episodes.onStateChange("ada", StressState.ACUTE, at(90));
        assertThat(again.actions()).containsExactly(new CareAction.SendBreathingPrompt("ada", "inc-1", 1));
        assertThat(Duration.between(episodes.openEpisode("ada").orElseThrow().openedAt(), at(90))).isZero();
    }
}
