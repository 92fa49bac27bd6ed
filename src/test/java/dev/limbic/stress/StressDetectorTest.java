package dev.limbic.stress;

import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementDecoder;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.SensorContact;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StressDetectorTest {
    private static final long START = 1_700_000_000_000L;

    private final StressDetector detector = new StressDetector(StressThresholds.defaults().withRestingHeartRateBpm(70));
    private final List<StressTransition> transitions = new ArrayList<>();

    private void feed(List<SyntheticHeart.Beat> beats) {
        for (SyntheticHeart.Beat beat : beats) {
            record(detector.onBeat(beat.endMillis(), beat.rrMillis()));
        }
    }

    private void record(StressTransition transition) {
        if (transition != null) {
            transitions.add(transition);
        }
    }

    private StressTransition firstInto(StressState state) {
        return transitions.stream().filter(t -> t.to() == state).findFirst().orElse(null);
    }

    @Test
    void restStaysCalmAfterWarmUp() {
        SyntheticHeart heart = new SyntheticHeart(1, START, 25);
        feed(heart.steady(1800, 70));

        assertThat(detector.state()).isEqualTo(StressState.CALM);
        assertThat(transitions).extracting(StressTransition::to).containsExactly(StressState.CALM);
        assertThat(detector.heartRateBpm()).isBetween(65.0, 75.0);
        assertThat(detector.baselineLearned()).isTrue();
        assertThat(detector.baselineBpm()).isBetween(67.0, 73.0);
    }

    @Test
    void spikeFrom70To130HeldEntersAcuteWithin45SecondsOfTheRise() {
        SyntheticHeart heart = new SyntheticHeart(2, START, 25);
        feed(heart.steady(600, 70));
        assertThat(detector.state()).isEqualTo(StressState.CALM);
        long riseStart = heart.nowMillis();

        feed(heart.beats(45, s -> s < 10 ? 70 + 6 * s : 130));

        StressTransition acute = firstInto(StressState.ACUTE);
        assertThat(acute).as("transitions %s", transitions).isNotNull();
        assertThat(acute.atMillis() - riseStart).isLessThanOrEqualTo(45_000);
        assertThat(acute.heartRateBpm()).isGreaterThan(115);
        assertThat(acute.baselineBpm()).isBetween(65.0, 75.0);
        assertThat(acute.reason()).contains("over personal baseline");
    }

    @Test
    void spikeFedAsStrapFramesEntersAcute() {
        SyntheticHeart heart = new SyntheticHeart(3, START, 25);
        List<SyntheticHeart.Beat> beats = new ArrayList<>(heart.steady(600, 70));
        long riseStart = heart.nowMillis();
        beats.addAll(heart.beats(45, s -> s < 10 ? 70 + 6 * s : 130));
        HeartRateMeasurement measurement = new HeartRateMeasurement();
        byte[] frame = new byte[32];
        for (SyntheticHeart.Beat beat : beats) {
            int rr1024 = (int) Math.round(beat.rrMillis() * 1024 / 1000);
            int length = HeartRateMeasurementEncoder.encode((int) Math.round(60_000 / beat.rrMillis()),
                    SensorContact.DETECTED, -1, new int[] {rr1024}, frame, 0);
            HeartRateMeasurementDecoder.decode(frame, 0, length, measurement);
            record(detector.onMeasurement(beat.endMillis(), measurement));
        }
        StressTransition acute = firstInto(StressState.ACUTE);
        assertThat(acute).isNotNull();
        assertThat(acute.atMillis() - riseStart).isLessThanOrEqualTo(45_000);
    }

    @Test
    void lostContactReadsUnknownAndNeverCalm() {
        SyntheticHeart heart = new SyntheticHeart(4, START, 25);
        feed(heart.steady(120, 70));
        assertThat(detector.state()).isEqualTo(StressState.CALM);
        HeartRateMeasurement noContact = new HeartRateMeasurement();
        HeartRateMeasurementDecoder.decode(HeartRateMeasurementEncoder.encode(0, SensorContact.LOST, -1), noContact);

        StressTransition transition = detector.onMeasurement(heart.nowMillis() + 500, noContact);

        assertThat(transition.to()).isEqualTo(StressState.UNKNOWN);
        assertThat(transition.reason()).contains("no skin contact");
        assertThat(detector.heartRateBpm()).isNaN();
        assertThat(detector.onMeasurement(heart.nowMillis() + 1500, noContact)).isNull();
        assertThat(detector.state()).isEqualTo(StressState.UNKNOWN);
    }

    @Test
    void staleStreamGoesUnknownOnTick() {
        SyntheticHeart heart = new SyntheticHeart(5, START, 25);
        feed(heart.steady(120, 70));
        long last = heart.nowMillis();

        assertThat(detector.tick(last + 30_000)).isNull();
        StressTransition transition = detector.tick(last + 31_000);

        assertThat(transition.to()).isEqualTo(StressState.UNKNOWN);
        assertThat(transition.reason()).isEqualTo("no valid data for 31 s");
        assertThat(detector.heartRateBpm()).isNaN();
    }

    @Test
    void reconnectWarmsUpUnknownThenJudgesAgain() {
        SyntheticHeart heart = new SyntheticHeart(6, START, 25);
        feed(heart.steady(300, 70));
        StressTransition disconnect = detector.onDisconnect(heart.nowMillis() + 100);
        assertThat(disconnect.to()).isEqualTo(StressState.UNKNOWN);
        assertThat(disconnect.reason()).isEqualTo("sensor disconnected");
        heart.skip(5);
        transitions.clear();

        long reconnect = heart.nowMillis();
        feed(heart.steady(8, 72));
        assertThat(detector.state()).as("still warming up").isEqualTo(StressState.UNKNOWN);
        feed(heart.steady(10, 72));

        assertThat(transitions).hasSize(1);
        StressTransition judged = transitions.get(0);
        assertThat(judged.to()).isEqualTo(StressState.CALM);
        assertThat(judged.atMillis() - reconnect).isBetween(10_000L, 12_000L);
        assertThat(judged.reason()).startsWith("judged after warm-up");
    }

    @Test
    void ectopicBeatsAreRejectedWithoutRaisingTheState() {
        SyntheticHeart heart = new SyntheticHeart(7, START, 25);
        List<SyntheticHeart.Beat> beats = SyntheticHeart.withEctopicBeats(heart.steady(1200, 70), 15, 0.65);
        feed(beats);

        assertThat(transitions).extracting(StressTransition::to).containsExactly(StressState.CALM);
        long ectopics = beats.size() / 15;
        assertThat(detector.rejectedBeats()).as("premature beats and their compensatory pauses")
                .isBetween(ectopics, 2 * ectopics + 5);
        assertThat(detector.baselineBpm()).isBetween(67.0, 73.0);
    }

    @Test
    void missedBeatsDoNotPullHeartRateDown() {
        SyntheticHeart heart = new SyntheticHeart(8, START, 25);
        feed(SyntheticHeart.withMissedBeats(heart.steady(1200, 70), 20));

        assertThat(transitions).extracting(StressTransition::to).containsExactly(StressState.CALM);
        assertThat(detector.rejectedBeats()).isGreaterThanOrEqualTo(40);
        assertThat(detector.heartRateBpm()).isBetween(65.0, 75.0);
        assertThat(detector.baselineBpm()).isBetween(67.0, 73.0);
    }

    @Test
    void spikeIsStillCaughtThroughArtefacts() {
        SyntheticHeart heart = new SyntheticHeart(9, START, 25);
        feed(SyntheticHeart.withEctopicBeats(heart.steady(600, 70), 40, 0.7));
        long riseStart = heart.nowMillis();
        feed(SyntheticHeart.withMissedBeats(heart.beats(45, s -> s < 10 ? 70 + 6 * s : 130), 25));

        StressTransition acute = firstInto(StressState.ACUTE);
        assertThat(acute).as("transitions %s", transitions).isNotNull();
        assertThat(acute.atMillis() - riseStart).isLessThanOrEqualTo(45_000);
    }

    @Test
    void highVariabilityPersonIsNotOverRejected() {
        SyntheticHeart heart = new SyntheticHeart(10, START, 120);
        List<SyntheticHeart.Beat> beats = heart.steady(1800, 55);
        long malikRejections = 0;
        for (int i = 1; i < beats.size(); i++) {
            if (Math.abs(beats.get(i).rrMillis() - beats.get(i - 1).rrMillis()) > 0.2 * beats.get(i - 1).rrMillis()) {
                malikRejections++;
            }
        }
        feed(beats);

        assertThat(malikRejections).as("the 20 %% rule would reject these beats").isGreaterThan(beats.size() / 20);
        assertThat(detector.rejectedBeats()).isLessThan(beats.size() / 100);
        assertThat(detector.state()).isEqualTo(StressState.CALM);
        assertThat(detector.rmssdMillis(heart.nowMillis())).isGreaterThan(100);
    }

    @Test
    void tooLittleValidDataReadsUnknown() {
        SyntheticHeart heart = new SyntheticHeart(11, START, 25);
        feed(heart.steady(120, 70));
        long t = heart.nowMillis();
        StressTransition last = null;
        for (int i = 1; i <= 10; i++) {
            StressTransition transition = detector.onHeartRate(t + i * 8_000L, 70);
            last = transition == null ? last : transition;
        }

        assertThat(last).isNotNull();
        assertThat(last.to()).isEqualTo(StressState.UNKNOWN);
        assertThat(last.reason()).startsWith("too little valid data");
    }

    @Test
    void impossibleValuesAreNotData() {
        assertThat(detector.onHeartRate(START, 250)).isNull();
        assertThat(detector.onBeat(START + 1000, 250)).isNull();
        assertThat(detector.onHeartRate(START + 2000, 20)).isNull();

        assertThat(detector.state()).isEqualTo(StressState.UNKNOWN);
        assertThat(detector.rejectedReadings()).isEqualTo(2);
        assertThat(detector.rejectedBeats()).isEqualTo(1);
        assertThat(detector.tick(START + 60_000)).isNull();
    }

    @Test
    void baselineStaysFrozenWhileAcute() {
        SyntheticHeart heart = new SyntheticHeart(12, START, 25);
        feed(heart.steady(1500, 70));
        double before = detector.baselineBpm();
        feed(heart.beats(1800, s -> s < 10 ? 70 + 6 * s : 130));

        assertThat(detector.state()).isEqualTo(StressState.ACUTE);
        assertThat(detector.baselineBpm()).as("at most the seconds before the rise was judged count")
                .isCloseTo(before, within(0.5));
    }

    @Test
    void baselineThawsAfterTwentyMinutesElevatedAndTheNewNormalCalms() {
        SyntheticHeart heart = new SyntheticHeart(13, START, 25);
        feed(heart.steady(1500, 58));
        double asleep = detector.baselineBpm();
        long wake = heart.nowMillis();
        feed(heart.beats(2400, s -> s < 60 ? 58 + s / 2 : 88));

        StressTransition elevated = firstInto(StressState.ELEVATED);
        assertThat(elevated).isNotNull();
        assertThat(elevated.atMillis() - wake).isLessThan(120_000);
        assertThat(transitions).extracting(StressTransition::to).doesNotContain(StressState.ACUTE);
        StressTransition calm = transitions.get(transitions.size() - 1);
        assertThat(calm.to()).isEqualTo(StressState.CALM);
        assertThat(calm.atMillis() - elevated.atMillis()).as("thaw after 20 min, then about 10 min to shift the median")
                .isBetween(20 * 60_000L, 35 * 60_000L);
        assertThat(detector.baselineBpm()).isGreaterThan(asleep + 15);
    }

    @Test
    void variabilityAloneNeverRaisesTheState() {
        SyntheticHeart calmHeart = new SyntheticHeart(14, START, 40);
        feed(calmHeart.steady(1200, 70));
        SyntheticHeart rigidHeart = new SyntheticHeart(15, calmHeart.nowMillis(), 1);
        List<SyntheticHeart.Beat> rigid = rigidHeart.steady(600, 72);
        feed(rigid);

        assertThat(detector.rmssdMillis(rigidHeart.nowMillis())).isLessThan(5);
        assertThat(transitions).extracting(StressTransition::to).containsExactly(StressState.CALM);
    }

    @Test
    void staleStreamOfReadingsAlsoGoesUnknownAndComesBackAfterWarmUp() {
        for (int s = 0; s < 120; s++) {
            record(detector.onHeartRate(START + s * 1000L, 70));
        }
        record(detector.tick(START + 119_000 + 31_000));
        for (int s = 0; s < 15; s++) {
            record(detector.onHeartRate(START + 200_000 + s * 1000L, 70));
        }

        assertThat(transitions).extracting(StressTransition::to)
                .containsExactly(StressState.CALM, StressState.UNKNOWN, StressState.CALM);
        assertThat(transitions.get(2).atMillis()).isEqualTo(START + 210_000);
    }

    @Test
    void thresholdProblemsNameTheConfigKey() {
        StressThresholds d = StressThresholds.defaults();
        assertThatThrownBy(() -> d.withDeltas(30, 20)).hasMessage("acute_delta_bpm must be greater than elevated_delta_bpm");
        assertThatThrownBy(() -> d.withRestingHeartRateBpm(10)).hasMessageStartingWith("resting_heart_rate_bpm ");
        assertThatThrownBy(() -> new StressThresholds(65, 20, 45, 0, 15, 30, 10, 30, 5, 20, 20, 5))
                .hasMessageStartingWith("elevated_sustain_seconds ");
        assertThatThrownBy(() -> new StressThresholds(65, 20, 45, 45, 301, 30, 10, 30, 5, 20, 20, 5))
                .hasMessageStartingWith("acute_sustain_seconds ");
        assertThatThrownBy(() -> new StressThresholds(65, 20, 45, 45, 15, 30, 10, 30, 5, 500, 20, 5))
                .hasMessageStartingWith("baseline_window_minutes ");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        StressThresholds d = StressThresholds.defaults();
        assertThat(d.acuteDeltaBpm()).isEqualTo(45);
        assertThat(d.acuteSustainSeconds()).isEqualTo(15);
        assertThat(d.elevatedDeltaBpm()).isEqualTo(20);
        assertThat(d.elevatedSustainSeconds()).isEqualTo(45);
        assertThat(d.staleAfterSeconds()).isEqualTo(30);
        assertThat(d.baselineWindowMinutes()).isEqualTo(20);
        assertThat(d.baselineThawMinutes()).isEqualTo(20);
    }
}
