package dev.limbic.stress;

/**
 * Rejects RR intervals that are artefacts (ectopic, missed or extra beats) with adaptive thresholds, in
 * the spirit of Lipponen &amp; Tarvainen (2019), adapted to run causally beat by beat.
 *
 * <p>Two thresholds adapt to the person: {@code Th1} is {@value #ALPHA} times the quartile deviation of the
 * absolute successive differences over the last {@value #STATISTICS_BEATS} beats, {@code Th2} the same of the
 * absolute deviations from the running median of the last {@value #MEDIAN_BEATS} beats (short beats counted
 * double, as in the paper, because premature beats are the common artefact). A beat is rejected when it
 * jumps away from the last accepted beat by more than {@code Th1} <em>and</em> lies further than {@code Th2}
 * from the running median. Requiring both keeps genuine fast changes of heart rate (a smooth ramp has small
 * successive differences) and people with high variability (their thresholds widen with them), which the
 * fixed 20 % Malik rule over-rejects. Until enough beats have been seen, both thresholds are 20 % of the
 * median interval.
 */
final class RrArtefactFilter {
    /** Threshold multiplier of the quartile deviation (Lipponen &amp; Tarvainen's alpha). */
    static final double ALPHA = 5.2;
    /** Beats over which the threshold statistics are taken. */
    static final int STATISTICS_BEATS = 91;
    /** Beats of the running median. */
    static final int MEDIAN_BEATS = 11;
    /** Fewest beats of statistics before the adaptive thresholds replace the fixed start-up ones. */
    private static final int MIN_STATISTICS_BEATS = 20;
    private static final double START_UP_FRACTION = 0.20;
    /** Thresholds never fall below this fraction of the median interval (metronome-regular data). */
    private static final double FLOOR_FRACTION = 0.04;

    private final SlidingWindowQuantiles recentIntervals = new SlidingWindowQuantiles(MEDIAN_BEATS);
    private final SlidingWindowQuantiles successiveDifferences = new SlidingWindowQuantiles(STATISTICS_BEATS);
    private final SlidingWindowQuantiles medianDeviations = new SlidingWindowQuantiles(STATISTICS_BEATS);
    private double previousInterval = Double.NaN;
    private double lastAcceptedInterval = Double.NaN;

    /** Judges one RR interval already known to be in the plausible range; returns whether it is clean. */
    boolean accept(double rrMillis) {
        double median = recentIntervals.median();
        boolean clean = true;
        if (!Double.isNaN(median)) {
            double deviation = weightedDeviation(rrMillis, median);
            double jump = Double.isNaN(lastAcceptedInterval) ? 0 : Math.abs(rrMillis - lastAcceptedInterval);
            clean = jump <= threshold(successiveDifferences, median)
                    || Math.abs(deviation) <= threshold(medianDeviations, median);
            medianDeviations.add((float) Math.abs(deviation));
        }
        if (!Double.isNaN(previousInterval)) {
            successiveDifferences.add((float) Math.abs(rrMillis - previousInterval));
        }
        recentIntervals.add((float) rrMillis);
        previousInterval = rrMillis;
        if (clean) {
            lastAcceptedInterval = rrMillis;
        }
        return clean;
    }

    /** Forgets the beat sequence (after a gap the next beat has no predecessor); keeps the statistics. */
    void breakSequence() {
        previousInterval = Double.NaN;
        lastAcceptedInterval = Double.NaN;
        recentIntervals.clear();
    }

    private static double weightedDeviation(double rrMillis, double median) {
        double deviation = rrMillis - median;
        return deviation < 0 ? 2 * deviation : deviation;
    }

    private static double threshold(SlidingWindowQuantiles statistics, double median) {
        if (statistics.size() < MIN_STATISTICS_BEATS) {
            return START_UP_FRACTION * median;
        }
        return Math.max(ALPHA * statistics.quartileDeviation(), FLOOR_FRACTION * median);
    }
}
