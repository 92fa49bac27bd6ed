package dev.limbic.stress;

import java.util.Arrays;

/**
 * The smoothed heart rate of one responder, one value per second for the last
 * {@value #CAPACITY_SECONDS} seconds, in a primitive ring. A second without valid data holds no value.
 * Later features compare the heart rate after an event with the minutes before it: the capacity covers
 * two minutes before a page and three after, judged up to 20 s late. Recording a value and counting the
 * seconds with data in a range both cost O(1): a running count per second is kept beside the values.
 * Read it under the same lock as its detector (see {@link StressMonitor}).
 */
public final class HeartRateHistory {
    /** How many seconds the history keeps. */
    public static final int CAPACITY_SECONDS = 320;
    private static final long EMPTY = Long.MIN_VALUE;

    private final float[] bpmBySecond = new float[CAPACITY_SECONDS];
    /** Per second: how many seconds with data there have been up to and including it (a running count). */
    private final int[] dataSecondsThrough = new int[CAPACITY_SECONDS];
    private long newestSecond = EMPTY;
    private int dataSeconds;

    HeartRateHistory() {
        Arrays.fill(bpmBySecond, Float.NaN);
    }

    /**
     * Records the smoothed heart rate at {@code atMillis}; seconds back to {@code coveredFromMillis} that
     * have no value yet get it too (a slow beat spans more than one second).
     */
    void record(long atMillis, long coveredFromMillis, double bpm) {
        long second = Math.floorDiv(atMillis, 1000);
        advanceTo(second);
        long firstSecond = Math.max(Math.floorDiv(coveredFromMillis, 1000), newestSecond - CAPACITY_SECONDS + 1);
        for (long s = firstSecond; s < second; s++) {
            fill(s, bpm, false);
        }
        fill(second, bpm, true);
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

    /** How many seconds from {@code fromMillis} (inclusive) to {@code toMillis} (exclusive) have data. O(1). */
    public int secondsWithData(long fromMillis, long toMillis) {
        if (newestSecond == EMPTY) {
            return 0;
        }
        long first = Math.max(Math.floorDiv(fromMillis, 1000), newestSecond - CAPACITY_SECONDS + 1);
        long last = Math.min(Math.floorDiv(toMillis - 1, 1000), newestSecond);
        if (first > last) {
            return 0;
        }
        int firstSlot = slot(first);
        return dataSecondsThrough[slot(last)] - dataSecondsThrough[firstSlot]
                + (Float.isNaN(bpmBySecond[firstSlot]) ? 0 : 1);
    }

    /** The start (epoch millis) of the oldest second still held, or {@link Long#MIN_VALUE} when empty. */
    public long oldestMillis() {
        return newestSecond == EMPTY ? EMPTY : (newestSecond - CAPACITY_SECONDS + 1) * 1000;
    }

    /** The start (epoch millis) of the newest second held, or {@link Long#MIN_VALUE} when empty. */
    public long newestMillis() {
        return newestSecond == EMPTY ? EMPTY : newestSecond * 1000;
    }

    private void fill(long second, double bpm, boolean overwrite) {
        int slot = slot(second);
        if (Float.isNaN(bpmBySecond[slot])) {
            dataSeconds++;
            for (long s = second; s <= newestSecond; s++) {
                dataSecondsThrough[slot(s)]++;
            }
        } else if (!overwrite) {
            return;
        }
        bpmBySecond[slot] = (float) bpm;
    }

    private void advanceTo(long second) {
        if (newestSecond == EMPTY || second - newestSecond >= CAPACITY_SECONDS) {
            Arrays.fill(bpmBySecond, Float.NaN);
            Arrays.fill(dataSecondsThrough, dataSeconds);
            newestSecond = second;
            return;
        }
        for (long s = newestSecond + 1; s <= second; s++) {
            int slot = slot(s);
            bpmBySecond[slot] = Float.NaN;
            dataSecondsThrough[slot] = dataSeconds;
        }
        newestSecond = Math.max(newestSecond, second);
    }

    private boolean holds(long second) {
        return newestSecond != EMPTY && second <= newestSecond && second > newestSecond - CAPACITY_SECONDS;
    }

    private static int slot(long second) {
        return (int) Math.floorMod(second, (long) CAPACITY_SECONDS);
    }
}
