package dev.limbic.stress;

/**
 * A responder's usual heart rate (and RMSSD), learned from their own recent data: the median of the means
 * of the last minutes of eligible data. The detector feeds it one smoothed value per second, and only
 * seconds it judges representative, so the baseline stays frozen while the responder is stressed or data
 * is missing. Until {@link #MIN_MINUTES} minutes have been learned it answers the configured resting rate.
 */
final class PersonalBaseline {
    /** Minutes of learned data before the learned baseline replaces the configured one. */
    static final int MIN_MINUTES = 5;
    private static final int SECONDS_PER_MINUTE = 60;

    private final double configuredBpm;
    private final SlidingWindowQuantiles minuteBpm;
    private final SlidingWindowQuantiles minuteRmssd;
    private double bpmSum;
    private double rmssdSum;
    private int seconds;
    private int rmssdSeconds;

    PersonalBaseline(double configuredBpm, int windowMinutes) {
        this.configuredBpm = configuredBpm;
        this.minuteBpm = new SlidingWindowQuantiles(windowMinutes);
        this.minuteRmssd = new SlidingWindowQuantiles(windowMinutes);
    }

    /** One eligible second: its smoothed heart rate and the RMSSD then ({@code NaN} when unavailable). */
    void addSecond(double bpm, double rmssdMillis) {
        bpmSum += bpm;
        seconds++;
        if (!Double.isNaN(rmssdMillis)) {
            rmssdSum += rmssdMillis;
            rmssdSeconds++;
        }
        if (seconds == SECONDS_PER_MINUTE) {
            minuteBpm.add((float) (bpmSum / seconds));
            if (rmssdSeconds >= SECONDS_PER_MINUTE / 2) {
                minuteRmssd.add((float) (rmssdSum / rmssdSeconds));
            }
            bpmSum = 0;
            rmssdSum = 0;
            seconds = 0;
            rmssdSeconds = 0;
        }
    }

    /** Whether enough of the responder's own data has been learned. */
    boolean learned() {
        return minuteBpm.size() >= MIN_MINUTES;
    }

    /** The baseline heart rate in use now. */
    double bpm() {
        return learned() ? minuteBpm.median() : configuredBpm;
    }

    /** The responder's usual RMSSD, or {@code NaN} until enough minutes with RMSSD have been learned. */
    double rmssdMillis() {
        return minuteRmssd.size() >= MIN_MINUTES ? minuteRmssd.median() : Double.NaN;
    }
}
