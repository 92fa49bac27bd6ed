package dev.limbic.care;

/**
 * How a responder's heart rate answered one page.
 *
 * @param pageAtMillis     when the page went out
 * @param verdict          the judgement
 * @param beforeMedianBpm  median heart rate over the window before the page ({@code NaN} without data)
 * @param beforeRiseBpm    the last 30 s before the page minus the start of that window ({@code NaN} without data)
 * @param baselineBpm      the responder's personal baseline at the page
 * @param afterHeldBpm     the highest level heart rate held for the hold time after the page ({@code NaN}
 *                         without data)
 * @param reactionAtMillis when the held rise was complete, or {@link Long#MIN_VALUE} when there was none
 * @param reason           why, in a few words for people
 */
public record PageReaction(long pageAtMillis, PageReactionVerdict verdict, double beforeMedianBpm,
                           double beforeRiseBpm, double baselineBpm, double afterHeldBpm, long reactionAtMillis,
                           String reason) {
    /** Whether a held rise was found (whatever the verdict). */
    public boolean hasReactionTime() {
        return reactionAtMillis != Long.MIN_VALUE;
    }
}
