package dev.limbic.care;

import dev.limbic.stress.HeartRateHistory;

import java.util.Arrays;
import java.util.Locale;

/**
 * Judges how a responder's heart rate answered a page, from their per-second {@link HeartRateHistory}.
 *
 * <p>The level before the page is the median of the {@code before_seconds} before it. A reaction is heart
 * rate at least {@code rise_bpm} over that level for {@code hold_seconds} (missing seconds inside allowed
 * up to half) starting within {@code after_seconds} of the page. When heart rate was already high (its level
 * {@code already_high_bpm} over the personal baseline) or already rising (the last 30 s before the page
 * {@code rising_bpm} over the first 30 s of the window) a rise after the page cannot be blamed on it, so the
 * verdict is {@link PageReactionVerdict#INDETERMINATE}. Under half the window before the page with data,
 * or no reaction and under half the window after it, is {@link PageReactionVerdict#NO_DATA}.
 *
 * <p>Judge at {@link #dueAtMillis} (or a little later: the history keeps
 * {@value PageReactionThresholds#JUDGING_SLACK_SECONDS} s of slack); a reaction is already certain as soon
 * as it has held, so judging earlier can answer {@code REACTION} but not {@code NO_REACTION}.
 */
public final class PageReactionAnalyzer {
    private final PageReactionThresholds thresholds;
    private final int beforeSeconds;
    private final int afterSeconds;
    private final int holdSeconds;
    private final int recentSeconds;

    public PageReactionAnalyzer(PageReactionThresholds thresholds) {
        this.thresholds = thresholds;
        this.beforeSeconds = (int) Math.round(thresholds.beforeSeconds());
        this.afterSeconds = (int) Math.round(thresholds.afterSeconds());
        this.holdSeconds = (int) Math.round(thresholds.holdSeconds());
        this.recentSeconds = (int) PageReactionThresholds.RECENT_SECONDS;
    }

    public PageReactionThresholds thresholds() {
        return thresholds;
    }

    /** When the whole window after a page sent at {@code pageAtMillis} has passed. */
    public long dueAtMillis(long pageAtMillis) {
        return pageAtMillis + afterSeconds * 1000L;
    }

    /**
     * Judges the page sent at {@code pageAtMillis} from what {@code history} holds now.
     *
     * @param baselineBpm the responder's personal baseline at the page ({@code NaN} if unknown: then only a
     *                    rise before the page, not a high level, makes the verdict indeterminate)
     */
    public PageReaction analyze(HeartRateHistory history, long pageAtMillis, double baselineBpm) {
        return analyze(history, pageAtMillis, baselineBpm, Long.MAX_VALUE);
    }

    /**
     * Judges the page sent at {@code pageAtMillis} before its window has passed, on the seconds {@code history} holds
     * so far: a hold counts only once all its seconds have come (seconds still to come are not missing ones), so this
     * answers {@code REACTION} on the very sample that completes it, and never earlier.
     */
    public PageReaction analyzeSoFar(HeartRateHistory history, long pageAtMillis, double baselineBpm) {
        return analyze(history, pageAtMillis, baselineBpm, history.newestMillis());
    }

    /** Judges on the holds that ended by the second of {@code judgedAtMillis}. */
    private PageReaction analyze(HeartRateHistory history, long pageAtMillis, double baselineBpm, long judgedAtMillis) {
        long pageSecond = Math.floorDiv(pageAtMillis, 1000);
        int secondsSoFar = (int) Math.max(0, Math.min(afterSeconds, Math.floorDiv(judgedAtMillis, 1000) - pageSecond + 1));
        double[] before = new double[beforeSeconds];
        for (int i = 0; i < beforeSeconds; i++) {
            before[i] = history.bpmAt((pageSecond - beforeSeconds + i) * 1000);
        }
        double[] after = new double[afterSeconds];
        for (int i = 0; i < afterSeconds; i++) {
            after[i] = history.bpmAt((pageSecond + i) * 1000);
        }
        int beforeCount = count(before, 0, beforeSeconds);
        if (beforeCount * 2 < beforeSeconds) {
            return new PageReaction(pageAtMillis, PageReactionVerdict.NO_DATA, Double.NaN, Double.NaN, baselineBpm,
                    Double.NaN, Long.MIN_VALUE, String.format(Locale.ROOT,
                    "only %d of the %d s before the page have heart rate", beforeCount, beforeSeconds));
        }
        double level = median(before);
        double rise = mean(before, beforeSeconds - recentSeconds, beforeSeconds) - mean(before, 0, recentSeconds);
        double target = level + thresholds.riseBpm();

        double afterHeld = Double.NaN;
        int reactionEnd = -1;
        for (int start = 0; start + holdSeconds <= secondsSoFar; start++) {
            if (count(after, start, start + holdSeconds) * 2 < holdSeconds) {
                continue;
            }
            double lowest = min(after, start, start + holdSeconds);
            afterHeld = Double.isNaN(afterHeld) ? lowest : Math.max(afterHeld, lowest);
            if (reactionEnd < 0 && lowest >= target) {
                reactionEnd = start + holdSeconds;
            }
        }
        long reactionAt = reactionEnd < 0 ? Long.MIN_VALUE : (pageSecond + reactionEnd) * 1000;
        String levelText = String.format(Locale.ROOT, "median %.0f bpm in the %d s before the page", level, beforeSeconds);

        boolean alreadyHigh = !Double.isNaN(baselineBpm) && level - baselineBpm >= thresholds.alreadyHighBpm();
        boolean rising = !Double.isNaN(rise) && rise >= thresholds.risingBpm();
        if (alreadyHigh || rising) {
            String why = alreadyHigh
                    ? String.format(Locale.ROOT, "already high before the page: %s, %+.0f over baseline %.0f",
                    levelText, level - baselineBpm, baselineBpm)
                    : String.format(Locale.ROOT, "already rising before the page: %+.0f bpm over %d s (%s)",
                    rise, beforeSeconds - recentSeconds, levelText);
            return new PageReaction(pageAtMillis, PageReactionVerdict.INDETERMINATE, level, rise, baselineBpm,
                    afterHeld, reactionAt, why + (reactionEnd < 0 ? "" : "; a rise followed but cannot be blamed on the page"));
        }
        if (reactionEnd >= 0) {
            return new PageReaction(pageAtMillis, PageReactionVerdict.REACTION, level, rise, baselineBpm, afterHeld,
                    reactionAt, String.format(Locale.ROOT, "heart rate held %+.0f bpm or more over the %s for %d s, "
                    + "complete %d s after the page", thresholds.riseBpm(), levelText, holdSeconds, reactionEnd));
        }
        int afterCount = count(after, 0, afterSeconds);
        if (afterCount * 2 < afterSeconds) {
            return new PageReaction(pageAtMillis, PageReactionVerdict.NO_DATA, level, rise, baselineBpm, afterHeld,
                    Long.MIN_VALUE, String.format(Locale.ROOT,
                    "only %d of the %d s after the page have heart rate", afterCount, afterSeconds));
        }
        return new PageReaction(pageAtMillis, PageReactionVerdict.NO_REACTION, level, rise, baselineBpm, afterHeld,
                Long.MIN_VALUE, String.format(Locale.ROOT, "heart rate held at most %+.0f bpm over the %s (a reaction "
                + "needs %+.0f for %d s within %d s)", afterHeld - level, levelText, thresholds.riseBpm(),
                holdSeconds, afterSeconds));
    }

    private static int count(double[] values, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                count++;
            }
        }
        return count;
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        int count = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                sum += values[i];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static double min(double[] values, int from, int to) {
        double min = Double.NaN;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i]) && (Double.isNaN(min) || values[i] < min)) {
                min = values[i];
            }
        }
        return min;
    }

    private static double median(double[] values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = present.length;
        return n % 2 == 1 ? present[n / 2] : (present[n / 2 - 1] + present[n / 2]) / 2;
    }
}
