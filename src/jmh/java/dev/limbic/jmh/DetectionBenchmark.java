package dev.limbic.jmh;

import dev.limbic.bench.SimulatedStrap;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementDecoder;
import dev.limbic.stress.StressDetector;
import dev.limbic.stress.StressMonitor;
import dev.limbic.stress.StressState;
import dev.limbic.stress.StressThresholds;
import dev.limbic.stress.StressTransition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Stress detection per sample, on simulated straps (one RR interval per frame, a drifting resting rate):
 * a bare {@link StressDetector}, and {@link StressMonitor} with 10,000 responders (map look-up and lock
 * included), each fed a frame already decoded, as the gateway's hot path does. Time advances beat by beat;
 * every detector has seen six minutes of beats before measuring, so warm-up and baseline learning are over.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DetectionBenchmark {
    private static final int FRAMES = 4096;
    private static final int RESPONDERS = 10_000;
    private static final long START_MILLIS = 1_764_000_000_000L;
    private static final long WARM_MILLIS = 6 * 60_000;

    private final HeartRateMeasurement measurement = new HeartRateMeasurement();
    private final byte[][] frames = new byte[FRAMES][];
    private final long[] stepMillis = new long[FRAMES];
    private final String[] responderIds = new String[RESPONDERS];
    private StressDetector detector;
    private StressMonitor monitor;
    private int next;
    private int responder;
    private long nowMillis = START_MILLIS;
    private long monitorNowMillis = START_MILLIS;

    @Setup
    public void prepare() {
        SimulatedStrap strap = new SimulatedStrap(42);
        byte[] buffer = new byte[HeartRateMeasurementDecoder.MAX_VALUE_LENGTH];
        for (int i = 0; i < FRAMES; i++) {
            int length = strap.writeValue(buffer, 0);
            frames[i] = java.util.Arrays.copyOf(buffer, length);
            stepMillis[i] = Math.round(strap.lastRrMillis());
        }
        for (int i = 0; i < RESPONDERS; i++) {
            responderIds[i] = "responder-" + i;
        }
        detector = new StressDetector(StressThresholds.defaults());
        monitor = new StressMonitor(id -> StressThresholds.defaults());
        // Past warm-up and with a learned baseline, as in steady operation: six minutes of beats each.
        for (long until = START_MILLIS + WARM_MILLIS; nowMillis < until; ) {
            detector();
        }
        for (long until = START_MILLIS + WARM_MILLIS; monitorNowMillis < until; ) {
            monitor();
        }
    }

    /** One frame through one responder's detector. */
    @Benchmark
    public StressTransition detector() {
        int i = next;
        next = (i + 1) & (FRAMES - 1);
        nowMillis += stepMillis[i];
        HeartRateMeasurementDecoder.decode(frames[i], 0, frames[i].length, measurement);
        return detector.onMeasurement(nowMillis, measurement);
    }

    /** One frame through the monitor, round-robin over 10,000 responders (each sees one frame per round). */
    @Benchmark
    public StressState monitor() {
        int r = responder;
        int i = next;
        if (++r == RESPONDERS) {
            r = 0;
            next = (i + 1) & (FRAMES - 1);
            monitorNowMillis += stepMillis[i];
        }
        responder = r;
        HeartRateMeasurementDecoder.decode(frames[i], 0, frames[i].length, measurement);
        return monitor.onMeasurement(responderIds[r], monitorNowMillis, measurement);
    }
}
