package dev.limbic.stress;

/**
 * Hears that a responder's detector has been fed a measurement (its history holds it when it was valid), so that whatever waits on heart
 * rate can act on the very sample that decides it rather than on a timer. Called for every sample on the thread that
 * fed it, after the detector's lock is released and after any {@link StressListener} heard the transition it caused:
 * it must return at once and never block (look the responder up, hand work elsewhere).
 */
@FunctionalInterface
public interface SampleListener {
    /** {@code responderId}'s detector was fed a measurement sent at {@code atMillis}. */
    void onSample(String responderId, long atMillis);
}
