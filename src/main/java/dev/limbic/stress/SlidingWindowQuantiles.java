package dev.limbic.stress;

/**
 * The last {@code capacity} values of a series, kept both in arrival order and sorted, so that medians
 * and quartiles of a sliding window cost one array shift per value and no allocation.
 */
final class SlidingWindowQuantiles {
    private final float[] arrival;
    private final float[] sorted;
    private int oldest;
    private int size;

    SlidingWindowQuantiles(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        arrival = new float[capacity];
        sorted = new float[capacity];
    }

    /** Adds a value, dropping the oldest one when the window is full. */
    void add(float value) {
        int capacity = arrival.length;
        if (size == capacity) {
            removeSorted(arrival[oldest]);
            arrival[oldest] = value;
            oldest = (oldest + 1) % capacity;
        } else {
            arrival[(oldest + size) % capacity] = value;
            size++;
        }
        insertSorted(value);
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
        oldest = 0;
    }

    /** The {@code p}-quantile (0 to 1) by linear interpolation, or {@code NaN} when empty. */
    double quantile(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        double position = p * (size - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, size - 1);
        double fraction = position - below;
        return sorted[below] + (sorted[above] - sorted[below]) * fraction;
    }

    double median() {
        return quantile(0.5);
    }

    /** Half the distance between the first and third quartile. */
    double quartileDeviation() {
        return (quantile(0.75) - quantile(0.25)) / 2;
    }

    private void insertSorted(float value) {
        int index = size - 1;
        while (index > 0 && sorted[index - 1] > value) {
            sorted[index] = sorted[index - 1];
            index--;
        }
        sorted[index] = value;
    }

    /** Removes one copy of {@code value}; called before {@link #insertSorted} while size is unchanged. */
    private void removeSorted(float value) {
        int index = binarySearch(value);
        System.arraycopy(sorted, index + 1, sorted, index, size - index - 1);
        sorted[size - 1] = Float.NaN;
    }

    private int binarySearch(float value) {
        int low = 0;
        int high = size - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
