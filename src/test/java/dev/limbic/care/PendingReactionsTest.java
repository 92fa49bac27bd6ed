package dev.limbic.care;

import dev.limbic.escalation.TimelineKind;
import dev.limbic.stress.StressDetector;
import dev.limbic.stress.StressThresholds;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisive heart-rate sample itself opens the stress episode: each sample of a paged responder is judged as it
 * comes, and the one that completes the reaction answers it; only the verdicts that need the whole window wait for its
 * end. Samples are fed one by one, as the runtime hears them; time is the samples' own.
 */
class PendingReactionsTest {
    private static final long PAGE = 1_700_000_000_000L;

    private final StressDetector detector = new StressDetector(StressThresholds.defaults().withRestingHeartRateBpm(70));
    private final PageReactionAnalyzer analyzer = new PageReactionAnalyzer(PageReactionThresholds.defaults());
    private final PendingReactions pending = new PendingReactions(analyzer);
    private final StressEpisodes episodes = new StressEpisodes(CareSettings.defaults(),
            new PartnerHandoff(CareSettings.defaults(), r -> Optional.ofNullable(Map.of("ada", "bob").get(r))));

    /** One reading at {@code second} after the page; what judging it on arrival opens, as the runtime does. */
    private CareOutcome sample(long second, double bpm) {
        detector.onHeartRate(PAGE + second * 1000, bpm);
        CareOutcome outcome = CareOutcome.NONE;
        for (PendingReactions.Judged judged : pending.onSample("ada", detector.history())) {
            outcome = episodes.onPageJudged("ada", judged.incidentId(), judged.reaction(), judged.trigger(),
                    Instant.ofEpochMilli(PAGE + second * 1000));
        }
        return outcome;
    }

    private void calmBeforeThePage() {
        for (long s = -150; s < 0; s++) {
            detector.onHeartRate(PAGE + s * 1000, 70);
        }
        episodes.onPaged("ada", "inc-1", Instant.ofEpochMilli(PAGE));
        pending.add("ada", "inc-1", PAGE, Double.NaN);
    }

    private boolean analyzerSeesAReaction() {
        return PendingReactions.reacted(analyzer.analyzeSoFar(detector.history(), PAGE, Double.NaN));
    }

    @Test
    void theSampleThatCompletesTheReactionOpensTheEpisodeWithItsBreathingPrompt() {
        calmBeforeThePage();
        long decisive = -1;
        CareOutcome opened = CareOutcome.NONE;
        for (long s = 0; s < 120 && decisive < 0; s++) {
            boolean reactedBefore = analyzerSeesAReaction();
            CareOutcome outcome = sample(s, s < 5 ? 70 : 120);
            if (!outcome.isEmpty()) {
                assertThat(reactedBefore).as("the history before sample %d already held the reaction", s).isFalse();
                decisive = s;
                opened = outcome;
            } else {
                assertThat(episodes.openEpisode("ada")).as("episode open before sample %d", s).isEmpty();
            }
        }

        assertThat(decisive).as("the decisive sample: the rise (from second 5) held its full 30 s").isBetween(35L, 42L);
        assertThat(analyzerSeesAReaction()).isTrue();
        assertThat(opened.actions()).containsExactly(new CareAction.SendBreathingPrompt("ada", "inc-1", 1));
        assertThat(opened.notes().get(0).entry().kind()).isEqualTo(TimelineKind.STRESS_EPISODE_OPENED);
        assertThat(opened.notes().get(0).entry().fields()).containsEntry("trigger", "sample")
                .containsEntry("cause", "page_reaction");
        StressEpisode episode = episodes.openEpisode("ada").orElseThrow();
        assertThat(episode.openedAt()).isEqualTo(Instant.ofEpochMilli(PAGE + decisive * 1000));
        assertThat(pending.awaits("ada")).isFalse();
        assertThat(pending.nextDueAtMillis()).isEmpty();
    }

    @Test
    void noSampleBeforeTheDecisiveOneAndNoTimerIsNeededForIt() {
        calmBeforeThePage();
        assertThat(pending.nextDueAtMillis()).hasValue(analyzer.dueAtMillis(PAGE));
        long s = 0;
        while (sample(s, s < 5 ? 70 : 120).isEmpty()) {
            assertThat(pending.takeDue(PAGE + s * 1000)).as("due at sample %d", s).isEmpty();
            s++;
        }

        assertThat(PAGE + s * 1000).isLessThan(analyzer.dueAtMillis(PAGE));
        assertThat(pending.takeDue(analyzer.dueAtMillis(PAGE))).isEmpty();
    }

    @Test
    void withoutAReactionTheVerdictWaitsForTheEndOfTheWindowAndOpensNothing() {
        calmBeforeThePage();
        for (long s = 0; s < 180; s++) {
            assertThat(sample(s, 72).isEmpty()).isTrue();
        }
        assertThat(pending.awaits("ada")).isTrue();
        assertThat(pending.takeDue(analyzer.dueAtMillis(PAGE) - 1)).isEmpty();

        List<PendingReactions.Pending> due = pending.takeDue(analyzer.dueAtMillis(PAGE));

        assertThat(due).hasSize(1);
        PendingReactions.Judged judged = pending.judgeAtEnd(due.get(0), detector.history());
        assertThat(judged.reaction().verdict()).isEqualTo(PageReactionVerdict.NO_REACTION);
        assertThat(judged.trigger()).isEqualTo(StressEpisode.Trigger.TIMER);
        assertThat(episodes.onPageJudged("ada", "inc-1", judged.reaction(), judged.trigger(),
                Instant.ofEpochMilli(analyzer.dueAtMillis(PAGE))).isEmpty()).isTrue();
        assertThat(pending.awaits("ada")).isFalse();
        assertThat(pending.judgeAtEnd(due.get(0), null).reaction().verdict()).isEqualTo(PageReactionVerdict.NO_DATA);
    }

    @Test
    void aNewPageForTheSameIncidentReplacesThePendingOneAndAResolveForgetsIt() {
        pending.add("ada", "inc-1", PAGE, Double.NaN);
        pending.add("ada", "inc-1", PAGE + 60_000, Double.NaN);
        pending.add("ada", "inc-2", PAGE + 1_000, Double.NaN);

        assertThat(pending.nextDueAtMillis()).hasValue(analyzer.dueAtMillis(PAGE + 1_000));
        pending.forgetIncident("inc-2");
        assertThat(pending.nextDueAtMillis()).hasValue(analyzer.dueAtMillis(PAGE + 60_000));
        pending.forgetIncident("inc-1");
        assertThat(pending.awaits("ada")).isFalse();
        assertThat(pending.onSample("ada", detector.history())).isEmpty();
    }
}
