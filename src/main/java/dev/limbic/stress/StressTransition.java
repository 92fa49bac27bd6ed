package dev.limbic.stress;

/**
 * A change of a responder's stress state.
 *
 * @param from         the state before
 * @param to           the state after
 * @param atMillis     when it changed, on the clock of the samples (epoch millis live, file time in replay)
 * @param heartRateBpm the smoothed heart rate at that moment, or {@code NaN} when there is none
 * @param baselineBpm  the personal baseline at that moment
 * @param reason       why, in a few words for people (for example "HR +62 bpm over baseline for 20 s")
 */
public record StressTransition(StressState from, StressState to, long atMillis, double heartRateBpm,
                               double baselineBpm, String reason) {
}
