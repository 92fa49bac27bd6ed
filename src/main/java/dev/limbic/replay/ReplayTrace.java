package dev.limbic.replay;

import dev.limbic.stress.StressState;

import java.util.Arrays;

/**
 * What the detector showed, once per second of the recording that had a row: smoothed heart rate,
 * baseline and state. Primitive arrays that grow as needed (a day is 86,400 entries, about 1.5 MB).
 */
public final class ReplayTrace {
    private static final StressState[] STATES = StressState.values();

    private double[] seconds = new double[1024];
    private float[] heartRateBpm = new float[1024];
    private float[] baselineBpm = new float[1024];
    private byte[] state = new byte[1024];
    private int size;

    void add(double timeSeconds, double hrBpm, double baseline, StressState stateNow) {
        if (size == seconds.length) {
            int capacity = size * 2;
            seconds = Arrays.copyOf(seconds, capacity);
            heartRateBpm = Arrays.copyOf(heartRateBpm, capacity);
            baselineBpm = Arrays.copyOf(baselineBpm, capacity);
            state = Arrays.copyOf(state, capacity);
        }
        seconds[size] = timeSeconds;
        heartRateBpm[size] = (float) hrBpm;
        baselineBpm[size] = (float) baseline;
        state[size] = (byte) stateNow.ordinal();
        size++;
    }

    public int size() {
        return size;
    }

    /** Time of entry {@code i} in seconds on the file's clock. */
    public double timeSeconds(int i) {
        return seconds[i];
    }

    /** Smoothed heart rate of entry {@code i}, {@code NaN} when there was none. */
    public double heartRateBpm(int i) {
        return heartRateBpm[i];
    }

    public double baselineBpm(int i) {
        return baselineBpm[i];
    }

    public StressState state(int i) {
        return STATES[state[i]];
    }
}
