package dev.limbic.care;

import dev.limbic.stress.HeartRateHistory;

/**
 * The tunable numbers of {@link PageReactionAnalyzer}. Validated on construction; problems name the config
 * key (snake_case). The two windows together must fit in a {@link HeartRateHistory}, because the analysis
 * runs on it once the window after the page has passed.
 *
 * @param riseBpm           heart rate this far over the median before the page, held, is a reaction
 * @param holdSeconds       how long the rise must hold
 * @param afterSeconds      how long after the page a reaction may start and hold
 * @param beforeSeconds     the minutes before the page that set the level to compare with
 * @param alreadyHighBpm    a level before the page this far over the personal baseline is already high
 * @param risingBpm         the last 30 s before the page this far over the start of the window before it
 *                          means heart rate was already rising
 */
public record PageReactionThresholds(double riseBpm, double holdSeconds, double afterSeconds, double beforeSeconds,
                                     double alreadyHighBpm, double risingBpm) {
    /** The part at the end of the window before the page compared with its start to see a rise. */
    public static final double RECENT_SECONDS = 30;
    /** Slack the history keeps for judging a little after the window has passed. */
    static final double JUDGING_SLACK_SECONDS = 10;

    public PageReactionThresholds {
        require(riseBpm > 0, "rise_bpm", "must be positive");
        require(holdSeconds >= 1 && holdSeconds < afterSeconds, "hold_seconds",
                "must be at least 1 and less than after_seconds");
        require(beforeSeconds >= 2 * RECENT_SECONDS, "before_seconds", "must be at least " + (int) (2 * RECENT_SECONDS));
        require(afterSeconds + beforeSeconds + JUDGING_SLACK_SECONDS <= HeartRateHistory.CAPACITY_SECONDS,
                "after_seconds", "plus before_seconds must be at most "
                        + (int) (HeartRateHistory.CAPACITY_SECONDS - JUDGING_SLACK_SECONDS)
                        + " (the heart-rate history the analysis runs on)");
        require(alreadyHighBpm > 0, "already_high_bpm", "must be positive");
        require(risingBpm > 0, "rising_bpm", "must be positive");
    }

    /**
     * The defaults: +25 bpm over the median of the 2 minutes before the page, held 30 s within 3 minutes;
     * already high at +20 bpm over the personal baseline; already rising at +10 bpm.
     */
    public static PageReactionThresholds defaults() {
        return new PageReactionThresholds(25, 30, 180, 120, 20, 10);
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(key + " " + problem);
        }
    }
}
