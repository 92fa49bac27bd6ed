package dev.limbic.bench;

import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementEncoder;
import dev.limbic.heartrate.RelayFrame;
import dev.limbic.heartrate.SensorContact;

import java.util.SplittableRandom;

/**
 * A simulated chest strap for load generation and benchmarks: a resting heart rate of its own that drifts
 * slowly, beat-to-beat variability, and one RR interval per notification, as most straps send at rest.
 * Deterministic for a given seed; not thread-safe (one strap per stream).
 */
public final class SimulatedStrap {
    /** Longest frame {@link #writeRelayFrame} writes: header, flags, uint8 heart rate, one RR interval. */
    public static final int MAX_FRAME_LENGTH = RelayFrame.HEADER_LENGTH + 4;

    private final SplittableRandom random;
    private final double restingBpm;
    private final double driftPeriodBeats;
    private final int[] rr1024 = new int[1];
    private long beats;
    private long lastSentAtMillis = Long.MIN_VALUE;

    public SimulatedStrap(long seed) {
        this.random = new SplittableRandom(seed);
        this.restingBpm = 58 + random.nextDouble() * 25;
        this.driftPeriodBeats = 200 + random.nextDouble() * 400;
    }

    /**
     * Advances one beat and writes its Heart Rate Measurement value into {@code out} at {@code offset}.
     *
     * @return the length of the value
     */
    public int writeValue(byte[] out, int offset) {
        double bpm = restingBpm + 6 * Math.sin(2 * Math.PI * beats++ / driftPeriodBeats);
        double rrMillis = 60_000 / bpm * (1 + 0.04 * random.nextGaussian());
        rr1024[0] = HeartRateMeasurementEncoder.rrMillisTo1024(rrMillis);
        return HeartRateMeasurementEncoder.encode((int) Math.round(60_000 / rrMillis), SensorContact.DETECTED,
                HeartRateMeasurement.NO_ENERGY, rr1024, out, offset);
    }

    /** The RR interval, in milliseconds, of the beat last written. */
    public double lastRrMillis() {
        return rr1024[0] * 1000.0 / 1024.0;
    }

    /**
     * Advances one beat and writes a whole relay frame sent at {@code nowMillis} into {@code out} at
     * {@code offset}. Send times strictly increase, as the gateway requires of one device: a frame sent in
     * the same millisecond as the previous one is stamped a millisecond later.
     *
     * @return the length of the frame, at most {@link #MAX_FRAME_LENGTH}
     */
    public int writeRelayFrame(long nowMillis, byte[] out, int offset) {
        long sentAtMillis = Math.max(nowMillis, lastSentAtMillis + 1);
        lastSentAtMillis = sentAtMillis;
        RelayFrame.writeHeader(out, offset, sentAtMillis);
        return RelayFrame.HEADER_LENGTH + writeValue(out, offset + RelayFrame.HEADER_LENGTH);
    }
}
