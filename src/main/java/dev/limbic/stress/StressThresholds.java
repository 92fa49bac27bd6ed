package dev.limbic.stress;

/**
 * The tunable numbers of the stress detector, with defaults that suit most adults. Immutable; validated
 * on construction so a detector never runs on nonsense.
 *
 * @param restingHeartRateBpm the baseline to assume until the responder's own data has taught one
 * @param elevatedDeltaBpm    heart rate this far over baseline, held, reads as {@code ELEVATED}
 * @param acuteDeltaBpm       heart rate this far over baseline, held, reads as {@code ACUTE}
 * @param sustainSeconds      how long an elevation must hold before the state rises
 * @param staleAfterSeconds   a stream silent this long reads as {@code UNKNOWN}
 * @param warmUpSeconds       after a (re)connect, how long to collect data before judging
 */
public record StressThresholds(double restingHeartRateBpm, double elevatedDeltaBpm, double acuteDeltaBpm,
                               double sustainSeconds, double staleAfterSeconds, double warmUpSeconds) {

    public StressThresholds {
        require(restingHeartRateBpm >= 30 && restingHeartRateBpm <= 120, "resting_heart_rate_bpm", "must be between 30 and 120");
        require(elevatedDeltaBpm > 0, "elevated_delta_bpm", "must be positive");
        require(acuteDeltaBpm > elevatedDeltaBpm, "acute_delta_bpm", "must be greater than elevated_delta_bpm");
        require(sustainSeconds > 0 && sustainSeconds <= 300, "sustain_seconds", "must be between 0 and 300");
        require(staleAfterSeconds > 0, "stale_after_seconds", "must be positive");
        require(warmUpSeconds >= 0, "warm_up_seconds", "must not be negative");
    }

    /** The defaults: resting 65 bpm, elevated at +20, acute at +40, held 20 s, stale after 30 s, 10 s warm-up. */
    public static StressThresholds defaults() {
        return new StressThresholds(65, 20, 40, 20, 30, 10);
    }

    public StressThresholds withRestingHeartRateBpm(double bpm) {
        return new StressThresholds(bpm, elevatedDeltaBpm, acuteDeltaBpm, sustainSeconds, staleAfterSeconds, warmUpSeconds);
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(key + " " + problem);
        }
    }
}
