package dev.limbic.stress;

import dev.limbic.heartrate.HeartRateMeasurement;

/**
 * The live stress estimate of one responder. Feed it samples in time order; it answers with a
 * {@link StressTransition} when the state changes, otherwise {@code null}. Not thread-safe: the caller
 * serialises access (see {@link StressMonitor}). Allocates only when the state changes.
 */
public final class StressDetector {

    public StressDetector(StressThresholds thresholds) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** One decoded Heart Rate Measurement received at {@code atMillis}. */
    public StressTransition onMeasurement(long atMillis, HeartRateMeasurement measurement) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** A heart-rate reading without RR intervals (for example a 1 Hz HR column in a recording). */
    public StressTransition onHeartRate(long atMillis, double heartRateBpm) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** One beat-to-beat interval ending at {@code atMillis} (for example an RR column in a recording). */
    public StressTransition onBeat(long atMillis, double rrMillis) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The sensor's link went away: the state becomes {@code UNKNOWN} until fresh data has warmed up. */
    public StressTransition onDisconnect(long atMillis) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Time passes without data: goes {@code UNKNOWN} when the stream has been silent too long. */
    public StressTransition tick(long nowMillis) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public StressState state() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The smoothed current heart rate, or {@code NaN} when there is none. */
    public double heartRateBpm() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The personal baseline in use now. */
    public double baselineBpm() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
