package dev.limbic.stress;

import dev.limbic.care.PageReaction;
import dev.limbic.care.PageReactionThresholds;
import dev.limbic.replay.Replay;
import dev.limbic.replay.ReplayTrace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the figures of the stress detector on the shared real recordings and on synthetic spikes:
 * state entries per day/hour, Stress-Predict task detection, spike latency, replay speed, memory per
 * detector. A measurement, not a test (figures are quoted in notes, never asserted). Run after
 * {@code mvn -o package}: {@code java -cp target/limbic.jar:target/test-classes dev.limbic.stress.DetectorFigures [DATA_DIR]}.
 */
public final class DetectorFigures {
    private DetectorFigures() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        StressThresholds thresholds = StressThresholds.defaults();

        Path nsr = data.resolve("chest-24h-rr/nsr001_rr.csv");
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            Replay.Summary s = replay(nsr, thresholds, null);
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (i == 2) {
                double days = (s.lastSeconds() - s.firstSeconds()) / 86_400;
                System.out.printf(Locale.ROOT, "nsr001: %.1f h, %d beats; ACUTE %.1f/day, ELEVATED %.1f/day; replay %.2f s (in-process, warm)%n",
                        days * 24, s.beats(), entries(s, StressState.ACUTE) / days, entries(s, StressState.ELEVATED) / days, elapsed);
            }
        }

        for (String kind : List.of("stress", "aerobic", "anaerobic")) {
            for (String column : List.of("hr_1hz", "ibi")) {
                double hours = 0;
                int acute = 0;
                int elevated = 0;
                for (String subject : List.of("S04", "S07", "f03")) {
                    Replay.Summary s = replay(data.resolve("wrist-stress-exercise/" + kind + "_" + subject + "_" + column + ".csv"),
                            thresholds, null);
                    hours += (s.lastSeconds() - s.firstSeconds()) / 3600;
                    acute += entries(s, StressState.ACUTE);
                    elevated += entries(s, StressState.ELEVATED);
                }
                System.out.printf(Locale.ROOT, "%s sessions (%s, 3 subjects, %.1f h): ACUTE %.1f/h, ELEVATED %.1f/h%n",
                        kind, column, hours, acute / hours, elevated / hours);
            }
        }

        stressPredict(data.resolve("wrist-stress-tasks/hr_1hz_labels.csv"), thresholds);
        spikeLatency();
        memory();
    }

    private static Replay.Summary replay(Path file, StressThresholds thresholds, ReplayTrace trace) throws Exception {
        try (BufferedReader in = Files.newBufferedReader(file)) {
            return replay(in, thresholds, trace);
        }
    }

    private static Replay.Summary replay(BufferedReader in, StressThresholds thresholds, ReplayTrace trace) throws Exception {
        return new Replay(thresholds, PageReactionThresholds.defaults(), List.of(), trace, new Replay.Listener() {
            @Override
            public void onTransition(StressTransition transition) {
            }

            @Override
            public void onPageReaction(PageReaction reaction) {
            }
        }).run(in);
    }

    private static long entries(Replay.Summary s, StressState state) {
        return s.transitions().stream().filter(t -> t.to() == state).count();
    }

    /** Per participant and task: the highest state the detector reached during the task or the minute after. */
    private static void stressPredict(Path file, StressThresholds thresholds) throws Exception {
        Map<String, StringBuilder> csv = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> tasks = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] cells = line.split(",");
                csv.computeIfAbsent(cells[0], p -> new StringBuilder("unix_time_s,hr_bpm\n"))
                        .append(cells[1]).append(',').append(cells[2]).append('\n');
                double t = Double.parseDouble(cells[1]);
                double[] span = tasks.computeIfAbsent(cells[0], p -> new LinkedHashMap<>())
                        .computeIfAbsent(cells[4], k -> new double[] {t, t});
                span[1] = t;
            }
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        double restSeconds = 0;
        double restStressedSeconds = 0;
        int restAcuteEntries = 0;
        for (Map.Entry<String, StringBuilder> participant : csv.entrySet()) {
            ReplayTrace trace = new ReplayTrace();
            Replay.Summary s = replay(new BufferedReader(new StringReader(participant.getValue().toString())), thresholds, trace);
            Map<String, double[]> spans = tasks.get(participant.getKey());
            for (String task : List.of("stroop", "interview", "hyperventilation")) {
                double[] span = spans.get(task);
                StressState highest = StressState.UNKNOWN;
                for (int i = 0; i < trace.size(); i++) {
                    double t = trace.timeSeconds(i);
                    if (t >= span[0] && t <= span[1] + 60 && trace.state(i).ordinal() > highest.ordinal()) {
                        highest = trace.state(i);
                    }
                }
                StressState entered = StressState.CALM;
                for (StressTransition t : s.transitions()) {
                    double at = t.atMillis() / 1000.0;
                    if (at >= span[0] && at <= span[1] + 60 && t.to().ordinal() > t.from().ordinal()
                            && t.to().ordinal() > entered.ordinal()) {
                        entered = t.to();
                    }
                }
                int[] c = counts.computeIfAbsent(task, k -> new int[4]);
                if (highest == StressState.ACUTE) {
                    c[1]++;
                } else if (highest == StressState.ELEVATED) {
                    c[0]++;
                }
                if (entered == StressState.ACUTE) {
                    c[3]++;
                } else if (entered == StressState.ELEVATED) {
                    c[2]++;
                }
            }
            for (int i = 0; i < trace.size(); i++) {
                double t = trace.timeSeconds(i);
                boolean inTask = spans.entrySet().stream().anyMatch(e -> !e.getKey().equals("rest")
                        && t >= e.getValue()[0] && t <= e.getValue()[1] + 60);
                if (!inTask && trace.state(i) != StressState.UNKNOWN) {
                    restSeconds++;
                    if (trace.state(i).isStressed()) {
                        restStressedSeconds++;
                    }
                }
            }
            restAcuteEntries += (int) s.transitions().stream().filter(t -> t.to() == StressState.ACUTE
                    && spans.entrySet().stream().noneMatch(e -> !e.getKey().equals("rest")
                    && t.atMillis() / 1000.0 >= e.getValue()[0] && t.atMillis() / 1000.0 <= e.getValue()[1] + 60)).count();
        }
        for (Map.Entry<String, int[]> c : counts.entrySet()) {
            System.out.printf(Locale.ROOT, "Stress-Predict %s (or the minute after), %d participants: state ELEVATED %d, ACUTE %d;"
                    + " entered ELEVATED %d, ACUTE %d%n", c.getKey(), csv.size(), c.getValue()[0], c.getValue()[1],
                    c.getValue()[2], c.getValue()[3]);
        }
        System.out.printf(Locale.ROOT, "Stress-Predict outside tasks: %.1f %% of judged seconds ELEVATED/ACUTE, %d ACUTE entries%n",
                100 * restStressedSeconds / restSeconds, restAcuteEntries);
    }

    /** Rise from 70 to 130 bpm over 5–20 s with different variability: seconds from rise start to ACUTE. */
    private static void spikeLatency() {
        List<Double> latencies = new ArrayList<>();
        for (int seed = 0; seed < 40; seed++) {
            double riseSeconds = 5 + (seed % 4) * 5;
            double variability = 10 + (seed % 5) * 12;
            StressDetector detector = new StressDetector(StressThresholds.defaults().withRestingHeartRateBpm(70));
            SyntheticHeart heart = new SyntheticHeart(seed, 1_700_000_000_000L, variability);
            for (SyntheticHeart.Beat beat : heart.steady(900, 70)) {
                detector.onBeat(beat.endMillis(), beat.rrMillis());
            }
            long riseStart = heart.nowMillis();
            double latency = Double.NaN;
            for (SyntheticHeart.Beat beat : heart.beats(60, s -> s < riseSeconds ? 70 + 60 * s / riseSeconds : 130)) {
                StressTransition t = detector.onBeat(beat.endMillis(), beat.rrMillis());
                if (t != null && t.to() == StressState.ACUTE && Double.isNaN(latency)) {
                    latency = (t.atMillis() - riseStart) / 1000.0;
                }
            }
            latencies.add(latency);
        }
        System.out.printf(Locale.ROOT, "spike 70->130 bpm (rise over 5-20 s, RR swing 10-58 ms, 40 runs): ACUTE after %.0f-%.0f s (NaN = missed: %d)%n",
                latencies.stream().filter(d -> !d.isNaN()).mapToDouble(d -> d).min().orElse(Double.NaN),
                latencies.stream().filter(d -> !d.isNaN()).mapToDouble(d -> d).max().orElse(Double.NaN),
                latencies.stream().filter(d -> d.isNaN()).count());
    }

    /** Heap held by 1,000 detectors that have each seen ten minutes of beats. */
    private static void memory() throws IOException {
        List<SyntheticHeart.Beat> beats = new SyntheticHeart(1, 1_700_000_000_000L, 25).steady(600, 70);
        long before = usedHeap();
        StressDetector[] detectors = new StressDetector[1000];
        for (int i = 0; i < detectors.length; i++) {
            detectors[i] = new StressDetector(StressThresholds.defaults());
            for (SyntheticHeart.Beat beat : beats) {
                detectors[i].onBeat(beat.endMillis(), beat.rrMillis());
            }
        }
        long after = usedHeap();
        System.out.printf(Locale.ROOT, "memory: %.1f KB heap per detector (1000 detectors, heap delta after GC; %s)%n",
                (after - before) / 1024.0 / detectors.length, detectors[0].state());
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
