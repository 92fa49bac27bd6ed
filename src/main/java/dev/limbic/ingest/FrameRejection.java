package dev.limbic.ingest;

import dev.limbic.heartrate.DecodeOutcome;

/**
 * Why a frame or sample was not applied; the {@code reason} label of the rejected-frames metric. Few and
 * stable on purpose. The malformed-value reasons are the decoder's own ({@link DecodeOutcome#reason()}).
 */
public enum FrameRejection {
    BAD_VERSION("bad_version", true),
    TOO_SHORT("too_short", true),
    EMPTY(DecodeOutcome.EMPTY.reason(), true),
    TRUNCATED_HEART_RATE(DecodeOutcome.TRUNCATED_HEART_RATE.reason(), true),
    TRUNCATED_ENERGY_EXPENDED(DecodeOutcome.TRUNCATED_ENERGY_EXPENDED.reason(), true),
    TRUNCATED_RR_INTERVAL(DecodeOutcome.TRUNCATED_RR_INTERVAL.reason(), true),
    TOO_LONG(DecodeOutcome.TOO_LONG.reason(), true),
    TEXT_FRAME("text_frame", true),
    FRAGMENTED_FRAME("fragmented_frame", true),
    /** Sent more than {@link FrameTiming#MAX_FUTURE_MILLIS} ahead of the gateway's clock. */
    SENT_IN_FUTURE("sent_in_future", false),
    /** Sent more than {@link FrameTiming#MAX_AGE_MILLIS} ago. */
    TOO_OLD("too_old", false),
    /** Sent earlier than a frame already applied for the same device. */
    OUT_OF_ORDER("out_of_order", false),
    /** A heart rate without RR from a {@code contact_unreliable} device that fails its plausibility rule. */
    IMPLAUSIBLE("implausible", false),
    /** From a device a reloaded configuration took away (token removed, responder gone or no longer opted in). */
    REVOKED("revoked", false);

    private final String reason;
    private final boolean malformed;

    FrameRejection(String reason, boolean malformed) {
        this.reason = reason;
        this.malformed = malformed;
    }

    public String reason() {
        return reason;
    }

    /** Whether the frame itself is broken (as opposed to well-formed but untimely). */
    public boolean malformed() {
        return malformed;
    }

    /** The rejection for a decoder outcome other than {@link DecodeOutcome#OK}. */
    static FrameRejection of(DecodeOutcome outcome) {
        return switch (outcome) {
            case EMPTY -> EMPTY;
            case TRUNCATED_HEART_RATE -> TRUNCATED_HEART_RATE;
            case TRUNCATED_ENERGY_EXPENDED -> TRUNCATED_ENERGY_EXPENDED;
            case TRUNCATED_RR_INTERVAL -> TRUNCATED_RR_INTERVAL;
            case TOO_LONG -> TOO_LONG;
            case OK -> throw new IllegalArgumentException("OK is not a rejection");
        };
    }
}
