package dev.limbic.ble;

import dev.limbic.firmware.FirmwareProfile;

/**
 * Where a {@link BleSource} delivers its straps' links and frames: the gateway's hot path ({@link HotPathFrames}) or
 * an edge box's relay to a central gateway. {@link #linkUp} and {@link #linkLost} are called on the source's thread,
 * {@link #frame} on TinyB's; none may block.
 */
public interface StrapFrames {
    /** Whether frames of this pairing are accepted at all (checked when the source learns of the pairing). */
    boolean accepts(Pairing pairing);

    /** The strap's link came up. */
    void linkUp(Pairing pairing);

    /**
     * One Heart Rate Measurement value notified by the strap.
     *
     * @param value          TinyB's own array for this notification (not reused by TinyB)
     * @param linkUpAtMillis when the carrying link came up, for profile quirks that depend on it
     */
    void frame(Pairing pairing, FirmwareProfile profile, long linkUpAtMillis, byte[] value, long arrivalNanos);

    /** The strap's link was lost. */
    void linkLost(Pairing pairing);
}
