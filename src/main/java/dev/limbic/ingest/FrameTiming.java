package dev.limbic.ingest;

/** The window of send times the gateway accepts, against its own clock. */
final class FrameTiming {
    /** Relays' clocks may run a little ahead; beyond this a frame is refused. */
    static final long MAX_FUTURE_MILLIS = 5_000;
    /** Relays may buffer while offline; older frames no longer describe the responder's present. */
    static final long MAX_AGE_MILLIS = 5 * 60_000;

    private FrameTiming() {
    }

    /** The rejection for a frame sent at {@code sentAtMillis} and received at {@code nowMillis}, or {@code null}. */
    static FrameRejection check(AuthenticatedDevice device, long sentAtMillis, long nowMillis) {
        if (sentAtMillis > nowMillis + MAX_FUTURE_MILLIS) {
            return FrameRejection.SENT_IN_FUTURE;
        }
        if (sentAtMillis < nowMillis - MAX_AGE_MILLIS) {
            return FrameRejection.TOO_OLD;
        }
        if (!device.advanceTo(sentAtMillis)) {
            return FrameRejection.OUT_OF_ORDER;
        }
        return null;
    }
}
