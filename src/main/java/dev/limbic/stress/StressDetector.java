package dev.limbic.stress;

import dev.limbic.heartrate.HeartRateMeasurement;
import dev.limbic.heartrate.SensorContact;

import java.util.Locale;

/**
 * The live stress estimate of one responder. Feed it samples in time order; it answers with a
 * {@link StressTransition} when the state changes, otherwise {@code null}. Not thread-safe: the caller
 * serialises access (see {@link StressMonitor}). Allocates only when the state changes.
 *
 * <p>How it decides:
 * <ol>
 *   <li>Signal quality: no skin contact means no valid data; heart rates outside 30–220 bpm and RR
 *       intervals outside 300–2000 ms are rejected; RR artefacts are removed by {@link RrArtefactFilter}.
 *       Heart rate comes from clean RR intervals when the sensor sends them, else from its own value.</li>
 *   <li>Heart rate is smoothed exponentially ({@link StressThresholds#smoothingSeconds()}) and kept per
 *       second for five minutes ({@link HeartRateHistory}).</li>
 *   <li>{@code UNKNOWN} whenever data is missing: disconnected, no contact, no valid data for
 *       {@link StressThresholds#staleAfterSeconds()}, the warm-up after a (re)connect, or under half of the
 *       last 30 s covered by valid data. Missing data never reads as calm.</li>
 *   <li>Otherwise the smoothed rate is compared with the personal baseline ({@link PersonalBaseline}):
 *       held {@code elevated_sustain_seconds} over {@code elevated_delta_bpm} or {@code acute_sustain_seconds}
 *       over {@code acute_delta_bpm} the state rises; held {@link StressThresholds#recoverSeconds()} under a
 *       level less {@link StressThresholds#hysteresisBpm()} it falls back.</li>
 *   <li>Short-window RMSSD confirms: when it is available (at least 20 clean beat pairs in 30 s, under 5 %
 *       of recent beats rejected as artefacts) and not lower than the responder's usual RMSSD, heart-rate
 *       variability contradicts stress and the state does not rise. It never raises a state by itself.</li>
 *   <li>The baseline is the median of the means of the last {@code baseline_window_minutes} calm minutes,
 *       so it is frozen while the responder is stressed or data is missing. One deliberate exception bends
 *       "frozen while stressed": after {@code baseline_thaw_minutes} continuously in {@code ELEVATED} (never
 *       {@code ACUTE}) the baseline learns again, because a long, steady elevation is a new normal (awake
 *       after sleep, standing, walking) rather than a reaction. Without the thaw a responder who slept while
 *       the baseline was learned would read {@code ELEVATED} all day. An acute reaction never thaws it.</li>
 * </ol>
 */
public final class StressDetector {
    static final double MIN_HEART_RATE_BPM = 30;
    static final double MAX_HEART_RATE_BPM = 220;
    static final double MIN_RR_MILLIS = 300;
    static final double MAX_RR_MILLIS = 2000;
    /** Window over which valid-data coverage is judged. */
    static final long QUALITY_WINDOW_MILLIS = 30_000;
    /** Least fraction of the quality window that valid data must cover. */
    static final double MIN_COVERAGE = 0.5;
    static final long RMSSD_WINDOW_MILLIS = 30_000;
    static final int RMSSD_MIN_PAIRS = 20;
    /** RMSSD above this fraction of the usual RMSSD contradicts a rise of heart rate. */
    static final double RMSSD_CONFIRM_RATIO = 1.0;
    /** Weight of one beat in the running share of rejected beats (about the last 30 beats count). */
    static final double ARTEFACT_SHARE_WEIGHT = 1.0 / 30;
    /**
     * Above this share of rejected beats, artefacts that slipped through would inflate RMSSD, so it is not
     * trusted to contradict a rise: a missed veto costs a false alarm, a wrong veto a missed spike.
     */
    static final double MAX_ARTEFACT_SHARE_FOR_RMSSD = 0.05;
    /** A beat that starts more than this after the previous one ended does not follow it. */
    private static final long MAX_BEAT_GAP_MILLIS = 1000;
    /** A heart-rate reading without RR covers at most this much time before it. */
    private static final long MAX_READING_SPAN_MILLIS = 2000;
    private static final long NONE = Long.MIN_VALUE;

    private enum DataProblem { NO_DATA, DISCONNECTED, CONTACT_LOST, STALE, WARMING_UP, TOO_LITTLE_DATA }

    private final StressThresholds thresholds;
    private final long staleMillis;
    private final long warmUpMillis;
    private final long elevatedSustainMillis;
    private final long acuteSustainMillis;
    private final long recoverMillis;
    private final long thawMillis;
    private final double smoothingMillis;
    private final RrArtefactFilter artefacts = new RrArtefactFilter();
    private final RmssdWindow rmssd = new RmssdWindow(RMSSD_WINDOW_MILLIS, RMSSD_MIN_PAIRS);
    private final HeartRateHistory history = new HeartRateHistory();
    private final PersonalBaseline baseline;

    private StressState state = StressState.UNKNOWN;
    private long stateSinceMillis = NONE;
    private long lastInputMillis = NONE;
    private long lastValidMillis = NONE;
    private long runStartMillis = NONE;
    private long lastBeatMillis = NONE;
    private long openSecond = NONE;
    private double smoothedBpm = Double.NaN;
    private double lastCleanRrMillis = Double.NaN;
    private boolean contactLost;
    private boolean disconnected;
    private long aboveElevatedSince = NONE;
    private long aboveAcuteSince = NONE;
    private long belowElevatedSince = NONE;
    private long belowAcuteSince = NONE;
    private long cleanBeats;
    private long rejectedBeats;
    private long rejectedReadings;
    private double artefactShare;

    public StressDetector(StressThresholds thresholds) {
        this.thresholds = thresholds;
        this.staleMillis = Math.round(thresholds.staleAfterSeconds() * 1000);
        this.warmUpMillis = Math.round(thresholds.warmUpSeconds() * 1000);
        this.elevatedSustainMillis = Math.round(thresholds.elevatedSustainSeconds() * 1000);
        this.acuteSustainMillis = Math.round(thresholds.acuteSustainSeconds() * 1000);
        this.recoverMillis = Math.round(thresholds.recoverSeconds() * 1000);
        this.thawMillis = Math.round(thresholds.baselineThawMinutes() * 60_000);
        this.smoothingMillis = thresholds.smoothingSeconds() * 1000;
        this.baseline = new PersonalBaseline(thresholds.restingHeartRateBpm(), thresholds.baselineWindowMinutes());
    }

    /** One decoded Heart Rate Measurement received at {@code atMillis}. */
    public StressTransition onMeasurement(long atMillis, HeartRateMeasurement measurement) {
        long now = monotonic(atMillis);
        if (measurement.contact() == SensorContact.LOST) {
            contactLost = true;
            endRun();
            return evaluate(now);
        }
        contactLost = false;
        int count = measurement.rrCount();
        if (count == 0) {
            ingestReading(now, measurement.heartRateBpm());
            return evaluate(now);
        }
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += measurement.rrIntervalMillis(i);
        }
        double elapsed = 0;
        for (int i = 0; i < count; i++) {
            double rr = measurement.rrIntervalMillis(i);
            elapsed += rr;
            ingestBeat(Math.max(lastInputMillis, now - Math.round(total - elapsed)), rr);
        }
        return evaluate(now);
    }

    /** A heart-rate reading without RR intervals (for example a 1 Hz HR column in a recording). */
    public StressTransition onHeartRate(long atMillis, double heartRateBpm) {
        long now = monotonic(atMillis);
        ingestReading(now, heartRateBpm);
        return evaluate(now);
    }

    /** One beat-to-beat interval ending at {@code atMillis} (for example an RR column in a recording). */
    public StressTransition onBeat(long atMillis, double rrMillis) {
        long now = monotonic(atMillis);
        ingestBeat(now, rrMillis);
        return evaluate(now);
    }

    /** The sensor's link went away: the state becomes {@code UNKNOWN} until fresh data has warmed up. */
    public StressTransition onDisconnect(long atMillis) {
        long now = monotonic(atMillis);
        disconnected = true;
        endRun();
        return evaluate(now);
    }

    /** Time passes without data: goes {@code UNKNOWN} when the stream has been silent too long. */
    public StressTransition tick(long nowMillis) {
        if (state == StressState.UNKNOWN) {
            return null;
        }
        DataProblem problem = problemAt(nowMillis, false);
        if (problem == null) {
            return null;
        }
        if (problem == DataProblem.STALE) {
            endRun();
        }
        return moveTo(StressState.UNKNOWN, nowMillis, unknownReason(problem, nowMillis));
    }

    public StressState state() {
        return state;
    }

    /** The smoothed current heart rate, or {@code NaN} when there is none. */
    public double heartRateBpm() {
        return runStartMillis == NONE ? Double.NaN : smoothedBpm;
    }

    /** When the last valid reading arrived (epoch ms), or {@link Long#MIN_VALUE} when none has. */
    public long lastReadingMillis() {
        return lastValidMillis;
    }

    /** The personal baseline in use now. */
    public double baselineBpm() {
        return baseline.bpm();
    }

    /** Whether the baseline has been learned from the responder's own data (else it is the configured one). */
    public boolean baselineLearned() {
        return baseline.learned();
    }

    /**
     * Short-window RMSSD of clean beats at {@code nowMillis}, or {@code NaN} with too few clean beats. The
     * detector itself ignores it while over {@value #MAX_ARTEFACT_SHARE_FOR_RMSSD} of recent beats were artefacts.
     */
    public double rmssdMillis(long nowMillis) {
        return rmssd.rmssdMillis(nowMillis);
    }

    /** The smoothed heart rate per second over the last five minutes. */
    public HeartRateHistory history() {
        return history;
    }

    /** RR intervals accepted as clean so far. */
    public long cleanBeats() {
        return cleanBeats;
    }

    /** RR intervals rejected so far: out of range or artefacts. */
    public long rejectedBeats() {
        return rejectedBeats;
    }

    /** Heart-rate readings (without RR) rejected so far as impossible. */
    public long rejectedReadings() {
        return rejectedReadings;
    }

    public StressThresholds thresholds() {
        return thresholds;
    }

    private long monotonic(long atMillis) {
        long now = lastInputMillis == NONE ? atMillis : Math.max(atMillis, lastInputMillis);
        lastInputMillis = now;
        return now;
    }

    private void ingestReading(long atMillis, double bpm) {
        if (!(bpm >= MIN_HEART_RATE_BPM && bpm <= MAX_HEART_RATE_BPM)) {
            rejectedReadings++;
            return;
        }
        long coveredFrom = lastValidMillis == NONE ? atMillis : Math.max(lastValidMillis, atMillis - MAX_READING_SPAN_MILLIS);
        acceptHeartRate(atMillis, bpm, coveredFrom);
    }

    private void ingestBeat(long atMillis, double rrMillis) {
        boolean follows = lastBeatMillis != NONE && atMillis - rrMillis - lastBeatMillis <= MAX_BEAT_GAP_MILLIS;
        lastBeatMillis = atMillis;
        if (!follows) {
            artefacts.breakSequence();
            lastCleanRrMillis = Double.NaN;
        }
        if (!(rrMillis >= MIN_RR_MILLIS && rrMillis <= MAX_RR_MILLIS) || !artefacts.accept(rrMillis)) {
            rejectedBeats++;
            artefactShare += ARTEFACT_SHARE_WEIGHT * (1 - artefactShare);
            lastCleanRrMillis = Double.NaN;
            return;
        }
        cleanBeats++;
        artefactShare -= ARTEFACT_SHARE_WEIGHT * artefactShare;
        if (!Double.isNaN(lastCleanRrMillis)) {
            rmssd.add(atMillis, rrMillis - lastCleanRrMillis);
        }
        lastCleanRrMillis = rrMillis;
        acceptHeartRate(atMillis, 60_000 / rrMillis, atMillis - Math.round(rrMillis));
    }

    private void acceptHeartRate(long atMillis, double bpm, long coveredFromMillis) {
        if (runStartMillis == NONE || atMillis - lastValidMillis > staleMillis) {
            startRun(atMillis);
            smoothedBpm = bpm;
        } else {
            double weight = 1 - Math.exp(-(atMillis - lastValidMillis) / smoothingMillis);
            smoothedBpm += weight * (bpm - smoothedBpm);
        }
        lastValidMillis = atMillis;
        disconnected = false;
        long second = Math.floorDiv(atMillis, 1000);
        if (second != openSecond) {
            closeOpenSecond();
            openSecond = second;
        }
        history.record(atMillis, coveredFromMillis, smoothedBpm);
    }

    /** Gives the second just completed to the baseline, if it is representative of the responder at rest. */
    private void closeOpenSecond() {
        if (openSecond == NONE) {
            return;
        }
        long secondMillis = openSecond * 1000;
        double bpm = history.bpmAt(secondMillis);
        if (!Double.isNaN(bpm) && teachesBaseline(secondMillis)) {
            baseline.addSecond(bpm, rmssd.rmssdMillis(secondMillis + 999));
        }
    }

    private boolean teachesBaseline(long atMillis) {
        if (!baseline.learned()) {
            return state != StressState.ACUTE;
        }
        return switch (state) {
            case CALM -> true;
            case ELEVATED -> atMillis - stateSinceMillis >= thawMillis;
            case ACUTE, UNKNOWN -> false;
        };
    }

    private void startRun(long atMillis) {
        runStartMillis = atMillis;
        aboveElevatedSince = NONE;
        aboveAcuteSince = NONE;
        belowElevatedSince = NONE;
        belowAcuteSince = NONE;
    }

    private void endRun() {
        runStartMillis = NONE;
        lastBeatMillis = NONE;
        lastCleanRrMillis = Double.NaN;
        artefacts.breakSequence();
    }

    /**
     * What keeps the detector from judging at {@code nowMillis}, or {@code null}. Coverage is judged only
     * when data arrives; silence alone counts as a problem once it is stale.
     */
    private DataProblem problemAt(long nowMillis, boolean judgeCoverage) {
        if (disconnected) {
            return DataProblem.DISCONNECTED;
        }
        if (contactLost) {
            return DataProblem.CONTACT_LOST;
        }
        if (lastValidMillis == NONE) {
            return DataProblem.NO_DATA;
        }
        if (runStartMillis == NONE || nowMillis - lastValidMillis > staleMillis) {
            return DataProblem.STALE;
        }
        if (nowMillis - runStartMillis < warmUpMillis) {
            return DataProblem.WARMING_UP;
        }
        if (!judgeCoverage) {
            return null;
        }
        long windowStart = Math.max(runStartMillis, nowMillis - QUALITY_WINDOW_MILLIS);
        long windowSeconds = Math.floorDiv(nowMillis, 1000) - Math.floorDiv(windowStart, 1000) + 1;
        if (history.secondsWithData(windowStart, nowMillis + 1) < MIN_COVERAGE * windowSeconds) {
            return DataProblem.TOO_LITTLE_DATA;
        }
        return null;
    }

    private StressTransition evaluate(long nowMillis) {
        DataProblem problem = problemAt(nowMillis, true);
        if (problem != null) {
            if (problem == DataProblem.STALE) {
                endRun();
            }
            return state == StressState.UNKNOWN ? null
                    : moveTo(StressState.UNKNOWN, nowMillis, unknownReason(problem, nowMillis));
        }
        double baselineBpm = baseline.bpm();
        double delta = smoothedBpm - baselineBpm;
        double elevated = thresholds.elevatedDeltaBpm();
        double acute = thresholds.acuteDeltaBpm();
        double hysteresis = thresholds.hysteresisBpm();
        aboveElevatedSince = since(delta >= elevated, aboveElevatedSince, nowMillis);
        aboveAcuteSince = since(delta >= acute, aboveAcuteSince, nowMillis);
        belowElevatedSince = since(delta < elevated - hysteresis, belowElevatedSince, nowMillis);
        belowAcuteSince = since(delta < acute - hysteresis, belowAcuteSince, nowMillis);

        boolean acuteHeld = held(aboveAcuteSince, acuteSustainMillis, nowMillis);
        boolean elevatedHeld = held(aboveElevatedSince, elevatedSustainMillis, nowMillis);
        boolean calmHeld = held(belowElevatedSince, recoverMillis, nowMillis);
        boolean belowAcuteHeld = held(belowAcuteSince, recoverMillis, nowMillis);
        double rmssdNow = artefactShare <= MAX_ARTEFACT_SHARE_FOR_RMSSD ? rmssd.rmssdMillis(nowMillis) : Double.NaN;
        double usualRmssd = baseline.rmssdMillis();
        boolean variabilityAgrees = Double.isNaN(rmssdNow) || Double.isNaN(usualRmssd)
                || rmssdNow <= usualRmssd * RMSSD_CONFIRM_RATIO;

        return switch (state) {
            case UNKNOWN -> {
                StressState judged = acuteHeld && variabilityAgrees ? StressState.ACUTE
                        : delta >= elevated ? StressState.ELEVATED : StressState.CALM;
                yield moveTo(judged, nowMillis, "judged after warm-up: " + levelDescription(delta, baselineBpm));
            }
            case CALM -> {
                if (acuteHeld && variabilityAgrees) {
                    yield rise(StressState.ACUTE, aboveAcuteSince, nowMillis, delta, baselineBpm, rmssdNow, usualRmssd);
                }
                if (elevatedHeld && variabilityAgrees) {
                    yield rise(StressState.ELEVATED, aboveElevatedSince, nowMillis, delta, baselineBpm, rmssdNow, usualRmssd);
                }
                yield null;
            }
            case ELEVATED -> {
                if (acuteHeld && variabilityAgrees) {
                    yield rise(StressState.ACUTE, aboveAcuteSince, nowMillis, delta, baselineBpm, rmssdNow, usualRmssd);
                }
                if (calmHeld) {
                    yield fall(StressState.CALM, elevated - hysteresis, nowMillis, delta, baselineBpm);
                }
                yield null;
            }
            case ACUTE -> {
                if (calmHeld) {
                    yield fall(StressState.CALM, elevated - hysteresis, nowMillis, delta, baselineBpm);
                }
                if (belowAcuteHeld) {
                    yield fall(StressState.ELEVATED, acute - hysteresis, nowMillis, delta, baselineBpm);
                }
                yield null;
            }
        };
    }

    private static long since(boolean condition, long sinceMillis, long nowMillis) {
        if (!condition) {
            return NONE;
        }
        return sinceMillis == NONE ? nowMillis : sinceMillis;
    }

    private static boolean held(long sinceMillis, long durationMillis, long nowMillis) {
        return sinceMillis != NONE && nowMillis - sinceMillis >= durationMillis;
    }

    private StressTransition rise(StressState to, long sinceMillis, long nowMillis, double delta, double baselineBpm,
                                  double rmssdNow, double usualRmssd) {
        StringBuilder reason = new StringBuilder(levelDescription(delta, baselineBpm))
                .append(String.format(Locale.ROOT, " for %.0f s", (nowMillis - sinceMillis) / 1000.0));
        if (!Double.isNaN(rmssdNow)) {
            reason.append(String.format(Locale.ROOT, "; RMSSD %.0f ms", rmssdNow));
            if (!Double.isNaN(usualRmssd)) {
                reason.append(String.format(Locale.ROOT, " (usual %.0f ms)", usualRmssd));
            }
        }
        return moveTo(to, nowMillis, reason.toString());
    }

    private StressTransition fall(StressState to, double level, long nowMillis, double delta, double baselineBpm) {
        return moveTo(to, nowMillis, levelDescription(delta, baselineBpm)
                + String.format(Locale.ROOT, ", under %+.0f for %.0f s", level, recoverMillis / 1000.0));
    }

    private String levelDescription(double delta, double baselineBpm) {
        return String.format(Locale.ROOT, "HR %.0f bpm, %+d over %s baseline %.0f", smoothedBpm, Math.round(delta),
                baseline.learned() ? "personal" : "configured", baselineBpm);
    }

    private String unknownReason(DataProblem problem, long nowMillis) {
        return switch (problem) {
            case NO_DATA -> "no data yet";
            case DISCONNECTED -> "sensor disconnected";
            case CONTACT_LOST -> "sensor reports no skin contact";
            case STALE -> String.format(Locale.ROOT, "no valid data for %.0f s", (nowMillis - lastValidMillis) / 1000.0);
            case WARMING_UP -> String.format(Locale.ROOT, "warming up after (re)connect (%.0f s of data, needs %.0f s)",
                    (nowMillis - runStartMillis) / 1000.0, warmUpMillis / 1000.0);
            case TOO_LITTLE_DATA -> String.format(Locale.ROOT, "too little valid data (%d of the last %d s)",
                    history.secondsWithData(Math.max(runStartMillis, nowMillis - QUALITY_WINDOW_MILLIS), nowMillis + 1),
                    (Math.min(nowMillis - runStartMillis, QUALITY_WINDOW_MILLIS) / 1000) + 1);
        };
    }

    private StressTransition moveTo(StressState to, long nowMillis, String reason) {
        if (to == state) {
            return null;
        }
        StressTransition transition = new StressTransition(state, to, nowMillis, heartRateBpm(), baseline.bpm(), reason);
        state = to;
        stateSinceMillis = nowMillis;
        return transition;
    }
}
