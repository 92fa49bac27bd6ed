package dev.limbic.firmware;

import dev.limbic.heartrate.HeartRateMeasurement;

/**
 * The plausibility rule of the {@code contact_unreliable} quirk for one link: a sensor whose contact bits cannot be
 * trusted (optical, often non-zero when not worn) has its heart rate without RR intervals counted only when it is
 * plausible. A frame carrying RR intervals is always plausible (the device saw beats). A frame without RR is
 * implausible when:
 * <ul>
 *   <li>its heart rate is below {@link #MIN_BPM} or above {@link #MAX_BPM};</li>
 *   <li>it differs by more than {@link #MAX_JUMP_BPM} from the previous frame's heart rate, received at most
 *       {@link #JUMP_WINDOW_MILLIS} earlier (a jump no heart makes between two 1 s samples);</li>
 *   <li>the heart rate has stayed exactly the same, in frames without RR, for {@link #MAX_FLAT_MILLIS} or longer
 *       (a live heart varies; a device off the body repeats a value).</li>
 * </ul>
 * The previous value the next jump is measured from is always the last frame's, plausible or not, so a real step
 * costs one frame. Not thread-safe: one instance per link, used on the thread that applies its frames; time comes
 * from the caller, so the rule is deterministic.
 */
public final class HeartRatePlausibility {
    /** Lowest heart rate counted, bpm. */
    public static final int MIN_BPM = 30;
    /** Highest heart rate counted, bpm. */
    public static final int MAX_BPM = 220;
    /** Largest change between consecutive frames that still counts, bpm. */
    public static final int MAX_JUMP_BPM = 30;
    /** Consecutive frames further apart than this are not compared for jumps, ms. */
    public static final long JUMP_WINDOW_MILLIS = 2_000;
    /** How long an exactly constant heart rate without RR may last before it stops counting, ms. */
    public static final long MAX_FLAT_MILLIS = 60_000;

    private boolean seen;
    private int lastBpm;
    private long lastAtMillis;
    private long flatSinceMillis;

    /** Forgets the link's history (call it when the link comes up again). */
    public void reset() {
        seen = false;
    }

    /**
     * Notes one corrected frame and says whether its heart rate counts.
     *
     * @param atMillis when the frame was received
     */
    public boolean plausible(HeartRateMeasurement measurement, long atMillis) {
        int bpm = measurement.heartRateBpm();
        boolean withRr = measurement.rrCount() > 0;
        boolean consecutive = seen && atMillis - lastAtMillis <= JUMP_WINDOW_MILLIS;
        if (!seen || withRr || bpm != lastBpm) {
            flatSinceMillis = atMillis;
        }
        boolean jump = consecutive && Math.abs(bpm - lastBpm) > MAX_JUMP_BPM;
        seen = true;
        lastBpm = bpm;
        lastAtMillis = atMillis;
        if (withRr) {
            return true;
        }
        return bpm >= MIN_BPM && bpm <= MAX_BPM && !jump && atMillis - flatSinceMillis < MAX_FLAT_MILLIS;
    }
}
