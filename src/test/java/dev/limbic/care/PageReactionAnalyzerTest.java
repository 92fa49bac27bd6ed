package dev.limbic.care;

import dev.limbic.stress.HeartRateHistory;
import dev.limbic.stress.StressDetector;
import dev.limbic.stress.StressThresholds;
import org.junit.jupiter.api.Test;

import java.util.function.LongToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PageReactionAnalyzerTest {
    private static final long PAGE = 1_700_000_000_000L;
    private static final double BASELINE = 68;

    private final StressDetector detector = new StressDetector(StressThresholds.defaults().withRestingHeartRateBpm(68));
    private final PageReactionAnalyzer analyzer = new PageReactionAnalyzer(PageReactionThresholds.defaults());

    /** Feeds one reading per second from {@code fromSecond} to {@code toSecond} (relative to the page); NaN = none. */
    private void feed(long fromSecond, long toSecond, LongToDoubleFunction bpmAtSecond) {
        for (long s = fromSecond; s < toSecond; s++) {
            double bpm = bpmAtSecond.applyAsDouble(s);
            if (!Double.isNaN(bpm)) {
                detector.onHeartRate(PAGE + s * 1000, bpm + 1.5 * Math.sin(s / 3.0));
            }
        }
    }

    private PageReaction judgeAtDue() {
        HeartRateHistory history = detector.history();
        assertThat(history.newestMillis()).isLessThanOrEqualTo(analyzer.dueAtMillis(PAGE));
        return analyzer.analyze(history, PAGE, BASELINE);
    }

    @Test
    void aHeldRiseAfterACalmStartIsAReaction() {
        feed(-600, 40, s -> 70);
        feed(40, 180, s -> s < 50 ? 70 + 4 * (s - 40) : 110);

        PageReaction reaction = judgeAtDue();

        assertThat(reaction.verdict()).isEqualTo(PageReactionVerdict.REACTION);
        assertThat(reaction.beforeMedianBpm()).isCloseTo(70, within(1.5));
        assertThat(reaction.afterHeldBpm()).isGreaterThan(105);
        assertThat(reaction.reactionAtMillis() - PAGE).isBetween(80_000L, 95_000L);
        assertThat(reaction.reason()).contains("+25 bpm").contains("median 70 bpm");
    }

    @Test
    void aReactionIsCertainAsSoonAsItHasHeld() {
        feed(-300, 0, s -> 70);
        feed(0, 60, s -> 115);

        assertThat(analyzer.analyze(detector.history(), PAGE, BASELINE).verdict()).isEqualTo(PageReactionVerdict.REACTION);
    }

    @Test
    void judgedBeforeItsWindowEndsAHoldCountsOnlyOnceAllItsSecondsHaveCome() {
        feed(-300, 0, s -> 70);
        feed(0, 20, s -> 115);

        assertThat(analyzer.analyzeSoFar(detector.history(), PAGE, BASELINE).verdict())
                .as("20 s of the 30 s hold so far: seconds still to come are not missing ones")
                .isNotEqualTo(PageReactionVerdict.REACTION);

        for (long s = 20; s < 60; s++) {
            feed(s, s + 1, second -> 115);
            PageReaction soFar = analyzer.analyzeSoFar(detector.history(), PAGE, BASELINE);
            if (soFar.verdict() == PageReactionVerdict.REACTION) {
                assertThat(soFar.reactionAtMillis()).as("judged on the sample that completes the hold")
                        .isEqualTo(PAGE + (s + 1) * 1000);
                assertThat(s + 1).as("a full 30 s hold, give or take the smoothing").isBetween(30L, 36L);
                return;
            }
        }
        throw new AssertionError("a 60 s rise of 45 bpm was never judged a reaction");
    }

    @Test
    void heartRateThatStaysNearItsLevelIsNoReaction() {
        feed(-600, 180, s -> s > 20 && s < 60 ? 85 : 72);

        PageReaction reaction = judgeAtDue();

        assertThat(reaction.verdict()).isEqualTo(PageReactionVerdict.NO_REACTION);
        assertThat(reaction.hasReactionTime()).isFalse();
        assertThat(reaction.afterHeldBpm()).isBetween(80.0, 86.0);
        assertThat(reaction.reason()).startsWith("heart rate held at most +");
    }

    @Test
    void aRiseShorterThanTheHoldIsNoReaction() {
        feed(-600, 180, s -> s >= 30 && s < 50 ? 120 : 70);

        assertThat(judgeAtDue().verdict()).isEqualTo(PageReactionVerdict.NO_REACTION);
    }

    @Test
    void heartRateAlreadyRisingBeforeThePageIsIndeterminate() {
        feed(-600, -120, s -> 70);
        feed(-120, 180, s -> s < 0 ? 70 + (s + 120) / 5.0 : 95 + s / 10.0);

        PageReaction reaction = judgeAtDue();

        assertThat(reaction.verdict()).isEqualTo(PageReactionVerdict.INDETERMINATE);
        assertThat(reaction.beforeRiseBpm()).isGreaterThan(10);
        assertThat(reaction.reason()).startsWith("already rising before the page");
    }

    @Test
    void heartRateAlreadyHighBeforeThePageIsIndeterminateEvenIfItRisesFurther() {
        feed(-600, 0, s -> 95);
        feed(0, 180, s -> 125);

        PageReaction reaction = judgeAtDue();

        assertThat(reaction.verdict()).isEqualTo(PageReactionVerdict.INDETERMINATE);
        assertThat(reaction.hasReactionTime()).isTrue();
        assertThat(reaction.reason()).startsWith("already high before the page")
                .contains("baseline 68").contains("cannot be blamed on the page");
    }

    @Test
    void noHeartRateBeforeThePageIsNoData() {
        feed(-30, 180, s -> 70);

        PageReaction reaction = judgeAtDue();

        assertThat(reaction.verdict()).isEqualTo(PageReactionVerdict.NO_DATA);
        assertThat(reaction.reason()).isEqualTo("only 30 of the 120 s before the page have heart rate");
    }

    @Test
    void heartRateLostAfterThePageIsNoData() {
        feed(-600, 40, s -> 70);

        PageReaction reaction = judgeAtDue();

        assertThat(reaction.verdict()).isEqualTo(PageReactionVerdict.NO_DATA);
        assertThat(reaction.reason()).isEqualTo("only 40 of the 180 s after the page have heart rate");
    }

    @Test
    void anEmptyHistoryIsNoData() {
        assertThat(analyzer.analyze(detector.history(), PAGE, BASELINE).verdict()).isEqualTo(PageReactionVerdict.NO_DATA);
    }

    @Test
    void thresholdsAreConfigurableAndValidatedByConfigKey() {
        PageReactionAnalyzer strict = new PageReactionAnalyzer(new PageReactionThresholds(40, 30, 180, 120, 20, 10));
        feed(-600, 0, s -> 70);
        feed(0, 180, s -> 100);
        assertThat(strict.analyze(detector.history(), PAGE, BASELINE).verdict()).isEqualTo(PageReactionVerdict.NO_REACTION);

        assertThatThrownBy(() -> new PageReactionThresholds(25, 30, 200, 120, 20, 10))
                .hasMessageStartingWith("after_seconds plus before_seconds must be at most 310");
        assertThatThrownBy(() -> new PageReactionThresholds(0, 30, 180, 120, 20, 10)).hasMessageStartingWith("rise_bpm ");
        assertThatThrownBy(() -> new PageReactionThresholds(25, 200, 180, 120, 20, 10)).hasMessageStartingWith("hold_seconds ");
    }
}
