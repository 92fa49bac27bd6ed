package dev.limbic.demo;

import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.RelayFrame;
import dev.limbic.heartrate.SensorContact;

import java.util.Arrays;
import java.util.Random;

/**
 * A chest strap in software: beats at the rate of its {@link HeartProfile} with realistic beat-to-beat
 * variability (breathing-paced sinus arrhythmia plus noise, both shrinking as the rate rises, as they do in
 * people), and notifies a Heart Rate Measurement with the RR intervals of the beats since its last one,
 * wrapped in a {@link RelayFrame}.
 */
final class SimulatedStrap {
    private static final double BREATH_SECONDS = 4.5;
    private static final double ARRHYTHMIA = 0.04;
    private static final double NOISE = 0.015;

    private final HeartProfile profile;
    private final long startMillis;
    private final Random random;
    private final int[] beats = new int[48];
    private final byte[] value = new byte[64];
    private long nextBeatMillis;

    SimulatedStrap(HeartProfile profile, long startMillis, long seed) {
        this.profile = profile;
        this.startMillis = startMillis;
        this.random = new Random(seed);
        this.nextBeatMillis = startMillis;
    }

    /** The relay frame a strap would send at {@code nowMillis}: the beats that ended since the last frame. */
    byte[] frameAt(long nowMillis) {
        int count = 0;
        double rrSum = 0;
        while (nextBeatMillis <= nowMillis && count < beats.length) {
            double rr = nextRrMillis((nextBeatMillis - startMillis) / 1000.0);
            nextBeatMillis += Math.round(rr);
            beats[count++] = HeartRateMeasurementEncoder.rrMillisTo1024(rr);
            rrSum += rr;
        }
        if (count == beats.length) {
            nextBeatMillis = nowMillis;
        }
        double seconds = (nowMillis - startMillis) / 1000.0;
        int bpm = (int) Math.round(count > 0 ? 60_000 * count / rrSum : profile.targetBpm(seconds));
        int length = HeartRateMeasurementEncoder.encode(bpm, SensorContact.DETECTED, HeartRateMeasurement.NO_ENERGY,
                Arrays.copyOf(beats, count), value, 0);
        byte[] frame = new byte[RelayFrame.HEADER_LENGTH + length];
        RelayFrame.writeHeader(frame, 0, nowMillis);
        System.arraycopy(value, 0, frame, RelayFrame.HEADER_LENGTH, length);
        return frame;
    }

    private double nextRrMillis(double seconds) {
        double bpm = profile.targetBpm(seconds);
        double calmness = Math.min(1, 70 / bpm);
        double variation = ARRHYTHMIA * calmness * Math.sin(2 * Math.PI * seconds / BREATH_SECONDS)
                + NOISE * calmness * random.nextGaussian();
        return 60_000 / bpm * (1 + variation);
    }
}
