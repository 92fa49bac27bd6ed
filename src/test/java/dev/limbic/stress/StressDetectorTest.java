package dev.limbic.stress;

import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementDecoder;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.SensorContact;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
}
