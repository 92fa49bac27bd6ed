package dev.limbic.cli;

import dev.limbic.care.PageReaction;
import dev.limbic.care.PageReactionThresholds;
import dev.limbic.replay.RecordingFormatException;
import dev.limbic.replay.Replay;
import dev.limbic.replay.ReplayPlot;
import dev.limbic.replay.ReplayTrace;
import dev.limbic.stress.StressThresholds;
import dev.limbic.stress.StressTransition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code limbic replay FILE}: runs a heart-rate recording through the live stress detector and prints one
 * JSON line per state change (and per page with {@code --page-at}); optionally plots it.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Run a heart-rate recording (CSV) through the stress detector; print one JSON line per state change.",
        footer = {"", "FILE is CSV with a header row: time in seconds in a column t, unix_time_s or beat_time_s; "
                + "hr_bpm and/or rr_ms (or ibi_ms); other columns are ignored."})
final class ReplayCommand implements Callable<Integer> {
    private static final int PROGRESS_WIDTH = 40;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The recording (CSV).")
    Path file;

    @Option(names = "--plot", paramLabel = "FILE.png|FILE.svg",
            description = "Also draw heart rate, baseline and state bands over time to this PNG or SVG file.")
    Path plot;

    @Option(names = "--page-at", paramLabel = "SECONDS",
            description = "A page sent at this time on the file's clock; prints the verdict on the reaction to it. Repeatable.")
    List<Double> pagesAt = new ArrayList<>();

    @Option(names = "--resting-hr", paramLabel = "BPM",
            description = "Baseline to assume until the recording has taught one (default: ${DEFAULT-VALUE}).")
    double restingHeartRateBpm = StressThresholds.DEFAULT_RESTING_HEART_RATE_BPM;

    @Option(names = "--elevated-delta", paramLabel = "BPM",
            description = "Heart rate this far over baseline, held, is ELEVATED (default: ${DEFAULT-VALUE}).")
    double elevatedDeltaBpm = StressThresholds.DEFAULT_ELEVATED_DELTA_BPM;

    @Option(names = "--acute-delta", paramLabel = "BPM",
            description = "Heart rate this far over baseline, held, is ACUTE (default: ${DEFAULT-VALUE}).")
    double acuteDeltaBpm = StressThresholds.DEFAULT_ACUTE_DELTA_BPM;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StressThresholds thresholds;
        try {
            thresholds = StressThresholds.defaults().withRestingHeartRateBpm(restingHeartRateBpm)
                    .withDeltas(elevatedDeltaBpm, acuteDeltaBpm);
        } catch (IllegalArgumentException e) {
            err.println("limbic replay: bad threshold: " + e.getMessage());
            return 1;
        }
        if (plot != null) {
            String name = plot.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!name.endsWith(".png") && !name.endsWith(".svg")) {
                err.println("limbic replay: --plot must name a .png or .svg file: " + plot);
                return 1;
            }
        }
        ReplayTrace trace = plot == null ? null : new ReplayTrace();
        Progress progress = new Progress(err, stderrIsTerminal() ? size(file) : -1);
        Replay replay = new Replay(thresholds, PageReactionThresholds.defaults(), pagesAt, trace, new Replay.Listener() {
            @Override
            public void onTransition(StressTransition transition) {
                progress.clear();
                out.println(transitionJson(transition));
            }

            @Override
            public void onPageReaction(PageReaction reaction) {
                progress.clear();
                out.println(pageJson(reaction));
            }

            @Override
            public void onProgress(long charsRead) {
                progress.show(charsRead);
            }
        });
        long started = System.nanoTime();
        Replay.Summary summary;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            summary = replay.run(in);
        } catch (RecordingFormatException e) {
            progress.clear();
            out.flush();
            err.println("limbic replay: " + file + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            progress.clear();
            err.println("limbic replay: cannot read " + file + ": " + e);
            return 1;
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        progress.clear();
        out.flush();
        err.printf(Locale.ROOT, "limbic replay: %d rows (%.1f h of recording) in %.2f s, %d state changes%n",
                summary.rows(), Double.isNaN(summary.firstSeconds()) ? 0 : (summary.lastSeconds() - summary.firstSeconds()) / 3600,
                elapsed, summary.transitions().size());
        if (plot != null) {
            try {
                ReplayPlot.write(plot, "limbic replay: " + file.getFileName(), trace, thresholds, summary.reactions());
            } catch (IOException e) {
                err.println("limbic replay: cannot write the plot " + plot + ": " + e);
                return 1;
            }
            err.println("limbic replay: plot written to " + plot);
        }
        return 0;
    }

    static String transitionJson(StressTransition t) {
        return "{\"t\": " + seconds(t.atMillis()) + ", \"state\": \"" + t.to() + "\", \"hr_bpm\": " + bpm(t.heartRateBpm())
                + ", \"baseline_bpm\": " + bpm(t.baselineBpm()) + ", \"reason\": " + string(t.reason()) + "}";
    }

    static String pageJson(PageReaction r) {
        return "{\"page_at\": " + seconds(r.pageAtMillis()) + ", \"verdict\": \"" + r.verdict()
                + "\", \"before_median_bpm\": " + bpm(r.beforeMedianBpm())
                + ", \"before_rise_bpm\": " + bpm(r.beforeRiseBpm())
                + ", \"baseline_bpm\": " + bpm(r.baselineBpm())
                + ", \"after_held_bpm\": " + bpm(r.afterHeldBpm())
                + ", \"reaction_t\": " + (r.hasReactionTime() ? seconds(r.reactionAtMillis()) : "null")
                + ", \"reason\": " + string(r.reason()) + "}";
    }

    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    private static String bpm(double value) {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String string(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    /**
     * Whether stderr is a terminal: on Linux, where {@code /proc/self/fd/2} leads; elsewhere whether the JVM
     * has a console (which also needs stdin and stdout on a terminal).
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    /** A one-line progress bar on stderr, drawn only when stderr is a terminal (given a file size). */
    private static final class Progress {
        private final PrintWriter err;
        private final long total;
        private int shownPercent = -1;

        Progress(PrintWriter err, long total) {
            this.err = err;
            this.total = total;
        }

        void show(long done) {
            if (total <= 0) {
                return;
            }
            int percent = (int) Math.min(100, done * 100 / total);
            if (percent == shownPercent) {
                return;
            }
            shownPercent = percent;
            int filled = percent * PROGRESS_WIDTH / 100;
            err.print("\r[" + "#".repeat(filled) + " ".repeat(PROGRESS_WIDTH - filled) + "] " + percent + " %");
            err.flush();
        }

        void clear() {
            if (shownPercent >= 0) {
                err.print("\r" + " ".repeat(PROGRESS_WIDTH + 8) + "\r");
                err.flush();
                shownPercent = -1;
            }
        }
    }
}
