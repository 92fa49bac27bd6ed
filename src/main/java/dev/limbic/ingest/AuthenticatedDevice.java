package dev.limbic.ingest;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A configured device, as ingest knows it once its token matched. One instance per device, shared by all
 * its connections, so frame order is checked per device whichever transport it uses.
 */
public final class AuthenticatedDevice {
    private static final long NONE = Long.MIN_VALUE;

    private final String deviceId;
    private final String responderId;
    private final boolean consented;
    private final AtomicLong lastSentAtMillis = new AtomicLong(NONE);
    private final AtomicInteger responderStreams;
    private volatile boolean revoked;
    private volatile boolean consentWithdrawn;

    /** @param responderStreams the open streams of the responder, shared by all their devices */
    AuthenticatedDevice(String deviceId, String responderId, boolean consented, AtomicInteger responderStreams) {
        this.deviceId = deviceId;
        this.responderId = responderId;
        this.consented = consented;
        this.responderStreams = responderStreams;
    }

    public String deviceId() {
        return deviceId;
    }

    public String responderId() {
        return responderId;
    }

    /**
     * Whether a reloaded configuration took this device away (its token removed, its responder gone or no longer
     * opted in): its frames are refused and its streams close.
     */
    public boolean revoked() {
        return revoked;
    }

    /** Whether it was revoked because its responder is no longer opted in (or no longer configured). */
    public boolean consentWithdrawn() {
        return consentWithdrawn;
    }

    void revoke(boolean responderWithdrew) {
        consentWithdrawn = responderWithdrew;
        revoked = true;
    }

    /** Whether the device's responder opted in to heart-rate monitoring. */
    public boolean consented() {
        return consented;
    }

    /**
     * Records {@code sentAtMillis} as the newest frame, unless a frame sent after it was applied already.
     * Frames stamped with the same millisecond are in order (a relay flushing a buffer may stamp several alike).
     */
    boolean advanceTo(long sentAtMillis) {
        while (true) {
            long last = lastSentAtMillis.get();
            if (sentAtMillis < last) {
                return false;
            }
            if (sentAtMillis == last || lastSentAtMillis.compareAndSet(last, sentAtMillis)) {
                return true;
            }
        }
    }

    void streamOpened() {
        responderStreams.incrementAndGet();
    }

    /** Whether the stream that closed was the responder's last open one. */
    boolean streamClosed() {
        return responderStreams.decrementAndGet() == 0;
    }
}
