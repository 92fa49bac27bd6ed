package dev.limbic.firmware;

import dev.limbic.heartrate.SensorContact;

/**
 * Tells the link watchdog whether one link's silence is what its profile's {@code link_drops_off_body} quirk predicts.
 * The watchdog feeds it every frame's contact status; when the link has been silent too long it asks
 * {@link #expected}: the silence is expected when the profile has the quirk, the link's last frame reported contact
 * {@link SensorContact#LOST lost}, and the link went quiet no later than the quirk's {@code seconds} after the first
 * frame of that contact-lost spell (the strap left the body and dropped its link as the family does). Any other
 * silence is a link failure. Pure: times come from the caller. Thread-safe for one writer (the thread that notifies
 * frames) and one reader (the watchdog).
 */
public final class OffBodySilence {
    private static final long NONE = Long.MIN_VALUE;
    private final long dropsAfterMillis;
    private volatile long offBodySinceMillis = NONE;

    /** For a link of a device of {@code profile}. */
    public OffBodySilence(FirmwareProfile profile) {
        this.dropsAfterMillis = profile.quirk(Quirk.LinkDropsOffBody.class).map(q -> q.after().toMillis()).orElse(-1L);
    }

    /** Notes a frame's contact status received at {@code atMillis}. */
    public void frame(SensorContact contact, long atMillis) {
        if (contact != SensorContact.LOST) {
            offBodySinceMillis = NONE;
        } else if (offBodySinceMillis == NONE) {
            offBodySinceMillis = atMillis;
        }
    }

    /**
     * Whether silence since the last frame, received at {@code lastFrameAtMillis}, is the expected off-body link drop
     * rather than a link failure.
     */
    public boolean expected(long lastFrameAtMillis) {
        long since = offBodySinceMillis;
        return dropsAfterMillis >= 0 && since != NONE && lastFrameAtMillis - since <= dropsAfterMillis;
    }
}
