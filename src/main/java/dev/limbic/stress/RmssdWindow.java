package dev.limbic.stress;

/**
 * Short-window RMSSD: the root mean square of successive differences between clean, adjacent RR
 * intervals that ended within the last {@code windowMillis}. Primitive ring, no allocation.
 */
final class RmssdWindow {
    /** Enough for a 30-second window at 220 bpm with room to spare. */
    static final int CAPACITY = 160;

    private final long[] endMillis = new long[CAPACITY];
    private final float[] squaredDifferences = new float[CAPACITY];
    private final long windowMillis;
    private final int minPairs;
    private int oldest;
    private int size;
    private double sum;

    RmssdWindow(long windowMillis, int minPairs) {
        this.windowMillis = windowMillis;
        this.minPairs = minPairs;
    }

    /** Adds the difference between two adjacent clean intervals, the later ending at {@code atMillis}. */
    void add(long atMillis, double differenceMillis) {
        evictBefore(atMillis - windowMillis);
        if (size == CAPACITY) {
            sum -= squaredDifferences[oldest];
            oldest = (oldest + 1) % CAPACITY;
            size--;
        }
        int slot = (oldest + size) % CAPACITY;
        float squared = (float) (differenceMillis * differenceMillis);
        endMillis[slot] = atMillis;
        squaredDifferences[slot] = squared;
        sum += squared;
        size++;
    }

    /** RMSSD in milliseconds over the window ending at {@code nowMillis}, or {@code NaN} with too few pairs. */
    double rmssdMillis(long nowMillis) {
        evictBefore(nowMillis - windowMillis);
        if (size < minPairs) {
            return Double.NaN;
        }
        return Math.sqrt(Math.max(0, sum) / size);
    }

    void clear() {
        size = 0;
        oldest = 0;
        sum = 0;
    }

    private void evictBefore(long cutoffMillis) {
        while (size > 0 && endMillis[oldest] < cutoffMillis) {
            sum -= squaredDifferences[oldest];
            oldest = (oldest + 1) % CAPACITY;
            size--;
        }
        if (size == 0) {
            sum = 0;
        }
    }
}
