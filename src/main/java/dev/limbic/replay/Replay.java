package dev.limbic.replay;

import dev.limbic.care.PageReaction;
import dev.limbic.care.PageReactionAnalyzer;
import dev.limbic.care.PageReactionThresholds;
import dev.limbic.stress.StressDetector;
import dev.limbic.stress.StressThresholds;
import dev.limbic.stress.StressTransition;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one recording through a fresh {@link StressDetector}, row by row, as fast as it can be read.
 * Time comes from the file (seconds, turned into milliseconds), so the detector sees the recording's own
 * clock. A row with an RR interval is a beat; otherwise its heart rate is a reading. When the file falls
 * silent for longer than the stale time, the detector is ticked as a live gateway would tick it, so the
 * state goes {@code UNKNOWN} at the right moment. Pages given in seconds are judged by
 * {@link PageReactionAnalyzer} once their window has passed (or at the end of the file).
 */
public final class Replay {
    /** Receives what the replay finds, in file order. */
    public interface Listener {
        /** A state change. */
        void onTransition(StressTransition transition);

        /** The verdict on one page. */
        void onPageReaction(PageReaction reaction);

        /** How many characters of the file have been read. */
        default void onProgress(long charsRead) {
        }
    }

    /** Counts of what was replayed. */
    public record Summary(long rows, long beats, long readings, double firstSeconds, double lastSeconds,
                          List<StressTransition> transitions, List<PageReaction> reactions) {
    }

    private static final long NONE = Long.MIN_VALUE;

    private final StressDetector detector;
    private final PageReactionAnalyzer pageAnalyzer;
    private final long[] pagesMillis;
    private final double[] baselineAtPage;
    private final ReplayTrace trace;
    private final Listener listener;
    private final long staleMillis;
    private final List<StressTransition> transitions = new ArrayList<>();
    private final List<PageReaction> reactions = new ArrayList<>();
    private int nextPageToStart;
    private int nextPageToJudge;
    private long lastRowMillis = NONE;
    private long lastTracedSecond = NONE;
    private long rows;
    private long beats;
    private long readings;
    private double firstSeconds = Double.NaN;
    private double lastSeconds = Double.NaN;

    /**
     * @param pagesSeconds page times on the file's clock (any order)
     * @param trace        receives one entry per second with data, or {@code null} for none
     */
    public Replay(StressThresholds thresholds, PageReactionThresholds pageThresholds, List<Double> pagesSeconds,
                  ReplayTrace trace, Listener listener) {
        this.detector = new StressDetector(thresholds);
        this.pageAnalyzer = new PageReactionAnalyzer(pageThresholds);
        this.pagesMillis = pagesSeconds.stream().mapToLong(Replay::toMillis).sorted().toArray();
        this.baselineAtPage = new double[pagesMillis.length];
        this.trace = trace;
        this.listener = listener;
        this.staleMillis = Math.round(thresholds.staleAfterSeconds() * 1000);
    }

    /** Replays every row of {@code in}; throws on the first malformed row, naming its line. */
    public Summary run(BufferedReader in) throws IOException, RecordingFormatException {
        RecordingReader.read(in, this::onRow, listener::onProgress);
        startPagesUpTo(Long.MAX_VALUE);
        while (nextPageToJudge < pagesMillis.length) {
            judge(nextPageToJudge++);
        }
        return new Summary(rows, beats, readings, firstSeconds, lastSeconds, List.copyOf(transitions),
                List.copyOf(reactions));
    }

    private void onRow(double timeSeconds, double hrBpm, double rrMillis) {
        rows++;
        if (Double.isNaN(firstSeconds)) {
            firstSeconds = timeSeconds;
        }
        lastSeconds = timeSeconds;
        if (Double.isNaN(hrBpm) && Double.isNaN(rrMillis)) {
            return;
        }
        long millis = toMillis(timeSeconds);
        if (lastRowMillis != NONE && millis - lastRowMillis > staleMillis) {
            emit(detector.tick(lastRowMillis + staleMillis + 1));
        }
        startPagesUpTo(millis);
        while (nextPageToJudge < pagesMillis.length
                && pageAnalyzer.dueAtMillis(pagesMillis[nextPageToJudge]) <= millis) {
            judge(nextPageToJudge++);
        }
        if (!Double.isNaN(rrMillis)) {
            beats++;
            emit(detector.onBeat(millis, rrMillis));
        } else {
            readings++;
            emit(detector.onHeartRate(millis, hrBpm));
        }
        lastRowMillis = millis;
        long second = Math.floorDiv(millis, 1000);
        if (trace != null && second != lastTracedSecond) {
            lastTracedSecond = second;
            trace.add(second, detector.heartRateBpm(), detector.baselineBpm(), detector.state());
        }
    }

    /** Notes the baseline of every page sent up to {@code millis}: the level the page is judged against. */
    private void startPagesUpTo(long millis) {
        while (nextPageToStart < pagesMillis.length && pagesMillis[nextPageToStart] <= millis) {
            baselineAtPage[nextPageToStart++] = detector.baselineBpm();
        }
    }

    private void judge(int page) {
        PageReaction reaction = pageAnalyzer.analyze(detector.history(), pagesMillis[page], baselineAtPage[page]);
        reactions.add(reaction);
        listener.onPageReaction(reaction);
    }

    private void emit(StressTransition transition) {
        if (transition != null) {
            transitions.add(transition);
            listener.onTransition(transition);
        }
    }

    static long toMillis(double seconds) {
        return Math.round(seconds * 1000);
    }
}
