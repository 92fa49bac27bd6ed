package dev.limbic.stress;

/**
 * The tunable numbers of the stress detector, with defaults that suit most adults. Immutable; validated
 * on construction so a detector never runs on nonsense. Problems name the config key (snake_case).
 *
 * @param restingHeartRateBpm    the baseline to assume until the responder's own data has taught one
 * @param elevatedDeltaBpm       heart rate this far over baseline, held {@code elevatedSustainSeconds},
 *                               reads as {@code ELEVATED}
 * @param acuteDeltaBpm          heart rate this far over baseline, held {@code acuteSustainSeconds}, reads
 *                               as {@code ACUTE}
 * @param elevatedSustainSeconds how long heart rate must stay over the elevated level before the state rises
 * @param acuteSustainSeconds    how long heart rate must stay over the acute level before the state rises;
 *                               shorter than the elevated one because a large jump is rarely noise
 * @param staleAfterSeconds      a stream without valid data this long reads as {@code UNKNOWN}
 * @param warmUpSeconds          after a (re)connect, how long to collect data before judging
 * @param recoverSeconds         how long heart rate must stay under a level (less the hysteresis) before
 *                               the state steps down
 * @param hysteresisBpm          how far under a level heart rate must fall to count as having left it
 * @param baselineWindowMinutes  how many calm minutes the baseline remembers (it is their median)
 * @param baselineThawMinutes    after this long continuously in {@code ELEVATED} the elevation is taken as
 *                               the new normal (awake after sleep, on their feet) and the baseline learns again
 * @param smoothingSeconds       time constant of the exponential smoothing of heart rate
 */
public record StressThresholds(double restingHeartRateBpm, double elevatedDeltaBpm, double acuteDeltaBpm,
                               double elevatedSustainSeconds, double acuteSustainSeconds,
                               double staleAfterSeconds, double warmUpSeconds, double recoverSeconds,
                               double hysteresisBpm, int baselineWindowMinutes, double baselineThawMinutes,
                               double smoothingSeconds) {

    /** Default of {@link #restingHeartRateBpm()}. */
    public static final double DEFAULT_RESTING_HEART_RATE_BPM = 65;
    /** Default of {@link #elevatedDeltaBpm()}. */
    public static final double DEFAULT_ELEVATED_DELTA_BPM = 20;
    /** Default of {@link #acuteDeltaBpm()}. */
    public static final double DEFAULT_ACUTE_DELTA_BPM = 45;
    /** Default of {@link #elevatedSustainSeconds()}. */
    public static final double DEFAULT_ELEVATED_SUSTAIN_SECONDS = 45;
    /** Default of {@link #acuteSustainSeconds()}. */
    public static final double DEFAULT_ACUTE_SUSTAIN_SECONDS = 15;
    /** Default of {@link #staleAfterSeconds()}. */
    public static final double DEFAULT_STALE_AFTER_SECONDS = 30;
    /** Default of {@link #warmUpSeconds()}. */
    public static final double DEFAULT_WARM_UP_SECONDS = 10;
    /** Default of {@link #recoverSeconds()}. */
    public static final double DEFAULT_RECOVER_SECONDS = 30;
    /** Default of {@link #hysteresisBpm()}. */
    public static final double DEFAULT_HYSTERESIS_BPM = 5;
    /** Default of {@link #baselineWindowMinutes()}. */
    public static final int DEFAULT_BASELINE_WINDOW_MINUTES = 20;
    /** Default of {@link #baselineThawMinutes()}. */
    public static final double DEFAULT_BASELINE_THAW_MINUTES = 20;
    /** Default of {@link #smoothingSeconds()}. */
    public static final double DEFAULT_SMOOTHING_SECONDS = 5;
    /** Largest {@link #baselineWindowMinutes()}: keeps a detector's memory small. */
    public static final int MAX_BASELINE_WINDOW_MINUTES = 120;

    public StressThresholds {
        require(restingHeartRateBpm >= 30 && restingHeartRateBpm <= 120, "resting_heart_rate_bpm", "must be between 30 and 120");
        require(elevatedDeltaBpm > 0, "elevated_delta_bpm", "must be positive");
        require(acuteDeltaBpm > elevatedDeltaBpm, "acute_delta_bpm", "must be greater than elevated_delta_bpm");
        require(elevatedSustainSeconds > 0 && elevatedSustainSeconds <= 300, "elevated_sustain_seconds",
                "must be more than 0 and at most 300");
        require(acuteSustainSeconds > 0 && acuteSustainSeconds <= 300, "acute_sustain_seconds",
                "must be more than 0 and at most 300");
        require(staleAfterSeconds > 0, "stale_after_seconds", "must be positive");
        require(warmUpSeconds >= 0, "warm_up_seconds", "must not be negative");
        require(recoverSeconds > 0 && recoverSeconds <= 600, "recover_seconds", "must be more than 0 and at most 600");
        require(hysteresisBpm >= 0 && hysteresisBpm < elevatedDeltaBpm, "hysteresis_bpm",
                "must be at least 0 and less than elevated_delta_bpm");
        require(baselineWindowMinutes >= PersonalBaseline.MIN_MINUTES && baselineWindowMinutes <= MAX_BASELINE_WINDOW_MINUTES,
                "baseline_window_minutes", "must be between " + PersonalBaseline.MIN_MINUTES + " and " + MAX_BASELINE_WINDOW_MINUTES);
        require(baselineThawMinutes > 0, "baseline_thaw_minutes", "must be positive");
        require(smoothingSeconds > 0 && smoothingSeconds <= 60, "smoothing_seconds", "must be more than 0 and at most 60");
    }

    /**
     * The defaults: resting 65 bpm until learned; {@code ELEVATED} at +20 bpm held 45 s; {@code ACUTE} at
     * +45 bpm held 15 s; stale after 30 s; 10 s warm-up; 30 s to step down, 5 bpm hysteresis; baseline = median
     * of the last 20 calm minutes, thawing after 20 min of {@code ELEVATED}; 5 s smoothing.
     */
    public static StressThresholds defaults() {
        return new StressThresholds(DEFAULT_RESTING_HEART_RATE_BPM, DEFAULT_ELEVATED_DELTA_BPM, DEFAULT_ACUTE_DELTA_BPM,
                DEFAULT_ELEVATED_SUSTAIN_SECONDS, DEFAULT_ACUTE_SUSTAIN_SECONDS, DEFAULT_STALE_AFTER_SECONDS,
                DEFAULT_WARM_UP_SECONDS, DEFAULT_RECOVER_SECONDS, DEFAULT_HYSTERESIS_BPM,
                DEFAULT_BASELINE_WINDOW_MINUTES, DEFAULT_BASELINE_THAW_MINUTES, DEFAULT_SMOOTHING_SECONDS);
    }

    /** These thresholds with another configured resting heart rate. */
    public StressThresholds withRestingHeartRateBpm(double bpm) {
        return new StressThresholds(bpm, elevatedDeltaBpm, acuteDeltaBpm, elevatedSustainSeconds, acuteSustainSeconds,
                staleAfterSeconds, warmUpSeconds, recoverSeconds, hysteresisBpm, baselineWindowMinutes,
                baselineThawMinutes, smoothingSeconds);
    }

    /** These thresholds with other levels for {@code ELEVATED} and {@code ACUTE} (bpm over baseline). */
    public StressThresholds withDeltas(double elevatedDelta, double acuteDelta) {
        return new StressThresholds(restingHeartRateBpm, elevatedDelta, acuteDelta, elevatedSustainSeconds,
                acuteSustainSeconds, staleAfterSeconds, warmUpSeconds, recoverSeconds, hysteresisBpm,
                baselineWindowMinutes, baselineThawMinutes, smoothingSeconds);
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(key + " " + problem);
        }
    }
}
