package dev.limbic.bench;

import dev.limbic.care.PageReaction;
import dev.limbic.care.PageReactionAnalyzer;
import dev.limbic.care.PageReactionThresholds;
import dev.limbic.care.PageReactionVerdict;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementDecoder;
import dev.limbic.stress.StressDetector;
import dev.limbic.stress.StressState;
import dev.limbic.stress.StressThresholds;
import dev.limbic.stress.StressTransition;

/**
 * Finds, on the bench's side, the decisive sample of one probe: the first frame it sent after its page after which
 * the gateway's rules (with their defaults) must open a stress episode, because the page reaction has held or the
 * state became {@code ACUTE} while the probe holds the incident. It replays what the probe sent through the same pure
 * detector and analyzer the gateway runs, so a prompt that the gateway started later than that frame (on a timer, or
 * on a later frame) is measured from the frame that decided it, never from whatever frame happened to come last.
 *
 * <p>Not thread-safe: fed from the probe's one event loop.
 */
final class DecisiveSampleFinder {
    /** What made a sample decisive. */
    enum Cause { REACTION, ACUTE }

    private final StressDetector detector = new StressDetector(StressThresholds.defaults());
    private final PageReactionAnalyzer analyzer = new PageReactionAnalyzer(PageReactionThresholds.defaults());
    private final HeartRateMeasurement measurement = new HeartRateMeasurement();
    private long pageAtMillis = Long.MIN_VALUE;
    private double baselineAtPage = Double.NaN;
    private long decisiveSentNanos = Long.MIN_VALUE;
    private long decisiveSentMicros = Long.MIN_VALUE;
    private Cause cause;

    /** The probe was paged at {@code atMillis} (the page's {@code created_at}: the instant the gateway judges from). */
    void paged(long atMillis) {
        if (pageAtMillis == Long.MIN_VALUE) {
            pageAtMillis = atMillis;
            baselineAtPage = detector.baselineLearned() ? detector.baselineBpm() : Double.NaN;
        }
    }

    /**
     * The probe sent {@code value} (a Heart Rate Measurement) stamped {@code sentAtMillis}, at {@code sentNanos}
     * ({@link System#nanoTime()}) and {@code sentMicros} (wall clock, epoch microseconds).
     *
     * @return whether this frame is the decisive one
     */
    boolean sent(long sentAtMillis, byte[] value, long sentNanos, long sentMicros) {
        if (!HeartRateMeasurementDecoder.decode(value, 0, value.length, measurement).isOk()) {
            throw new IllegalStateException("the bench encoded a frame it cannot decode");
        }
        StressTransition transition = detector.onMeasurement(sentAtMillis, measurement);
        if (pageAtMillis == Long.MIN_VALUE || decisiveSentNanos != Long.MIN_VALUE) {
            return false;
        }
        if (transition != null && transition.to() == StressState.ACUTE) {
            return decide(Cause.ACUTE, sentNanos, sentMicros);
        }
        PageReaction reaction = analyzer.analyzeSoFar(detector.history(), pageAtMillis, baselineAtPage);
        if (reaction.verdict() == PageReactionVerdict.REACTION
                || reaction.verdict() == PageReactionVerdict.INDETERMINATE && reaction.hasReactionTime()) {
            return decide(Cause.REACTION, sentNanos, sentMicros);
        }
        return false;
    }

    private boolean decide(Cause why, long sentNanos, long sentMicros) {
        cause = why;
        decisiveSentNanos = sentNanos;
        decisiveSentMicros = sentMicros;
        return true;
    }

    /** When the decisive frame was sent ({@link System#nanoTime()}), or {@link Long#MIN_VALUE} while none was. */
    long decisiveSentNanos() {
        return decisiveSentNanos;
    }

    /** When the decisive frame was sent (wall clock, epoch microseconds), or {@link Long#MIN_VALUE} while none was. */
    long decisiveSentMicros() {
        return decisiveSentMicros;
    }

    /** What made the decisive frame decisive, or {@code null} while none was. */
    Cause cause() {
        return cause;
    }
}
