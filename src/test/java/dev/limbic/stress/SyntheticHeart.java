package dev.limbic.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * Beats of a made-up heart for tests: heart rate as a function of time, with breathing-linked variability
 * (respiratory sinus arrhythmia) and a little noise, from a fixed seed so every run is the same.
 */
final class SyntheticHeart {
    /** One beat: the interval and the time it ended. */
    record Beat(long endMillis, double rrMillis) {
    }

    private final Random random;
    private final double variabilityMillis;
    private final double breathingPeriodMillis = 4_000;
    private long clockMillis;

    /** @param variabilityMillis amplitude of the breathing-linked swing of RR (about 25 ms is typical at rest) */
    SyntheticHeart(long seed, long startMillis, double variabilityMillis) {
        this.random = new Random(seed);
        this.clockMillis = startMillis;
        this.variabilityMillis = variabilityMillis;
    }

    /** Beats for {@code seconds} seconds while heart rate follows {@code bpmAtSecond} (seconds from now). */
    List<Beat> beats(double seconds, DoubleUnaryOperator bpmAtSecond) {
        List<Beat> beats = new ArrayList<>();
        long start = clockMillis;
        while (clockMillis - start < seconds * 1000) {
            double bpm = bpmAtSecond.applyAsDouble((clockMillis - start) / 1000.0);
            double swing = variabilityMillis * Math.sin(2 * Math.PI * clockMillis / breathingPeriodMillis);
            double rr = 60_000 / bpm * (1 + swing / 850) + random.nextGaussian() * variabilityMillis / 5;
            clockMillis += Math.round(rr);
            beats.add(new Beat(clockMillis, rr));
        }
        return beats;
    }

    List<Beat> steady(double seconds, double bpm) {
        return beats(seconds, s -> bpm);
    }

    /**
     * The same beats with an ectopic (premature) beat every {@code every} beats: it comes after
     * {@code prematurity} of the usual interval and the next interval makes up the rest (a compensatory pause).
     */
    static List<Beat> withEctopicBeats(List<Beat> beats, int every, double prematurity) {
        List<Beat> result = new ArrayList<>(beats);
        for (int i = every; i + 1 < result.size(); i += every) {
            Beat normal = result.get(i);
            Beat next = result.get(i + 1);
            double premature = normal.rrMillis() * prematurity;
            double shortfall = normal.rrMillis() - premature;
            result.set(i, new Beat(normal.endMillis() - Math.round(shortfall), premature));
            result.set(i + 1, new Beat(next.endMillis(), next.rrMillis() + shortfall));
        }
        return result;
    }

    /** The same beats with one beat every {@code every} undetected: the interval spans two beats. */
    static List<Beat> withMissedBeats(List<Beat> beats, int every) {
        List<Beat> result = new ArrayList<>();
        for (int i = 0; i < beats.size(); i++) {
            if (i > 0 && i % every == 0 && i + 1 < beats.size()) {
                Beat next = beats.get(i + 1);
                result.add(new Beat(next.endMillis(), beats.get(i).rrMillis() + next.rrMillis()));
                i++;
            } else {
                result.add(beats.get(i));
            }
        }
        return result;
    }

    /** Lets time pass without beats (the strap is off, or the stream stalled). */
    void skip(double seconds) {
        clockMillis += Math.round(seconds * 1000);
    }

    long nowMillis() {
        return clockMillis;
    }
}
