package dev.limbic.stress;

/**
 * The smoothed heart rate of one responder, one value per second for the last
 * {@value #CAPACITY_SECONDS} seconds, in a primitive ring. A second without valid data holds no value.
 * Later features compare the heart rate after an event (a page) with the minutes before it. Read it
 * under the same lock as its detector (see {@link StressMonitor}).
 */
public final class HeartRateHistory {
    /** How many seconds the history keeps. */
    public static final int CAPACITY_SECONDS = 300;

    private final float[] bpmBySecond = new float[CAPACITY_SECONDS];
    private long newestSecond = Long.MIN_VALUE;

    HeartRateHistory() {
        java.util.Arrays.fill(bpmBySecond, Float.NaN);
    }

    /**
     * Records the smoothed heart rate at {@code atMillis}; seconds back to {@code coveredFromMillis} that
     * have no value yet get it too (a slow beat spans more than one second).
     */
    void record(long atMillis, long coveredFromMillis, double bpm) {
        long second = Math.floorDiv(atMillis, 1000);
        advanceTo(second);
        long firstSecond = Math.max(Math.floorDiv(coveredFromMillis, 1000), second - CAPACITY_SECONDS + 1);
        for (long s = firstSecond; s < second; s++) {
            int slot = slot(s);
            if (Float.isNaN(bpmBySecond[slot])) {
                bpmBySecond[slot] = (float) bpm;
            }
        }
        bpmBySecond[slot(second)] = (float) bpm;
    }

    /** The smoothed heart rate during the second that contains {@code atMillis}, or {@code NaN} when unknown. */
    public double bpmAt(long atMillis) {
        long second = Math.floorDiv(atMillis, 1000);
        if (!holds(second)) {
            return Double.NaN;
        }
        return bpmBySecond[slot(second)];
    }

    /**
     * The mean smoothed heart rate over the seconds from {@code fromMillis} (inclusive) to {@code toMillis}
     * (exclusive) that have data, or {@code NaN} when none has.
     */
    public double meanBpm(long fromMillis, long toMillis) {
        double sum = 0;
        int count = 0;
        long last = Math.floorDiv(toMillis - 1, 1000);
        for (long s = Math.floorDiv(fromMillis, 1000); s <= last; s++) {
            if (holds(s)) {
                float bpm = bpmBySecond[slot(s)];
                if (!Float.isNaN(bpm)) {
                    sum += bpm;
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** How many seconds from {@code fromMillis} (inclusive) to {@code toMillis} (exclusive) have data. */
    public int secondsWithData(long fromMillis, long toMillis) {
        int count = 0;
        long last = Math.floorDiv(toMillis - 1, 1000);
        for (long s = Math.max(Math.floorDiv(fromMillis, 1000), newestSecond - CAPACITY_SECONDS + 1); s <= last; s++) {
            if (holds(s) && !Float.isNaN(bpmBySecond[slot(s)])) {
                count++;
            }
        }
        return count;
    }

    /** The start (epoch millis) of the oldest second still held, or {@link Long#MIN_VALUE} when empty. */
    public long oldestMillis() {
        return newestSecond == Long.MIN_VALUE ? Long.MIN_VALUE : (newestSecond - CAPACITY_SECONDS + 1) * 1000;
    }

    private void advanceTo(long second) {
        if (newestSecond == Long.MIN_VALUE || second - newestSecond >= CAPACITY_SECONDS) {
            java.util.Arrays.fill(bpmBySecond, Float.NaN);
            newestSecond = second;
            return;
        }
        for (long s = newestSecond + 1; s <= second; s++) {
            bpmBySecond[slot(s)] = Float.NaN;
        }
        newestSecond = Math.max(newestSecond, second);
    }

    private boolean holds(long second) {
        return newestSecond != Long.MIN_VALUE && second <= newestSecond && second > newestSecond - CAPACITY_SECONDS;
    }

    private static int slot(long second) {
        return (int) Math.floorMod(second, (long) CAPACITY_SECONDS);
    }
}
