package dev.limbic.heartrate;

import java.util.Arrays;

/**
 * One decoded Heart Rate Measurement value. Mutable and reusable on purpose: the hot path keeps one per
 * event-loop thread and lets {@link HeartRateMeasurementDecoder} overwrite it for every frame, so decoding
 * allocates nothing. Copy what you need to keep.
 */
public final class HeartRateMeasurement {
    /** Energy expended is absent from the value. */
    public static final int NO_ENERGY = -1;
    /** The most RR intervals one 512-byte value can carry. */
    public static final int MAX_RR_INTERVALS = (HeartRateMeasurementDecoder.MAX_VALUE_LENGTH - 1) / 2;

    private int heartRateBpm;
    private SensorContact contact = SensorContact.UNSUPPORTED;
    private int energyExpendedKj = NO_ENERGY;
    private final int[] rrIntervals1024 = new int[MAX_RR_INTERVALS];
    private int rrCount;

    /** Heart rate in beats per minute as the sensor reported it (0 means the sensor has no reading). */
    public int heartRateBpm() {
        return heartRateBpm;
    }

    public SensorContact contact() {
        return contact;
    }

    /** Whether the value carried the Energy Expended field. */
    public boolean hasEnergyExpended() {
        return energyExpendedKj != NO_ENERGY;
    }

    /** Energy expended in kilojoules, or {@link #NO_ENERGY}. */
    public int energyExpendedKj() {
        return energyExpendedKj;
    }

    /** How many RR intervals the value carried. */
    public int rrCount() {
        return rrCount;
    }

    /** RR interval {@code index} (oldest first) in the wire unit of 1/1024 s. */
    public int rrInterval1024(int index) {
        if (index < 0 || index >= rrCount) {
            throw new IndexOutOfBoundsException("RR interval " + index + " of " + rrCount);
        }
        return rrIntervals1024[index];
    }

    /** RR interval {@code index} (oldest first) in milliseconds. */
    public double rrIntervalMillis(int index) {
        return rrInterval1024(index) * 1000.0 / 1024.0;
    }

    /** The RR intervals in milliseconds, oldest first: a fresh array, for callers off the hot path. */
    public double[] rrIntervalsMillis() {
        double[] millis = new double[rrCount];
        for (int i = 0; i < rrCount; i++) {
            millis[i] = rrIntervalMillis(i);
        }
        return millis;
    }

    /**
     * Removes the RR intervals shorter than {@code millis}, keeping the others in order (a firmware quirk:
     * some straps append a bogus short value). Allocates nothing.
     */
    public void removeRrIntervalsShorterThan(int millis) {
        int kept = 0;
        for (int i = 0; i < rrCount; i++) {
            int rr = rrIntervals1024[i];
            if ((long) rr * 1000L >= (long) millis * 1024L) {
                rrIntervals1024[kept++] = rr;
            }
        }
        rrCount = kept;
    }

    /** Removes every RR interval of this frame (its heart rate and other values stay). */
    public void removeRrIntervals() {
        rrCount = 0;
    }

    /** Marks sensor contact as not supported, for sensors whose contact bits cannot be trusted. */
    public void treatContactAsUnsupported() {
        contact = SensorContact.UNSUPPORTED;
    }

    /** Marks the energy-expended field as absent (for example when it is stuck at a fixed value). */
    public void removeEnergyExpended() {
        energyExpendedKj = NO_ENERGY;
    }

    void reset() {
        heartRateBpm = 0;
        contact = SensorContact.UNSUPPORTED;
        energyExpendedKj = NO_ENERGY;
        rrCount = 0;
    }

    void set(int heartRateBpm, SensorContact contact, int energyExpendedKj) {
        this.heartRateBpm = heartRateBpm;
        this.contact = contact;
        this.energyExpendedKj = energyExpendedKj;
    }

    void addRrInterval(int rr1024) {
        rrIntervals1024[rrCount++] = rr1024;
    }

    @Override
    public String toString() {
        return "HeartRateMeasurement[hr=" + heartRateBpm + ", contact=" + contact + ", energyKj="
                + (hasEnergyExpended() ? energyExpendedKj : "none") + ", rr1024="
                + Arrays.toString(Arrays.copyOf(rrIntervals1024, rrCount)) + "]";
    }
}
