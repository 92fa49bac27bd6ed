package dev.limbic.stress;

/**
 * The tunable numbers of the stress detector, with defaults that suit most adults. Immutable; validated
 * on construction so a detector never runs on nonsense. Problems name the config key (snake_case).
 *
 * @param restingHeartRateBpm   the baseline to assume until the responder's own data has taught one
 * @param elevatedDeltaBpm      heart rate this far over baseline, held, reads as {@code ELEVATED}
 * @param acuteDeltaBpm         heart rate this far over baseline, held, reads as {@code ACUTE}
 * @param sustainSeconds        how long an elevation must hold before the state rises
 * @param staleAfterSeconds     a stream without valid data this long reads as {@code UNKNOWN}
 * @param warmUpSeconds         after a (re)connect, how long to collect data before judging
 * @param recoverSeconds        how long heart rate must stay under a level (less the hysteresis) before
 *                              the state steps down
 * @param hysteresisBpm         how far under a level heart rate must fall to count as having left it
 * @param baselineWindowMinutes how many minutes of the responder's own calm data the baseline remembers
 * @param baselineThawMinutes   after this long in {@code ELEVATED} the elevation is taken as the new normal
 *                              (awake after sleep, on their feet) and the baseline learns again
 * @param smoothingSeconds      time constant of the exponential smoothing of heart rate
 */
public record StressThresholds(double restingHeartRateBpm, double elevatedDeltaBpm, double acuteDeltaBpm,
                               double sustainSeconds, double staleAfterSeconds, double warmUpSeconds,
                               double recoverSeconds, double hysteresisBpm, int baselineWindowMinutes,
                               double baselineThawMinutes, double smoothingSeconds) {

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
        require(sustainSeconds > 0 && sustainSeconds <= 300, "sustain_seconds", "must be between 0 and 300");
        require(staleAfterSeconds > 0, "stale_after_seconds", "must be positive");
        require(warmUpSeconds >= 0, "warm_up_seconds", "must not be negative");
        require(recoverSeconds > 0 && recoverSeconds <= 600, "recover_seconds", "must be between 0 and 600");
        require(hysteresisBpm >= 0 && hysteresisBpm < elevatedDeltaBpm, "hysteresis_bpm",
                "must be at least 0 and less than elevated_delta_bpm");
        require(baselineWindowMinutes >= PersonalBaseline.MIN_MINUTES && baselineWindowMinutes <= MAX_BASELINE_WINDOW_MINUTES,
                "baseline_window_minutes", "must be between " + PersonalBaseline.MIN_MINUTES + " and " + MAX_BASELINE_WINDOW_MINUTES);
        require(baselineThawMinutes > 0, "baseline_thaw_minutes", "must be positive");
        require(smoothingSeconds > 0 && smoothingSeconds <= 60, "smoothing_seconds", "must be between 0 and 60");
    }

    /** Thresholds with the given core numbers and defaults for the rest. */
    public StressThresholds(double restingHeartRateBpm, double elevatedDeltaBpm, double acuteDeltaBpm,
                            double sustainSeconds, double staleAfterSeconds, double warmUpSeconds) {
        this(restingHeartRateBpm, elevatedDeltaBpm, acuteDeltaBpm, sustainSeconds, staleAfterSeconds, warmUpSeconds,
                DEFAULT_RECOVER_SECONDS, DEFAULT_HYSTERESIS_BPM, DEFAULT_BASELINE_WINDOW_MINUTES,
                DEFAULT_BASELINE_THAW_MINUTES, DEFAULT_SMOOTHING_SECONDS);
    }

    /** The defaults: resting 65 bpm, elevated at +20, acute at +40, held 20 s, stale after 30 s, 10 s warm-up. */
    public static StressThresholds defaults() {
        return new StressThresholds(65, 20, 40, 20, 30, 10);
    }

    public StressThresholds withRestingHeartRateBpm(double bpm) {
        return new StressThresholds(bpm, elevatedDeltaBpm, acuteDeltaBpm, sustainSeconds, staleAfterSeconds,
                warmUpSeconds, recoverSeconds, hysteresisBpm, baselineWindowMinutes, baselineThawMinutes, smoothingSeconds);
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(key + " " + problem);
        }
    }
}
