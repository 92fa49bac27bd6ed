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

    /** Lets time pass without beats (the strap is off, or the stream stalled). */
    void skip(double seconds) {
        clockMillis += Math.round(seconds * 1000);
    }

    long nowMillis() {
        return clockMillis;
    }
}
