package dev.limbic.firmware;

import dev.limbic.heartrate.DecodeOutcome;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementDecoder;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.SensorContact;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code contact_unreliable} plausibility rule, on real 0x2A37 frames of an optical sensor sent once a second. */
class HeartRatePlausibilityTest {
    private final HeartRateMeasurement measurement = new HeartRateMeasurement();
    private final HeartRatePlausibility rule = new HeartRatePlausibility();

    private boolean frame(int bpm, long atMillis, int... rr1024) {
        byte[] frame = HeartRateMeasurementEncoder.encode(bpm, SensorContact.DETECTED, HeartRateMeasurement.NO_ENERGY,
                rr1024);
        assertThat(HeartRateMeasurementDecoder.decode(frame, 0, frame.length, measurement)).isEqualTo(DecodeOutcome.OK);
        new Quirk.ContactUnreliable().correct(measurement, atMillis);
        return rule.plausible(measurement, atMillis);
    }

    @Test
    void aVaryingHeartRateCounts() {
        int[] bpms = {72, 74, 73, 77, 80, 78, 75};
        for (int i = 0; i < bpms.length; i++) {
            assertThat(frame(bpms[i], i * 1000L)).as("second %d", i).isTrue();
        }
    }

    @Test
    void aJumpOfMoreThanThirtyBpmBetweenConsecutiveSamplesIsDiscardedOnce() {
        assertThat(frame(70, 0)).isTrue();
        assertThat(frame(100, 1000)).as("exactly 30 bpm").isTrue();
        assertThat(frame(140, 2000)).as("41 bpm up in one second").isFalse();
        assertThat(frame(141, 3000)).as("the new level, compared with the last frame").isTrue();
        assertThat(frame(60, 4000)).as("81 bpm down").isFalse();
    }

    @Test
    void samplesFurtherApartThanTwoSecondsAreNotComparedForJumps() {
        assertThat(frame(70, 0)).isTrue();
        assertThat(frame(120, 2001)).isTrue();
    }

    @Test
    void aHeartRateExactlyConstantForSixtySecondsStopsCountingUntilItChanges() {
        for (int s = 0; s < 60; s++) {
            assertThat(frame(64, s * 1000L)).as("second %d", s).isTrue();
        }
        assertThat(frame(64, 60_000)).as("flat for 60 s: a sensor lying on the desk").isFalse();
        assertThat(frame(64, 75_000)).isFalse();
        assertThat(frame(65, 76_000)).isTrue();
    }

    @Test
    void framesWithRrAlwaysCountAndBreakAFlatRun() {
        for (int s = 0; s < 60; s++) {
            frame(64, s * 1000L);
        }
        assertThat(frame(64, 60_000, HeartRateMeasurementEncoder.rrMillisTo1024(937))).isTrue();
        assertThat(frame(64, 61_000)).as("the flat run restarted at the RR frame").isTrue();
        assertThat(frame(200, 62_000, HeartRateMeasurementEncoder.rrMillisTo1024(300))).as("beats were seen").isTrue();
    }

    @Test
    void heartRatesOutsideThirtyToTwoHundredTwentyAreDiscarded() {
        assertThat(frame(0, 0)).isFalse();
        assertThat(frame(29, 5000)).isFalse();
        assertThat(frame(30, 10_000)).isTrue();
        assertThat(frame(221, 20_000)).isFalse();
        assertThat(frame(220, 30_000)).isTrue();
    }

    @Test
    void resetForgetsTheLastSample() {
        assertThat(frame(70, 0)).isTrue();
        rule.reset();
        assertThat(frame(150, 1000)).as("first frame of a new link").isTrue();
    }
}
