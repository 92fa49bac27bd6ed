package dev.limbic.jmh;

import dev.limbic.bench.SimulatedStrap;
import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.HeartRateMeasurementDecoder;
import dev.limbic.stress.StressDetector;
import dev.limbic.stress.StressMonitor;
import dev.limbic.stress.StressThresholds;
import org.openjdk.jol.info.GraphLayout;

import java.lang.ref.Reference;
import java.util.Locale;

/**
 * Bytes of stress-detector state per responder, after the detectors have seen enough data to fill every
 * window (baseline, RMSSD, five-minute history). Two figures: the retained object graph of one detector
 * (JOL), and the live-heap growth of a {@link StressMonitor} over many responders divided by their number
 * (map entry and id included). Prints them for the default thresholds and for the longest baseline window
 * the config allows. Run (the flags let JOL read record fields):
 * {@code java -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true -cp target/benchmarks.jar dev.limbic.jmh.DetectorFootprint [responders]}.
 */
public final class DetectorFootprint {
    private static final long START_MILLIS = 1_764_000_000_000L;

    private DetectorFootprint() {
    }

    public static void main(String[] args) {
        int responders = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        StressThresholds defaults = StressThresholds.defaults();
        StressThresholds d = defaults;
        StressThresholds longest = new StressThresholds(d.restingHeartRateBpm(), d.elevatedDeltaBpm(), d.acuteDeltaBpm(),
                d.elevatedSustainSeconds(), d.acuteSustainSeconds(), d.staleAfterSeconds(), d.warmUpSeconds(),
                d.recoverSeconds(), d.hysteresisBpm(), StressThresholds.MAX_BASELINE_WINDOW_MINUTES,
                d.baselineThawMinutes(), d.smoothingSeconds());
        report("default thresholds (baseline window " + defaults.baselineWindowMinutes() + " min)", defaults, responders);
        report("longest baseline window (" + longest.baselineWindowMinutes() + " min)", longest, responders);
    }

    private static void report(String label, StressThresholds thresholds, int responders) {
        long warmMillis = (thresholds.baselineWindowMinutes() + 10) * 60_000L;

        StressDetector one = new StressDetector(thresholds);
        feed(one, null, null, 7, warmMillis);
        long graphBytes = GraphLayout.parseInstance(one).totalSize() - GraphLayout.parseInstance(thresholds).totalSize();

        long before = usedHeapAfterGc();
        StressMonitor monitor = new StressMonitor(id -> thresholds);
        for (int r = 0; r < responders; r++) {
            feed(null, monitor, "responder-" + r, r, warmMillis);
        }
        long after = usedHeapAfterGc();
        double perResponder = (after - before) / (double) responders;
        System.out.printf(Locale.ROOT, "detector footprint, %s: JOL retained %,d B per detector; heap delta %,.0f B per responder over %,d responders (target < 16,384 B)%n",
                label, graphBytes, perResponder, responders);
        Reference.reachabilityFence(monitor);
    }

    /** Feeds warm data, beat by beat, into a detector or into the monitor for one responder. */
    private static void feed(StressDetector detector, StressMonitor monitor, String responderId, long seed, long forMillis) {
        SimulatedStrap strap = new SimulatedStrap(seed);
        HeartRateMeasurement measurement = new HeartRateMeasurement();
        byte[] value = new byte[HeartRateMeasurementDecoder.MAX_VALUE_LENGTH];
        long now = START_MILLIS;
        while (now < START_MILLIS + forMillis) {
            int length = strap.writeValue(value, 0);
            now += Math.round(strap.lastRrMillis());
            HeartRateMeasurementDecoder.decode(value, 0, length, measurement);
            if (detector != null) {
                detector.onMeasurement(now, measurement);
            } else {
                monitor.onMeasurement(responderId, now, measurement);
            }
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
