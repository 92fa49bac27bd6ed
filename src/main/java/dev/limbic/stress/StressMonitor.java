package dev.limbic.stress;

import dev.limbic.heartrate.HeartRateMeasurement;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The stress detectors of every monitored responder, and the listeners of their state changes. Safe to
 * call from several event loops: each detector is guarded by its own lock, which is uncontended in
 * practice because a responder's samples arrive on one connection. Feeding a sample of a known responder
 * allocates nothing unless the state changes (a plain map lookup first; {@code computeIfAbsent} and its
 * capturing lambda only for a responder seen for the first time).
 */
public final class StressMonitor {
    private final Map<String, StressDetector> detectors = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<StressListener> listeners = new CopyOnWriteArrayList<>();
    /** A plain array, replaced on every change, so that calling them for each sample allocates no iterator. */
    private volatile SampleListener[] sampleListeners = new SampleListener[0];
    private final Function<String, StressThresholds> thresholdsOf;

    /** @param thresholdsOf the thresholds of each responder (their resting heart rate differs) */
    public StressMonitor(Function<String, StressThresholds> thresholdsOf) {
        this.thresholdsOf = thresholdsOf;
    }

    public void addListener(StressListener listener) {
        listeners.add(listener);
    }

    /** Adds a listener that hears every measurement fed, after the transition it caused (if any). */
    public synchronized void addSampleListener(SampleListener listener) {
        SampleListener[] more = Arrays.copyOf(sampleListeners, sampleListeners.length + 1);
        more[more.length - 1] = listener;
        sampleListeners = more;
    }

    /** Feeds one measurement of {@code responderId}'s sensor, received at {@code atMillis}. */
    public StressState onMeasurement(String responderId, long atMillis, HeartRateMeasurement measurement) {
        StressDetector detector = detector(responderId);
        StressTransition transition;
        StressState state;
        synchronized (detector) {
            transition = detector.onMeasurement(atMillis, measurement);
            state = detector.state();
        }
        publish(responderId, transition);
        for (SampleListener listener : sampleListeners) {
            listener.onSample(responderId, atMillis);
        }
        return state;
    }

    /** The responder's sensor disconnected. */
    public void onDisconnect(String responderId, long atMillis) {
        StressDetector detector = detectors.get(responderId);
        if (detector == null) {
            return;
        }
        StressTransition transition;
        synchronized (detector) {
            transition = detector.onDisconnect(atMillis);
        }
        publish(responderId, transition);
    }

    /** Lets time pass for every detector, so silent streams go {@code UNKNOWN}. */
    public void tick(long nowMillis) {
        detectors.forEach((responderId, detector) -> {
            StressTransition transition;
            synchronized (detector) {
                transition = detector.tick(nowMillis);
            }
            publish(responderId, transition);
        });
    }

    /** The current state of a responder; {@code UNKNOWN} for one never seen. */
    public StressState state(String responderId) {
        StressDetector detector = detectors.get(responderId);
        if (detector == null) {
            return StressState.UNKNOWN;
        }
        synchronized (detector) {
            return detector.state();
        }
    }

    /**
     * Reads a responder's detector under its lock (for example their {@link HeartRateHistory} to judge the
     * reaction to a page); {@code null} for a responder never seen. {@code reader} must not keep the detector.
     */
    public <T> T read(String responderId, Function<StressDetector, T> reader) {
        StressDetector detector = detectors.get(responderId);
        if (detector == null) {
            return null;
        }
        synchronized (detector) {
            return reader.apply(detector);
        }
    }

    /**
     * Forgets a responder (their consent was withdrawn or they left the config): raw data goes with it. If they were
     * in a known state, listeners hear them go {@code UNKNOWN} at {@code atMillis}, so nothing goes on acting on a
     * state that is no longer watched.
     */
    public void forget(String responderId, long atMillis, String reason) {
        StressDetector detector = detectors.remove(responderId);
        if (detector == null) {
            return;
        }
        StressState last;
        synchronized (detector) {
            last = detector.state();
        }
        if (last != StressState.UNKNOWN) {
            publish(responderId, new StressTransition(last, StressState.UNKNOWN, atMillis, Double.NaN, Double.NaN,
                    reason));
        }
    }

    /** The responder's detector; a plain lookup first, so the hot path allocates no capturing lambda. */
    private StressDetector detector(String responderId) {
        StressDetector detector = detectors.get(responderId);
        if (detector != null) {
            return detector;
        }
        return detectors.computeIfAbsent(responderId, id -> new StressDetector(thresholdsOf.apply(id)));
    }

    private void publish(String responderId, StressTransition transition) {
        if (transition == null) {
            return;
        }
        for (StressListener listener : listeners) {
            listener.onTransition(responderId, transition);
        }
    }
}
