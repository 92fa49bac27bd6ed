package dev.limbic.escalation;

import java.util.Locale;

/** Why a responder is paged. */
public enum PageReason {
    /** The escalation reached their step (first pass or a repeat). */
    ESCALATION,
    /** An acknowledgement timed out without a resolve. */
    ACK_TIMEOUT,
    /** A snooze ended. */
    SNOOZE_ENDED,
    /** Someone asked to escalate now. */
    ESCALATED_MANUALLY,
    /** The incident was reassigned to them. */
    REASSIGNED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in the API and the database. */
    public String wireName() {
        return wireName;
    }
}
